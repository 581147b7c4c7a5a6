// KV rotation: a new value for one field of a static secret in OpenBao's KV v2 (`secret/{app}/{key}`), written
// whole with check-and-set against the version the preflight showed, so that a write by someone else in between
// fails instead of being lost. The value is typed hidden (a secret param, read at run time and dropped) or
// generated here (32 random bytes, hex); it is never in the plan, the equivalent command (`field=-`: from
// stdin), the journal or a message. Verification: the Kubernetes Secret the Vault Secrets Operator syncs from
// it changes, and the Deployments that use it finish their rollout.
import { createHash, randomBytes } from 'node:crypto';
import type { KubeClients } from '../../kube/client.js';
import { kubeReads } from '../kube-errors.js';
import type { ActionStep, PreflightLine, StepContext, VerifyResult } from '../types.js';
import { waitFor } from '../wait.js';
import { baoOf } from './bao-replicas.js';

export interface KvTarget {
  /** The KV v2 mount ('secret') and the path under it ('messages/django-secret'), and its app and key. */
  mount: string;
  path: string;
  app: string;
  key: string;
}

/** Where a field's new value comes from: a (secret) param read at run time, or generated here. */
export type KvValue = { param: string } | { generate: 'hex32' };

export interface KvField {
  field: string;
  value: KvValue;
}

/** "secret/messages/django-secret" -> mount, path; one sentence when it is not MOUNT/APP/KEY. */
export function parseKvPath(full: string): { mount: string; path: string; app: string; key: string } {
  const m = /^([a-z0-9][-a-z0-9_]*)\/([a-z0-9][-a-z0-9_.]*)\/([A-Za-z0-9][-A-Za-z0-9_.]*)$/.exec(full.trim().replace(/^\/+|\/+$/g, ''));
  if (!m) throw new Error(`"${full}" is not a KV path of the form secret/{app}/{key} (for example secret/messages/django-secret).`);
  return { mount: m[1]!, path: `${m[2]}/${m[3]}`, app: m[2]!, key: m[3]! };
}

/** The secret's current version (0: it does not exist yet), from its KV v2 metadata. */
export async function kvVersion(clients: StepContext['clients'], mount: string, path: string): Promise<number> {
  const bao = baoOf(clients);
  try {
    const md = (await bao.service.vault.read(`${mount}/metadata/${path}`)) as { data?: { current_version?: number } };
    return md?.data?.current_version ?? 0;
  } catch (err) {
    if ((err as { response?: { statusCode?: number } }).response?.statusCode === 404) return 0;
    throw err;
  }
}

/** The Kubernetes Secret VSO syncs `app/key` into: `key` or `key-secret` in namespace `app`, whichever exists. */
async function syncedSecret(kube: KubeClients, app: string, key: string): Promise<any | undefined> {
  for (const name of [key, `${key}-secret`]) {
    try {
      return await kube.core.readNamespacedSecret({ namespace: app, name });
    } catch {
      // not this one
    }
  }
  return undefined;
}

interface Synced {
  namespace: string;
  secret: any;
  /** The Deployments that restart when it changes. */
  users: any[];
}

/**
 * What the Vault Secrets Operator syncs `mount/path` into: the VaultStaticSecret naming it (its destination
 * Secret and rolloutRestartTargets), else by the Box's convention the Secret `key` or `key-secret` in namespace
 * `app` and the Deployments whose pods use it.
 */
async function syncedFrom(kube: KubeClients, t: KvTarget): Promise<Synced | undefined> {
  let vss: any[] = [];
  try {
    vss = ((await kube.custom.listClusterCustomObject({ group: 'secrets.hashicorp.com', version: 'v1beta1', plural: 'vaultstaticsecrets' })) as { items?: any[] }).items ?? [];
  } catch {
    // No Vault Secrets Operator CRD (or not allowed to list it): the convention below.
  }
  const hit = vss.find((v) => (v.spec?.mount ?? '') === t.mount && String(v.spec?.path ?? '').replace(/^\/+/, '') === t.path && v.spec?.destination?.name);
  if (hit) {
    const namespace = hit.metadata.namespace as string;
    const secret = await kube.core.readNamespacedSecret({ namespace, name: hit.spec.destination.name }).catch(() => undefined);
    if (!secret) return undefined;
    const names = (hit.spec.rolloutRestartTargets ?? []).filter((r: any) => r.kind === 'Deployment').map((r: any) => r.name as string);
    const users = await Promise.all(names.map((name: string) => kube.apps.readNamespacedDeployment({ namespace, name }).catch(() => undefined)));
    return { namespace, secret, users: users.filter(Boolean) };
  }
  const secret = await syncedSecret(kube, t.app, t.key);
  return secret ? { namespace: t.app, secret, users: await usersOf(kube, t.app, secret.metadata.name) } : undefined;
}

/** The Deployments of a namespace whose pods use the Secret (envFrom, env, volumes). */
async function usersOf(kube: KubeClients, namespace: string, secret: string): Promise<any[]> {
  const list = await kube.apps.listNamespacedDeployment({ namespace });
  return list.items.filter((d) => {
    const spec = d.spec?.template?.spec;
    const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
    return (
      containers.some((c) => (c.envFrom ?? []).some((e) => e.secretRef?.name === secret) || (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef?.name === secret)) ||
      (spec?.volumes ?? []).some((v) => v.secret?.secretName === secret)
    );
  });
}

/** A digest of the Secret's data: what changed is seen without keeping the data. */
function dataHash(secret: any): string {
  return createHash('sha256').update(JSON.stringify(secret?.data ?? {})).update(String(secret?.metadata?.annotations?.['secrets.hashicorp.com/vault-version'] ?? '')).digest('hex');
}

