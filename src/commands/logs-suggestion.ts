// What `:logs NS/NAME` suggests to run while rung 3 has no log source: the kubectl command for the object's
// real kind as the store knows it (a CloudNativePG Cluster by its cluster label, a Deployment, StatefulSet or
// DaemonSet by kind/name, a pod by its name). Pure over the store's state.
import type { State } from '../store/index.js';

const SHORT = { Deployment: 'deploy', StatefulSet: 'sts', DaemonSet: 'ds' } as const;

export type LogsSuggestion = { ok: true; command: string } | { ok: false; message: string };

export function logsSuggestion(state: State, namespace: string, name: string): LogsSuggestion {
  const kube = state.kube;
  const flags = '--all-containers --prefix -f';
  if (kube.pgClusters[`${namespace}/${name}`]) return { ok: true, command: `kubectl logs -n ${namespace} -l cnpg.io/cluster=${name} ${flags}` };
  for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet'] as const) {
    if (kube.workloads[`${kind}/${namespace}/${name}`]) return { ok: true, command: `kubectl logs -n ${namespace} ${SHORT[kind]}/${name} ${flags}` };
  }
  if (kube.pods[`${namespace}/${name}`]) return { ok: true, command: `kubectl logs -n ${namespace} ${name} ${flags}` };
  if (!kube.synced.pods || !kube.synced.workloads) return { ok: false, message: `The console has not listed the cluster yet, so it cannot tell what ${namespace}/${name} is; try again in a moment.` };
  return { ok: false, message: `Nothing at ${namespace}/${name}: no CloudNativePG Cluster, Deployment, StatefulSet, DaemonSet or pod of that name (:status ${namespace} lists what runs there).` };
}
