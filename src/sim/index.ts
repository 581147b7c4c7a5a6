// startSim: the whole simulated Box on loopback (the Kubernetes API for now; later issues add OpenBao, Loki,
// AlertManager servers next to it) plus a kubeconfig that points kubectl and client-node at it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBox, type Box } from './box/index.js';
import { crdFor, customTypes } from './k8s/discovery.js';
import { ObjectStore } from './k8s/object-store.js';
import { createApiServer, type ApiServer, type ForbidRule } from './k8s/server.js';
import { writeKubeconfig } from './kubeconfig.js';
import { generateTls } from './tls.js';

export type { ForbidRule } from './k8s/server.js';

export interface SimOptions {
  /** A scenario of src/sim/box (default 'healthy'); an unknown one throws Error('Unknown scenario ...'). */
  scenario?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where to write the kubeconfig; default a new temporary directory (removed by stop()). */
  kubeconfigPath?: string;
  /** Divides the Box's simulated delays (tests run it faster). */
  speed?: number;
  /** Requests the simulated RBAC refuses with 403 (changeable later with setForbidden). */
  forbid?: ForbidRule[];
  /** The server closes watches after a random time in this range (ms); default [30000, 90000]. */
  watchLifetimeMs?: [number, number];
  /** How often watches that allow bookmarks get one (ms); default 15000. */
  bookmarkIntervalMs?: number;
  /** Sees every API request (method, path and query), for tests and debugging. */
  onRequest?: (method: string, url: string) => void;
}

export interface SimHandle {
  /** The Kubernetes API's URL, https://127.0.0.1:PORT. */
  url: string;
  kubeconfigPath: string;
  /** What a shell needs to use the simulator: KUBECONFIG now; later BAO_ADDR, LOKI_ADDR, ALERTMANAGER_URL... */
  env: Record<string, string>;
  store: ObjectStore;
  box: Box;
  /** PEM of the CA that signed the servers' certificates. */
  caPem: string;
  setForbidden(rules: ForbidRule[]): void;
  /** Ends every open watch now, as a real API server's request timeout does. */
  closeWatches(): void;
  stop(): Promise<void>;
}

/** Creates the CustomResourceDefinitions of the custom types the Box has not created itself. */
function seedCrds(store: ObjectStore): void {
  const created = new Date(Date.now() - 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  for (const t of customTypes()) {
    const name = `${t.plural}.${t.group}`;
    if (!store.get('customresourcedefinitions.apiextensions.k8s.io', undefined, name)) {
      store.create('customresourcedefinitions.apiextensions.k8s.io', crdFor(t, created));
    }
  }
}

export async function startSim(opts: SimOptions = {}): Promise<SimHandle> {
  // Key generation runs on the thread pool while the Box seeds itself on the main thread.
  const tlsPending = generateTls();
  tlsPending.catch(() => undefined);
  const store = new ObjectStore();
  const box = createBox(store, { scenario: opts.scenario ?? 'healthy', speed: opts.speed });
  seedCrds(store);
  const tls = await tlsPending;
  const token = randomBytes(24).toString('base64url');
  const api: ApiServer = createApiServer({
    store,
    logs: box.logs,
    exec: box.exec,
    token,
    tls,
    forbid: opts.forbid,
    watchLifetimeMs: opts.watchLifetimeMs,
    bookmarkIntervalMs: opts.bookmarkIntervalMs,
    onRequest: opts.onRequest,
  });
  const port = await api.listen(opts.port ?? 0);
  const url = `https://127.0.0.1:${port}`;
  const tmpDir = opts.kubeconfigPath ? undefined : mkdtempSync(join(tmpdir(), 'sunbeam-sim-'));
  const kubeconfigPath = opts.kubeconfigPath ?? join(tmpDir!, 'kubeconfig');
  try {
    writeKubeconfig(kubeconfigPath, { server: url, caPem: tls.caPem, token });
  } catch (err) {
    await api.close();
    throw new Error(`Could not write the kubeconfig ${kubeconfigPath}: ${(err as Error).message}`);
  }
  box.start();
  let stopped: Promise<void> | undefined;
  return {
    url,
    kubeconfigPath,
    env: { KUBECONFIG: kubeconfigPath },
    store,
    box,
    caPem: tls.caPem,
    setForbidden: (rules) => api.setForbidden(rules),
    closeWatches: () => api.closeWatches(),
    stop() {
      stopped ??= (async () => {
        box.stop();
        await api.close();
        if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
