// Small helpers the rules share: plurals, lists, the component a pod belongs to (ages: ../age.ts).
import type { PodRecord } from '../../store/index.js';
import type { KubeSlice } from '../../store/kube-slice.js';

export type Kube = KubeSlice['kube'];

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The workload a pod belongs to (Deployment, StatefulSet, CNPG Cluster...), else the pod itself. */
export function podComponent(p: PodRecord): string {
  return p.ownerName && p.ownerKind !== 'Node' ? p.ownerName : p.name;
}

/** "a, b, c and 2 more" */
export function listSome(items: string[], max = 3): string {
  if (items.length <= max) return items.join('; ');
  return `${items.slice(0, max).join('; ')}; and ${items.length - max} more`;
}

export const KIND_WORD: Record<string, string> = { Deployment: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset' };
