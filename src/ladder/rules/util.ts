// Small helpers the rules share: record ages, short durations, plurals, the component a pod belongs to.
import type { PodRecord } from '../../store/index.js';
import type { KubeSlice } from '../../store/kube-slice.js';

export type Kube = KubeSlice['kube'];

/** ms since an ISO time; Infinity when unknown (treated as "long ago"). */
export function ageMs(iso: string | undefined, now: number): number {
  if (!iso) return Infinity;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Infinity : now - t;
}

/** 40s, 5m, 3h, 2d (like kubectl's AGE column, coarse). */
export function shortDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

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
