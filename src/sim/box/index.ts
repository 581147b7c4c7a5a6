// The simulated Box behind the simulated Kubernetes API: seeded objects, controllers, logs, exec, scenarios.
import type { ObjectStore } from '../k8s/object-store.js';
import type { ExecProvider, LogProvider } from '../k8s/providers.js';
import { Scheduler } from './scheduler.js';
import { World } from './world.js';

export { World } from './world.js';

export const SCENARIOS: readonly string[] = [
  'healthy',
  'postgres-down',
  'vault-sealed',
  'cert-expired',
  'seaweedfs-volume-down',
  'sol-crashloop',
  'alerts-not-reaching-matrix',
  'all-502',
];

export interface Box {
  logs: LogProvider;
  exec: ExecProvider;
  start(): void;
  stop(): void;
  /** The Box's world state that later simulated servers (OpenBao, Loki, AlertManager) read and change. */
  world: World;
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
  if (!(speed > 0)) throw new Error(`The simulator speed must be a positive number, not ${opts.speed}.`);
  const world = new World();
  const scheduler = new Scheduler(speed);
  void store;
  const logs: LogProvider = { history: () => undefined, follow: () => () => {} };
  const exec: ExecProvider = {
    async run(req, io) {
      io.stderr(`exec: "${req.command[0] ?? ''}": executable file not found in $PATH\n`);
      return 127;
    },
  };
  return {
    logs,
    exec,
    world,
    start() {},
    stop() {
      scheduler.stop();
    },
  };
}
