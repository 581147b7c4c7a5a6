// The Kubernetes API as a simulated server: the wire layer of src/sim/k8s over the Box's object store, a
// bearer token, and the kubeconfig that points kubectl and client-node at it (KUBECONFIG).
import { join } from 'node:path';
import { newToken } from '../../http/bearer.js';
import { LOOPBACK } from '../../http/tls-server.js';
import { crdFor, customTypes } from '../../k8s/discovery.js';
import type { ObjectStore } from '../../k8s/object-store.js';
import { createApiServer, type ForbidRule } from '../../k8s/server.js';
import type { RunningServer, SimServer } from '../types.js';
import { writeKubeconfig } from './kubeconfig.js';

interface RunningKubernetesApi extends RunningServer {
  readonly kubeconfigPath: string;
  setForbidden(rules: ForbidRule[]): void;
  closeWatches(): void;
  closeLogStreams(): void;
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

export const kubernetesApi: SimServer<RunningKubernetesApi> = {
  id: 'kubernetes',
  async start({ store, box, tls, options, tmpDir, pods }) {
    seedCrds(store);
    const token = newToken();
    const api = createApiServer({
      store,
      logs: box.logs,
      exec: box.exec,
      proxy: pods,
      token,
      tls,
      forbid: options.forbid,
      watchLifetimeMs: options.watchLifetimeMs,
      bookmarkIntervalMs: options.bookmarkIntervalMs,
      onRequest: options.onRequest,
    });
    const port = await api.listen(options.port ?? 0);
    const url = `https://${LOOPBACK}:${port}`;
    const kubeconfigPath = options.kubeconfigPath ?? join(tmpDir(), 'kubeconfig');
    try {
      writeKubeconfig(kubeconfigPath, { server: url, caPem: tls.caPem, token });
    } catch (err) {
      await api.close();
      throw new Error(`Could not write the kubeconfig ${kubeconfigPath}: ${(err as Error).message}`);
    }
    return {
      url,
      env: { KUBECONFIG: kubeconfigPath },
      kubeconfigPath,
      setForbidden: (rules) => api.setForbidden(rules),
      closeWatches: () => api.closeWatches(),
      closeLogStreams: () => api.closeLogStreams(),
      stop: () => api.close(),
    };
  },
};
