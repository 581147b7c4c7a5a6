// What NS/NAME means to the logs action (src/sources/kubernetes/logs/target.ts reads it from the API: a
// CloudNativePG Cluster, a workload, a Service, a Job or a pod, the selected kind first), and the command that
// prints exactly those lines: the console's own `logs` one-shot, which reads the same way.
import type { KubeClients } from '../../kube/client.js';
import { resolveLogTarget as resolveFromApi, type LogTarget } from '../../sources/kubernetes/logs/target.js';
import { parseRef } from './refs.js';

/** NS/NAME -> what its logs are; one sentence when there is none (naming the one-shot that lists a namespace). */
export function resolveLogTarget(kube: KubeClients, ref: string, preferKind?: string): Promise<LogTarget> {
  const { namespace, name } = parseRef(ref);
  return resolveFromApi(kube, namespace, name, { preferKind, statusHint: (ns) => `sunbeam-console status -n ${ns}` });
}

/**
 * `sunbeam-console logs NS/NAME --tail N`: every container of the target's pods, POD CONTAINER TEXT, in time
 * order. With the selected kind when it decided what the name is (a pod that shares a workload's name).
 */
export function logsCommand(t: LogTarget, tailLines: number, preferKind?: string): string {
  const kind = preferKind !== undefined && preferKind === t.kind ? ` --kind ${t.kind.toLowerCase()}` : '';
  return `sunbeam-console logs ${t.namespace}/${t.name}${kind} --tail ${tailLines}`;
}
