// startSim: the whole simulated Box on loopback. One shared Box (its World, object store, logs and exec) and
// beside it every server of the registry in src/sim/servers (the Kubernetes API, OpenBao and Loki;
// AlertManager next), all on one TLS certificate made for the run. SimHandle.env merges what each server
// says a shell needs (KUBECONFIG...).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBox, type Box } from './box/index.js';
import { generateTls } from './http/tls.js';
import { ObjectStore } from './k8s/object-store.js';
import type { ForbidRule } from './k8s/server.js';
import type { SimOptions } from './options.js';
import { mergedEnv, type SimServerId, type StartedServers, startServers, stopServers } from './servers/index.js';
import { PodBackends } from './servers/pod-backends.js';
import type { RunningServer } from './servers/types.js';

export type { ForbidRule } from './k8s/server.js';
export type { SimOptions } from './options.js';

export interface SimHandle {
  /** The Kubernetes API's URL, https://127.0.0.1:PORT. */
  url: string;
  kubeconfigPath: string;
  /** What a shell needs to use the simulator, merged from every server: KUBECONFIG, BAO_ADDR, BAO_CACERT, BAO_TOKEN, LOKI_ADDR, LOKI_CA_CERT_PATH; later ALERTMANAGER_URL... */
  env: Record<string, string>;
  /** The simulated AlertManager: its URL (ALERTMANAGER_URL), Grafana's token for its mirror, and a notification flush on demand. */
  alertmanager: { url: string; grafanaToken: string; flushNotifications(): number };
  /** Each server's URL by its registry id ('kubernetes'...). */
  servers: Record<SimServerId, string>;
  store: ObjectStore;
  box: Box;
  /** The five OpenBao unseal key shares of this run (base64), as `--unseal-keys` writes them. */
  unsealKeys: readonly string[];
  /** PEM of the CA that signed the servers' certificates. */
  caPem: string;
  setForbidden(rules: ForbidRule[]): void;
  /** Ends every open watch now, as a real API server's request timeout does. */
  closeWatches(): void;
  /** Ends every open pods/log follow now (the response ends, as when the kubelet's stream drops); clients resume from their last line. */
  closeLogStreams(): void;
  /** Closes every open Loki tail WebSocket with 1011 (internal error), as a Loki whose querier goes away. */
  closeLokiTails(): void;
  /**
   * The log-rate knob: every pod of `target` ("NAMESPACE/APP", e.g. "matrix/sol") writes extra plausible
   * lines, `linesPerSecond` in total; 0 turns it off. Throws on a malformed target or rate.
   */
  setLogRate(target: string, linesPerSecond: number): void;
  /** What the simulated Box lacks, one sentence each (no PostgreSQL installed...); `sim` prints them, the demo shows them. */
  readonly problems: readonly string[];
  /** Resolves when the servers that start in the background (PostgreSQL) have finished starting. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSim(opts: SimOptions = {}): Promise<SimHandle> {
  // Key generation runs on the thread pool while the Box seeds itself on the main thread.
  const tlsPending = generateTls();
  tlsPending.catch(() => undefined);
  const store = new ObjectStore();
  const speed = opts.speed ?? 1;
  const box = createBox(store, { scenario: opts.scenario ?? 'healthy', speed: opts.speed, openbaoReplicas: opts.openbaoReplicas });
  for (const [target, rate] of Object.entries(opts.logRate ?? {})) box.logs.setRate(target, rate);
  const pods = new PodBackends();
  const tls = await tlsPending;
  let tmpDir: string | undefined;
  const removeTmp = () => {
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  };
  let started: StartedServers;
  try {
    started = await startServers({
      box,
      store,
      tls,
      speed,
      options: opts,
      pods,
      tmpDir: () => (tmpDir ??= mkdtempSync(join(tmpdir(), 'sunbeam-sim-'))),
    });
  } catch (err) {
    removeTmp();
    throw err;
  }
  const running = Object.values(started) as RunningServer[];
  let env: Record<string, string>;
  try {
    env = mergedEnv(started);
  } catch (err) {
    await stopServers(running).catch(() => undefined);
    removeTmp();
    throw err;
  }
  const kube = started.kubernetes;
  box.start();
  let stopped: Promise<void> | undefined;
  return {
    url: kube.url,
    kubeconfigPath: kube.kubeconfigPath,
    env,
    alertmanager: { url: started.alertmanager.url, grafanaToken: started.alertmanager.grafanaToken, flushNotifications: () => started.alertmanager.flushNotifications() },
    servers: Object.fromEntries(Object.entries(started).map(([id, s]) => [id, s.url])) as Record<SimServerId, string>,
    store,
    box,
    unsealKeys: started.openbao.shares,
    caPem: tls.caPem,
    setForbidden: (rules) => kube.setForbidden(rules),
    closeWatches: () => kube.closeWatches(),
    closeLogStreams: () => kube.closeLogStreams(),
    closeLokiTails: () => started.loki.closeTails(),
    setLogRate: (target, linesPerSecond) => box.logs.setRate(target, linesPerSecond),
    get problems() {
      return running.map((s) => s.problem?.()).filter((p): p is string => !!p);
    },
    settled: async () => {
      await Promise.all(running.map((s) => s.settled?.()));
    },
    stop() {
      stopped ??= (async () => {
        box.stop();
        try {
          await stopServers(running);
        } finally {
          removeTmp();
        }
      })();
      return stopped;
    },
  };
}