function rolledOut(d: any, since: Map<string, string>): boolean {
  const want = d.spec?.replicas ?? 1;
  const st = d.status ?? {};
  const changed = since.get(d.metadata?.name) !== `${d.metadata?.generation}/${d.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] ?? ''}`;
  return changed && (st.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && (st.updatedReplicas ?? 0) >= want && (st.readyReplicas ?? 0) >= want && (st.replicas ?? want) <= want;
}

const templateKey = (d: any) => `${d.metadata?.generation}/${d.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] ?? ''}`;

export function kvPutStep(t: KvTarget, fields: readonly KvField[], cas: number, warning?: string): ActionStep {
  const where = `${t.mount}/${t.path}`;
  const what = fields.map((f) => ('generate' in f.value ? `${f.field} (generated: 32 random bytes, hex)` : f.field)).join(', ');
  // The values never appear: a generated one is made at run time, a typed one comes from stdin (`field=-`).
  const args = fields.map((f) => `${f.field}=${'generate' in f.value ? '"$(openssl rand -hex 32)"' : '-'}`).join(' ');
  return {
    title: `Write ${what} to ${where} (check-and-set against version ${cas})`,
    tier: 'secret',
    dryRunnable: false,
    calls: [{ equivalent: { tool: 'bao', command: `bao kv put -cas=${cas} ${where} ${args}` }, method: 'POST', path: `/v1/${t.mount}/data/${t.path}` }],
    async preflight({ clients }) {
      const lines: PreflightLine[] = [];
      const now = await kvVersion(clients, t.mount, t.path);
      lines.push({ label: 'Current version', value: now === 0 ? `${where} does not exist yet (created as version 1)` : `${now}; the write checks-and-sets against ${cas}`, level: now === cas ? 'ok' : 'blocking' });
      if (now !== cas) lines[0]!.value = `${now}, not ${cas}: it changed since this was planned; plan it again`;
      const kube = kubeReads(clients.kube);
      const synced = await syncedFrom(kube, t);
      if (!synced) {
        lines.push({ label: 'Kubernetes Secret', value: `no Secret is synced from ${where} (no VaultStaticSecret names it, no ${t.key} or ${t.key}-secret in ${t.app}): nothing in the cluster changes`, level: 'warn' });
      } else {
        const users = synced.users;
        lines.push({ label: 'Kubernetes Secret', value: `${synced.namespace}/${synced.secret.metadata.name} (synced by the Vault Secrets Operator within 30 s)`, level: 'info' });
        lines.push({ label: 'Restarts', value: users.length ? users.map((d) => `deployment/${d.metadata.name}`).join(', ') : 'no Deployment uses it', level: users.length ? 'warn' : 'info' });
      }
      if (warning) lines.push({ label: 'Warning', value: warning, level: 'warn' });
      return lines;
    },
    async run(ctx) {
      const bao = baoOf(ctx.clients);
      const writer = ctx.writers.bao;
      if (!writer) return { ok: false, message: 'OpenBao is not configured: set BAO_ADDR, or try --demo.' };
      if (!bao.hasToken) return { ok: false, message: 'No OpenBao token: set BAO_TOKEN (or run bao login) to write KV.' };
      let data: Record<string, string> | undefined = {};
      for (const f of fields) {
        let v: string | undefined;
        if ('generate' in f.value) v = randomBytes(32).toString('hex');
        else {
          v = ctx.params[f.value.param];
          delete ctx.params[f.value.param];
        }
        if (!v) return { ok: false, message: `No value for ${f.field} was given; nothing was written.` };
        data[f.field] = v;
      }
      const kube = kubeReads(ctx.clients.kube);
      const synced = await syncedFrom(kube, t);
      const secret = synced?.secret;
      const users = synced?.users ?? [];
      const written = await writer.kvPut(t.mount, t.path, data, cas);
      data = undefined;
      return {
        ok: true,
        message: `${where} is now version ${written.version}.`,
        facts: { namespace: synced?.namespace, secret: secret?.metadata?.name, hash: secret ? dataHash(secret) : undefined, users: users.map((d) => [d.metadata.name, templateKey(d)]), version: written.version },
      };
    },
    async verify(ctx, ran): Promise<VerifyResult> {
      const f = ran.facts as { namespace?: string; secret?: string; hash?: string; users: [string, string][]; version: number };
      const ns = f.namespace ?? t.app;
      if (!f.secret) return { ok: true, message: `${where} is version ${f.version}; no Kubernetes Secret is synced from it.` };
      const kube = kubeReads(ctx.clients.kube);
      const since = new Map(f.users);
      return waitFor(
        async () => {
          const s = await kube.core.readNamespacedSecret({ namespace: ns, name: f.secret! });
          if (dataHash(s) === f.hash) return { done: false, text: `waiting for the Vault Secrets Operator to update ${ns}/${f.secret}` };
          const deps = await Promise.all([...since.keys()].map((name) => kube.apps.readNamespacedDeployment({ namespace: ns, name })));
          const pending = deps.filter((d) => !rolledOut(d, since)).map((d) => `deployment/${d.metadata?.name}`);
          if (pending.length) return { done: false, text: `${ns}/${f.secret} updated; waiting for the rollout of ${pending.join(', ')}` };
          return { done: true, text: `${where} is version ${f.version}, ${ns}/${f.secret} is updated${deps.length ? ` and ${deps.map((d) => `deployment/${d.metadata?.name}`).join(', ')} rolled out` : ''}` };
        },
        { timeoutMs: ctx.timeoutMs ?? 120_000, intervalMs: 1000, signal: ctx.signal, onProgress: ctx.onProgress, label: `${ns}/${f.secret} and its rollouts` },
      );
    },
  };
}
