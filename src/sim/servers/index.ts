// The registry of simulated servers, started in this order by startSim beside the one shared Box. A new
// server (AlertManager...) is one file or folder here implementing SimServer (./types.ts)
// plus one entry below, keyed by its id; its env is merged into SimHandle.env and printed by `sim`.
import { alertmanagerApi } from './alertmanager/index.js';
import { kubernetesApi } from './kubernetes/index.js';
import { lokiApi } from './loki/index.js';
import { mistralApi } from './mistral/index.js';
import { openbaoApi } from './openbao/index.js';
import { postgresSim } from './postgres/index.js';
import type { RunningServer, SimServer, SimServerContext } from './types.js';

export const SIM_SERVERS = {
  kubernetes: kubernetesApi,
  openbao: openbaoApi,
  loki: lokiApi,
  alertmanager: alertmanagerApi,
  postgres: postgresSim,
  mistral: mistralApi,
} as const satisfies Record<string, SimServer>;

export type SimServerId = keyof typeof SIM_SERVERS;

/** Each registered server's running handle, typed by its own server (the Kubernetes one has setForbidden...). */
export type StartedServers = { [K in SimServerId]: Awaited<ReturnType<(typeof SIM_SERVERS)[K]['start']>> };

/** Stops servers in the reverse of their start order, all of them even if one fails. */
export async function stopServers(running: RunningServer[]): Promise<void> {
  const results = await Promise.allSettled([...running].reverse().map((s) => s.stop()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Starts every registered server in order; if one fails, the ones already started are stopped and the error is thrown. */
export async function startServers(ctx: SimServerContext): Promise<StartedServers> {
  const started: Partial<Record<SimServerId, RunningServer>> = {};
  const order: RunningServer[] = [];
  for (const [id, server] of Object.entries(SIM_SERVERS) as [SimServerId, SimServer][]) {
    if (server.id !== id) throw new Error(`The simulated server registered as "${id}" calls itself "${server.id}".`);
    try {
      const running = await server.start(ctx);
      started[id] = running;
      order.push(running);
    } catch (err) {
      await stopServers(order).catch(() => undefined);
      throw err;
    }
  }
  return started as StartedServers;
}

/** The environment of every server, in registry order; two servers setting the same variable is a bug. */
export function mergedEnv(started: StartedServers): Record<string, string> {
  const env: Record<string, string> = {};
  const owner: Record<string, string> = {};
  for (const [id, running] of Object.entries(started) as [string, RunningServer][]) {
    for (const [k, v] of Object.entries(running.env)) {
      if (k in env) throw new Error(`The simulated servers "${owner[k]}" and "${id}" both set ${k}.`);
      env[k] = v;
      owner[k] = id;
    }
  }
  return env;
}
