// The playbook's "Secrets (OpenBao)" runbooks and its emergency row "OpenBao sealed: unseal with 3 of 5 keys":
// one unseal share at a time (typed hidden, to every sealed replica, the leader first), the reset of an unseal
// in progress, and static secret rotation in KV (`secret/{app}/{key}`, typed hidden or generated; the Django
// secret key, which invalidates every session).
import type { RunbookDef } from '../schema.js';

export const secretRunbooks: RunbookDef[] = [
  {
    id: 'vault-unseal',
    title: 'Unseal OpenBao: enter one key share (3 of 5)',
    verb: 'unseal',
    playbook: 'Secrets: unseal (needs 3 of 5 keys) — sunbeam vault unseal <key>; Emergency: OpenBao sealed',
    appliesTo: { rungs: [4], namespaces: ['openbao'] },
    params: [{ name: 'unsealKey', prompt: 'an unseal key share', secret: true }],
    steps: [{ action: 'unseal' }],
  },
  {
    id: 'vault-unseal-reset',
    title: 'Reset the OpenBao unseal in progress',
    verb: 'reset the unseal',
    playbook: 'bao operator unseal -reset',
    appliesTo: { rungs: [4], namespaces: ['openbao'] },
    steps: [{ action: 'unseal-reset' }],
  },
  {
    id: 'secret-rotate',
    title: 'Rotate a static secret: secret/{{app}}/{{key}} (typed value)',
    verb: 'rotate a secret',
    playbook: 'Secrets: rotate a static secret — sunbeam vault kv put secret/{app}/{key} value="new-value" (VSO picks it up within 30 s)',
    appliesTo: { rungs: [4] },
    params: [
      { name: 'app', prompt: 'the app (the first part of secret/{app}/{key})', example: 'messages' },
      { name: 'key', prompt: 'the key (the secret under the app)', example: 'smtp-password' },
      { name: 'value', prompt: 'the new value', secret: true },
    ],
    steps: [{ action: 'kv-put', path: 'secret/{{app}}/{{key}}', field: 'value', valueParam: 'value' }],
  },
  {
    id: 'secret-rotate-generated',
    title: 'Rotate a static secret: secret/{{app}}/{{key}} (generated: 32 random bytes, hex)',
    verb: 'rotate a secret',
    playbook: 'Secrets: rotate a static secret — sunbeam vault kv put secret/{app}/{key} value="$(openssl rand -hex 32)"',
    appliesTo: { rungs: [4] },
    params: [
      { name: 'app', prompt: 'the app (the first part of secret/{app}/{key})', example: 'messages' },
      { name: 'key', prompt: 'the key (the secret under the app)', example: 'api-signing-key' },
    ],
    steps: [{ action: 'kv-put', path: 'secret/{{app}}/{{key}}', field: 'value', generate: 'hex32' }],
  },
  {
    id: 'django-secret-rotate',
    title: 'Rotate the Django secret key (secret/messages/django-secret)',
    verb: 'rotate a secret',
    playbook: 'Secrets: rotate Django secret key (causes session invalidation) — sunbeam vault kv put secret/messages/django-secret DJANGO_SECRET_KEY="$(openssl rand -hex 32)"',
    appliesTo: { rungs: [4], namespaces: ['messages'] },
    steps: [
      {
        action: 'kv-put',
        path: 'secret/messages/django-secret',
        field: 'DJANGO_SECRET_KEY',
        generate: 'hex32',
        warning: 'every Messages session is invalidated: all users are logged out',
      },
    ],
  },
];
