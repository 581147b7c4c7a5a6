// The simulated Box behind the simulated Kubernetes API: seeded objects, controllers, logs, exec, scenarios.
import type { ObjectStore } from '../k8s/object-store.js';
import type { ExecProvider } from '../k8s/providers.js';
import { AlertEngine, type BoxAlerts } from './alerts.js';
import { Barman } from './barman.js';
import { type Clock, realClock } from './clock.js';
import { armCronJobs } from './batch.js';
import { CertManager } from './certs.js';
import { CnpgOperator } from './cnpg.js';
import type { Ctx } from './context.js';
import { EventRecorder } from './events.js';
import { Exec } from './exec.js';
import { Kubelet } from './kubelet.js';
import { LogStore } from './logs/log-store.js';
import { SCENARIO_NAMES, applyScenario, minOpenbaoReplicas } from './scenarios.js';
import { Scheduler } from './scheduler.js';
import { seedCore } from './seed.js';
import { seedCronJobs, seedIngress, seedPostgres, seedRecentEvents } from './seed-custom.js';
import { seedKv } from './openbao/seed.js';
import { seedVsoRules, vsoSync, watchBotSecret } from './vso.js';
import { IpPool, iso, podReady } from './util.js';
import { WorkloadControllers } from './workloads.js';
import { World } from './world.js';

export { World } from './world.js';

export const SCENARIOS: readonly string[] = SCENARIO_NAMES;

export interface Box {
  logs: LogStore;
  exec: ExecProvider;
  start(): void;
  stop(): void;
  /** The Box's world state that later simulated servers (OpenBao, Loki, AlertManager) read and change. */
  world: World;
  /** What the Box's Prometheus fires (derived from the Box's state), its AlertManager's config and the receiver's answer. */
  alerts: BoxAlerts;
  /** The names of the pods of NAMESPACE/APP (label app) that run now: Ready and not being deleted. */
  runningPods(namespace: string, app: string): string[];
  /** Live timers of this Box (0 after stop()). */
  readonly pendingTimers: number;
}

export interface BoxOptions {
  scenario: string;
  /** Divides every simulated delay (default 1). */
  speed?: number;
  /** Where the Box's time and timers come from (default the real clock; tests pass a ManualClock). */
  clock?: Clock;
  /** Replicas of the StatefulSet openbao/openbao (default 1, or 3 for a scenario that needs them). */
  openbaoReplicas?: number;
}

export function createBox(store: ObjectStore, opts: BoxOptions): Box {
  if (!SCENARIOS.includes(opts.scenario)) {
    throw new Error(`Unknown scenario "${opts.scenario}"; known: ${SCENARIOS.join(', ')}`);
  }
  const speed = opts.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`The simulator speed must be a positive number, not ${opts.speed}.`);
  const clock = opts.clock ?? realClock;
  const need = minOpenbaoReplicas(opts.scenario);
  const replicas = opts.openbaoReplicas ?? need;
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 9) throw new Error(`OpenBao runs 1 to 9 replicas, not ${opts.openbaoReplicas}.`);
  if (replicas < need) throw new Error(`The scenario ${opts.scenario} needs at least ${need} OpenBao replicas (--openbao-replicas ${need}).`);
  const world = new World(opts.scenario, { openbaoReplicas: replicas, now: () => new Date(clock.now()) });
  applyScenario(world, opts.scenario);
  seedKv(world);
  const sched = new Scheduler(speed, clock);
  const logs = new LogStore();
  const now = () => new Date(clock.now());
  const ctx: Ctx = { store, world, sched, events: new EventRecorder(store, now), logs, ips: new IpPool(), seeding: true, now };
  logs.bind(ctx);

  const t0 = now();
  world.backups.seed(t0);
  seedCore(store, t0, { 'openbao/openbao': replicas });
  seedVsoRules(store, iso(t0.getTime() - 55 * 86_400_000));
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
  // an OrderedReady StatefulSet makes one pod per pass: seed until every replica of every one is there
  // (openbao with --openbao-replicas 3)
  for (let pods = -1, pass = 0; pass < 10 && pods !== store.list('pods').length; pass++) {
    pods = store.list('pods').length;
    kubelet.seedAll();
    workloads.resyncAll();
  }
  kubelet.seedAll();
  seedRecentEvents(ctx);
  ctx.seeding = false;
  const alerts = new AlertEngine(ctx);
  alerts.evaluate();

  const exec = new Exec(ctx, new Barman(ctx, cnpg));
  const unsubs: (() => void)[] = [];
  let started = false;
  let stopped = false;
  return {
    logs,
    exec,
    world,
    alerts,
    runningPods: (namespace, app) =>
      store
        .list('pods', namespace)
        .filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp && podReady(p))
        .map((p) => p.metadata.name),
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
