// The simulated Box behind the simulated Kubernetes API: seeded objects, controllers, logs, exec, scenarios.
import type { ObjectStore } from '../k8s/object-store.js';
import type { ExecProvider } from '../k8s/providers.js';
import { Barman } from './barman.js';
import { armCronJobs } from './batch.js';
import { CertManager } from './certs.js';
import { CnpgOperator } from './cnpg.js';
import type { Ctx } from './context.js';
import { EventRecorder } from './events.js';
import { Exec } from './exec.js';
import { Kubelet } from './kubelet.js';
import { LogStore } from './logs/log-store.js';
import { SCENARIO_NAMES, applyScenario } from './scenarios.js';
import { Scheduler } from './scheduler.js';
import { seedCore } from './seed.js';
import { seedCronJobs, seedIngress, seedPostgres } from './seed-custom.js';
import { WORKLOADS } from './catalog.js';
import { IpPool, iso, placeholder } from './util.js';
import { RESTARTED_AT, WorkloadControllers } from './workloads.js';
import { World } from './world.js';

export { World } from './world.js';
export type { WorldChange } from './world.js';

export const SCENARIOS: readonly string[] = SCENARIO_NAMES;

export interface Box {
  logs: LogStore;
  exec: ExecProvider;
  start(): void;
  stop(): void;
  /** The Box's world state that later simulated servers (OpenBao, Loki, AlertManager) read and change. */
  world: World;
  /** Live timers of this Box (0 after stop()). */
  readonly pendingTimers: number;
}

export interface BoxOptions {
  scenario: string;
  /** Divides every simulated delay (default 1). */
  speed?: number;
}

export function createBox(store: ObjectStore, opts: BoxOptions): Box {
  if (!SCENARIOS.includes(opts.scenario)) {
    throw new Error(`Unknown scenario "${opts.scenario}"; known: ${SCENARIOS.join(', ')}`);
  }
  const speed = opts.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`The simulator speed must be a positive number, not ${opts.speed}.`);
  const world = new World(opts.scenario);
  applyScenario(world, opts.scenario);
  const sched = new Scheduler(speed);
  const logs = new LogStore();
  const now = () => new Date();
  const ctx: Ctx = { store, world, sched, events: new EventRecorder(store, now), logs, ips: new IpPool(), seeding: true, now };
  logs.bind(ctx);

  const t0 = now();
  world.backups.seed(t0);
  seedCore(store, t0);
  // OpenBao was sealed before the Vault Secrets Operator could create drive's database credentials
  if (opts.scenario === 'vault-sealed') store.delete('secrets', 'drive', 'drive-db-creds');
  seedIngress(store, t0, opts.scenario === 'cert-expired');
  seedPostgres(store, t0, world.backups);
  seedCronJobs(store, t0, () => ctx.ips.take());
  const kubelet = new Kubelet(ctx);
  const workloads = new WorkloadControllers(ctx);
  const cnpg = new CnpgOperator(ctx);
  const certs = new CertManager(ctx);
  workloads.resyncAll();
  cnpg.resyncAll();
  kubelet.seedAll();
  workloads.resyncAll();
  cnpg.resyncAll();
  seedEvents(ctx);
  ctx.seeding = false;

  const exec = new Exec(ctx, new Barman(ctx, cnpg));
  const unsubs: (() => void)[] = [];
  let started = false;
  let stopped = false;
  return {
    logs,
    exec,
    world,
    get pendingTimers() {
      return sched.pending;
    },
    start() {
      if (started || stopped) return;
      started = true;
      kubelet.start();
      workloads.start();
      cnpg.start();
      certs.start();
      logs.start();
      unsubs.push(watchBotSecret(ctx), vsoSync(ctx), armCronJobs(ctx));
      sched.every(5 * 60_000, () => ctx.events.prune(), 1000);
      // the kubelet reports node status every five minutes when nothing changes
      sched.every(5 * 60_000, () => {
        ctx.store.mutate('nodes', undefined, 'sunbeam-1', (n) => {
          for (const c of n.status?.conditions ?? []) c.lastHeartbeatTime = iso(ctx.now());
        }, true);
      }, 1000);
      workloads.resyncAll();
    },
    stop() {
      stopped = true;
      sched.stop();
      kubelet.stop();
      workloads.stop();
      cnpg.stop();
      certs.stop();
      logs.stop();
      for (const u of unsubs.splice(0)) u();
    },
  };
}

/** Events of the last hour that any Box has: Linkerd's identity service issuing proxy certificates. */
function seedEvents(ctx: Ctx): void {
  const now = ctx.now().getTime();
  for (const [ns, sa] of [['messages', 'messages'], ['matrix', 'synapse'], ['matrix', 'sol'], ['gitea', 'gitea'], ['drive', 'drive'], ['ingress', 'pingora']]) {
    const obj = ctx.store.get('serviceaccounts', ns, sa);
    if (!obj) continue;
    const at = new Date(now - (5 + Math.floor(Math.random() * 50)) * 60_000);
    const until = new Date(at.getTime() + 24 * 3600_000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC');
    ctx.events.seed(obj, 'Normal', 'IssuedLeafCertificate', `issued certificate for ${sa}.${ns}.serviceaccount.identity.linkerd.cluster.local until ${until}: ${Math.floor(Math.random() * 1e15).toString(16)}`, { component: 'linkerd-identity' }, at);
  }
}

/** The Vault Secrets Operator: while OpenBao is unsealed, every workload that needs credentials has its Secret. */
function vsoSync(ctx: Ctx): () => void {
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
function watchBotSecret(ctx: Ctx): () => void {
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
