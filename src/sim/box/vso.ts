// The Vault Secrets Operator's part in the Box, driven by its own custom resources as the real operator is:
//   - VaultStaticSecret (secret/ KV v2 -> a Kubernetes Secret): polled every refreshAfter (30 s); a new
//     version is written into the destination Secret and the rolloutRestartTargets are restarted.
//   - VaultDynamicSecret (database/creds/<app> -> <app>-db-creds): created once OpenBao is unsealed, and
//     rotated every 5 minutes (the database role's TTL), as the playbook's dynamic secrets are.
// While OpenBao is sealed nothing syncs (the operator logs "Vault is sealed", src/sim/box/logs/lines.ts).
// Also the matrix bot's token reaching the alert receiver when its Secret changes by hand.
import { createHash, randomBytes } from 'node:crypto';
import type { K8sObject, ObjectStore } from '../k8s/object-store.js';
import { WORKLOADS } from './catalog.js';
import type { Ctx } from './context.js';
import { iso, placeholder } from './util.js';
import { RESTARTED_AT } from './workloads.js';

const VSS = 'vaultstaticsecrets.secrets.hashicorp.com';
const VDS = 'vaultdynamicsecrets.secrets.hashicorp.com';
/** The annotation VSO puts on a rollout-restart target's pod template. */
export const VSO_RESTARTED_AT = 'vso.secrets.hashicorp.com/restartedAt';
/** The KV version a synced Secret holds. */
export const VAULT_VERSION = 'secrets.hashicorp.com/vault-version';
const REFRESH_MS = 30_000;
const ROTATE_MS = 5 * 60_000;
const VSO_LABELS = { 'app.kubernetes.io/part-of': 'sunbeam', 'app.kubernetes.io/managed-by': 'hashicorp-vso', 'app.kubernetes.io/component': 'secret-sync' };

/** The static secrets the Box's VSO mirrors: KV path, destination Secret, and what restarts after a change. */
const STATIC_RULES = [
  { namespace: 'messages', name: 'django-secret', path: 'messages/django-secret', destination: 'django-secret', restart: ['messages', 'messages-worker'] },
  { namespace: 'monitoring', name: 'matrix-bot', path: 'monitoring/matrix-bot', destination: 'matrix-bot-secret', restart: ['matrix-alertmanager-receiver'] },
];

/** The VaultStaticSecret and VaultDynamicSecret objects of the seeded Box. */
export function seedVsoRules(store: ObjectStore, created: string): void {
  for (const r of STATIC_RULES) {
    store.create(VSS, {
      apiVersion: 'secrets.hashicorp.com/v1beta1',
      kind: 'VaultStaticSecret',
      metadata: { name: r.name, namespace: r.namespace, labels: { 'app.kubernetes.io/part-of': 'sunbeam' }, creationTimestamp: created, generation: 1 },
      spec: {
        vaultAuthRef: 'vault-secrets-operator/default',
        mount: 'secret',
        type: 'kv-v2',
        path: r.path,
        refreshAfter: '30s',
        hmacSecretData: true,
        destination: { name: r.destination, create: false },
        rolloutRestartTargets: r.restart.map((name) => ({ kind: 'Deployment', name })),
      },
      status: { lastGeneration: 1, healthy: true },
    });
  }
  for (const w of WORKLOADS.filter((x) => x.needs.includes('vault'))) {
    store.create(VDS, {
      apiVersion: 'secrets.hashicorp.com/v1beta1',
      kind: 'VaultDynamicSecret',
      metadata: { name: `${w.name}-db-creds`, namespace: w.namespace, labels: { 'app.kubernetes.io/part-of': 'sunbeam' }, creationTimestamp: created, generation: 1 },
      spec: {
        vaultAuthRef: 'vault-secrets-operator/default',
        mount: 'database',
        path: `creds/${w.name}`,
        renewalPercent: 67,
        destination: { name: `${w.name}-db-creds`, create: true, labels: VSO_LABELS },
      },
      status: { lastGeneration: 1, lastRenewalTime: 0, secretLease: { ttl: ROTATE_MS / 1000, renewable: true } },
    });
  }
}

function mac(data: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify(Object.entries(data).sort())).digest('base64');
}

function creds(app: string): Record<string, string> {
  const user = `v-kubernetes-${app}-${randomBytes(10).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10)}-${Math.floor(Date.now() / 1000)}`;
  return { username: Buffer.from(user).toString('base64'), password: placeholder(`sim-placeholder-${randomBytes(6).toString('hex')}`) };
}

function restartTargets(ctx: Ctx, ns: string, vss: K8sObject): void {
  for (const t of vss.spec?.rolloutRestartTargets ?? []) {
    const key = t.kind === 'StatefulSet' ? 'statefulsets.apps' : t.kind === 'Deployment' ? 'deployments.apps' : undefined;
    if (!key || !ctx.store.get(key, ns, t.name)) continue;
    ctx.store.mutate(key, ns, t.name, (d) => {
      d.spec.template.metadata ??= {};
      d.spec.template.metadata.annotations = { ...d.spec.template.metadata.annotations, [VSO_RESTARTED_AT]: iso(ctx.now()) };
    });
  }
}

