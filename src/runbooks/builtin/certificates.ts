// The playbook's "Certificate Renewal" runbooks (and cmctl's way of forcing a renewal), for the Box's names.
import type { BoxNames } from '../../ladder/box-graph.js';
import type { RunbookDef } from '../schema.js';

export const certificateRunbooks = (n: BoxNames): RunbookDef[] => [
  {
    id: 'cert-renew-issuing',
    title: "Force renewal of {{target}} (cmctl's way: Issuing condition)",
    verb: 'renew certificate',
    playbook: 'Certificate Renewal: force renewal (cmctl renew)',
    appliesTo: { kinds: ['Certificate'] },
    steps: [{ action: 'renew', target: '{{target}}', method: 'issuing' }],
  },
  {
    id: 'cert-renew-delete',
    title: "Force renewal of {{target}} (the playbook's way: delete, cert-manager recreates)",
    verb: 'delete certificate',
    playbook: 'Certificate Renewal: force renewal — sunbeam k8s delete certificate -n ingress pingora-tls',
    appliesTo: { kinds: ['Certificate'] },
    steps: [{ action: 'renew', target: '{{target}}', method: 'delete' }],
  },
  {
    id: 'acme-check',
    title: 'ACME challenge check of {{target}}',
    verb: 'ACME check',
    playbook: 'Certificate Renewal: ACME challenge issues',
    appliesTo: { kinds: ['Certificate'] },
    steps: [{ action: 'acme-check', target: '{{target}}' }],
  },
  {
    id: 'cert-manager-logs',
    title: 'cert-manager logs',
    verb: 'logs',
    playbook: 'Certificate Renewal: check cert-manager logs — sunbeam logs cert-manager/cert-manager',
    appliesTo: { kinds: ['Certificate'], rungs: [2] },
    steps: [{ action: 'logs', target: 'cert-manager/cert-manager' }],
  },
  {
    id: 'renew-pingora-tls',
    title: `Certs expired: renew ${n.ingress.namespace}/${n.ingress.certificate} (delete, cert-manager recreates)`,
    verb: 'delete certificate',
    playbook: 'Emergency: Certs expired — delete cert resource, let cert-manager recreate',
    appliesTo: { rungs: [2] },
    steps: [{ action: 'renew', target: `${n.ingress.namespace}/${n.ingress.certificate}`, method: 'delete' }],
  },
];
