// The Vault Secrets Operator's part in the Box: credentials Secrets while OpenBao is unsealed, static
// secrets synced from OpenBao's KV, and the matrix bot's token reaching the alert receiver.
import { WORKLOADS } from './catalog.js';
import type { Ctx } from './context.js';
import { iso, placeholder } from './util.js';
import { RESTARTED_AT } from './workloads.js';

/** The Vault Secrets Operator: while OpenBao is unsealed, every workload that needs credentials has its Secret. */
export function vsoSync(ctx: Ctx): () => void {
  const sync = () => {
    if (ctx.world.sealed) return;
    for (const w of WORKLOADS.filter((x) => x.needs.includes('vault'))) {
      const name = `${w.name}-db-creds`;
      if (ctx.store.get('secrets', w.namespace, name)) continue;
      ctx.store.create('secrets', {
        metadata: { name, namespace: w.namespace, labels: { 'app.kubernetes.io/part-of': 'sunbeam', 'app.kubernetes.io/managed-by': 'hashicorp-vso', 'app.kubernetes.io/component': 'secret-sync' } },
        type: 'Opaque',
        data: { username: placeholder(), password: placeholder() },
      });
    }
  };
  const unsubWorld = ctx.world.subscribe((c) => {
    if (c.kind === 'sealed' && !c.sealed) ctx.sched.after(1_500, sync);
    // a static secret changed in OpenBao: VSO refreshes the Kubernetes Secret within seconds
    if (c.kind === 'kv') ctx.sched.after(3_000, () => syncStatic(ctx, c.path, c.version));
  });
  const stopTimer = ctx.sched.every(30_000, sync, 100);
  return () => {
    unsubWorld();
    stopTimer();
  };
}

/** `secret/<namespace>/<name>` maps to the Secret `<name>` or `<name>-secret` in that namespace. */
function syncStatic(ctx: Ctx, path: string, version: number): void {
  if (ctx.world.sealed) return;
  const [, ns, name] = path.replace(/^\/+/, '').split('/');
  if (!ns || !name) return;
  const target = [name, `${name}-secret`].find((n) => ctx.store.get('secrets', ns, n));
  if (!target) return;
  ctx.store.mutate('secrets', ns, target, (s) => {
    s.data = Object.fromEntries(Object.keys(s.data ?? {}).map((k) => [k, placeholder(`sim-placeholder-v${version}`)]));
    s.metadata.annotations = { ...s.metadata.annotations, 'secrets.hashicorp.com/vault-version': String(version) };
  });
}

/**
 * The Vault Secrets Operator's part in alerts-not-reaching-matrix: when the bot's Secret changes (a new
 * access token), it restarts the receiver, which then posts with the new token.
 */
export function watchBotSecret(ctx: Ctx): () => void {
  return ctx.store.subscribe((e) => {
    if (e.key !== 'secrets' || e.type !== 'MODIFIED' || e.object.metadata.namespace !== 'monitoring' || e.object.metadata.name !== 'matrix-bot-secret') return;
    if (JSON.stringify(e.object.data ?? {}) === JSON.stringify(e.old?.data ?? {}) && JSON.stringify(e.object.stringData ?? {}) === JSON.stringify(e.old?.stringData ?? {})) return;
    ctx.sched.after(500, () => {
      ctx.world.clearFault('matrix-bot-token');
      ctx.store.mutate('deployments.apps', 'monitoring', 'matrix-alertmanager-receiver', (d) => {
        d.spec.template.metadata ??= {};
        d.spec.template.metadata.annotations = { ...d.spec.template.metadata.annotations, [RESTARTED_AT]: iso(ctx.now()) };
      });
    });
  });
}