/** One VaultStaticSecret: a KV version the destination does not hold yet is written there, then its targets restart. */
function syncStatic(ctx: Ctx, vss: K8sObject): void {
  const ns = vss.metadata.namespace!;
  const got = ctx.world.kv.read(vss.spec?.path ?? '');
  const dest = ctx.store.get('secrets', ns, vss.spec?.destination?.name ?? '');
  if (!got || got.entry.deleted || got.entry.destroyed || !dest) return;
  const version = String(got.version);
  if (dest.metadata.annotations?.[VAULT_VERSION] === version) return;
  const data = Object.fromEntries(Object.entries(got.entry.data ?? {}).map(([k, v]) => [k, Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64')]));
  const changed = JSON.stringify(data) !== JSON.stringify(dest.data ?? {});
  ctx.store.mutate('secrets', ns, dest.metadata.name, (s) => {
    s.data = data;
    s.metadata.annotations = { ...s.metadata.annotations, [VAULT_VERSION]: version };
  });
  ctx.store.mutate(VSS, ns, vss.metadata.name, (o) => {
    o.status = { ...o.status, lastGeneration: o.metadata.generation ?? 1, secretMAC: mac(data), healthy: true };
  }, true);
  if (changed) restartTargets(ctx, ns, vss);
}

/** One VaultDynamicSecret: a missing destination is created, a lease due for renewal gets new credentials. */
function syncDynamic(ctx: Ctx, vds: K8sObject, rotate: boolean): void {
  const ns = vds.metadata.namespace!;
  const name = vds.spec?.destination?.name ?? vds.metadata.name;
  const app = String(vds.spec?.path ?? '').replace(/^creds\//, '');
  const now = ctx.now();
  const exists = ctx.store.get('secrets', ns, name);
  if (exists && !rotate) return;
  if (!exists) {
    ctx.store.create('secrets', { metadata: { name, namespace: ns, labels: { ...VSO_LABELS, ...vds.spec?.destination?.labels } }, type: 'Opaque', data: creds(app) });
  } else {
    ctx.store.mutate('secrets', ns, name, (s) => {
      s.data = creds(app);
    });
  }
  ctx.store.mutate(VDS, ns, vds.metadata.name, (o) => {
    o.status = { ...o.status, lastRenewalTime: Math.floor(now.getTime() / 1000), secretLease: { id: `database/creds/${app}/${randomBytes(12).toString('base64url')}`, ttl: ROTATE_MS / 1000, renewable: true } };
  }, true);
}

/** The Vault Secrets Operator at work while OpenBao is unsealed. */
export function vsoSync(ctx: Ctx): () => void {
  const statics = () => {
    if (ctx.world.sealed) return;
    for (const vss of ctx.store.list(VSS)) syncStatic(ctx, vss);
  };
  const dynamics = (rotate: boolean) => () => {
    if (ctx.world.sealed) return;
    for (const vds of ctx.store.list(VDS)) syncDynamic(ctx, vds, rotate);
  };
  const unsubWorld = ctx.world.subscribe((c) => {
    // unsealed again: the operator's next reconcile creates what was missing and catches up on KV
    if (c.kind === 'sealed' && !c.sealed) ctx.sched.after(1_500, () => (dynamics(false)(), statics()));
  });
  const stops = [ctx.sched.every(REFRESH_MS, statics, 100), ctx.sched.every(REFRESH_MS, dynamics(false), 100), ctx.sched.every(ROTATE_MS, dynamics(true), 100)];
  return () => {
    unsubWorld();
    for (const s of stops) s();
  };
}

/**
 * The Vault Secrets Operator's part in alerts-not-reaching-matrix: when the bot's Secret changes (a new
 * access token), the receiver posts with the new token; a change made by hand (not a VSO sync, which restarts
 * the receiver itself) is followed by a restart of the receiver too.
 */
export function watchBotSecret(ctx: Ctx): () => void {
  return ctx.store.subscribe((e) => {
    if (e.key !== 'secrets' || e.type !== 'MODIFIED' || e.object.metadata.namespace !== 'monitoring' || e.object.metadata.name !== 'matrix-bot-secret') return;
    if (JSON.stringify(e.object.data ?? {}) === JSON.stringify(e.old?.data ?? {}) && JSON.stringify(e.object.stringData ?? {}) === JSON.stringify(e.old?.stringData ?? {})) return;
    const byVso = e.object.metadata.annotations?.[VAULT_VERSION] !== e.old?.metadata.annotations?.[VAULT_VERSION];
    ctx.sched.after(500, () => {
      ctx.world.clearFault('matrix-bot-token');
      if (byVso) return;
      ctx.store.mutate('deployments.apps', 'monitoring', 'matrix-alertmanager-receiver', (d) => {
        d.spec.template.metadata ??= {};
        d.spec.template.metadata.annotations = { ...d.spec.template.metadata.annotations, [RESTARTED_AT]: iso(ctx.now()) };
      });
    });
  });
}
