// Shared bits of the primitive actions: custom resource coordinates, NS/NAME parsing, 404 detection, the
// restart timestamp and the plugin's compact timestamp, and a planned call's equivalent command.
import { kubeStatusOf } from '../kube-errors.js';
import type { Equivalent } from '../types.js';

export const CNPG = { group: 'postgresql.cnpg.io', version: 'v1' } as const;
export const CERTS = { group: 'cert-manager.io', version: 'v1', plural: 'certificates' } as const;
export const ACME = { group: 'acme.cert-manager.io', version: 'v1' } as const;
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
export const CNPG_HEALTHY = 'Cluster in healthy state';

/** A call's equivalent command; its tool is the command's first word (kubectl, cmctl, bao, amtool, psql). */
export function equivalentOf(command: string): Equivalent {
  return { tool: command.trim().split(/\s+/)[0] ?? '', command };
}

/** "matrix/sol" -> { namespace, name }; throws one sentence on anything else. */
export function parseRef(ref: string, what = 'NS/NAME'): { namespace: string; name: string } {
  const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/.exec(ref.trim());
  if (!m) throw new Error(`"${ref}" is not ${what} (for example matrix/sol).`);
  return { namespace: m[1]!, name: m[3]! };
}

export function isNotFound(err: unknown): boolean {
  return kubeStatusOf(err)?.code === 404;
}

/** RFC 3339 with second precision, as kubectl rollout restart writes it. */
export function restartStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** CloudNativePG's ToCompactISO8601 (UTC, 20060102150405), used in the names of on-demand Backups. */
export function compactIso(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, '');
}

export function selectorText(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Whether a label selector (matchLabels + matchExpressions) selects these labels. */
export function selects(
  sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined,
  labels: Record<string, string>,
): boolean {
  if (!sel) return false;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = e.key in labels;
    const inVals = has && (e.values ?? []).includes(labels[e.key]!);
    if (e.operator === 'In' && !inVals) return false;
    if (e.operator === 'NotIn' && inVals) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return Object.keys(sel.matchLabels ?? {}).length > 0 || (sel.matchExpressions ?? []).length > 0;
}

export interface PodBrief {
  name: string;
  uid: string;
  ready: boolean;
  /** The STATUS kubectl would print, roughly: Running, CrashLoopBackOff, Pending, Terminating... */
  status: string;
  deleting: boolean;
}

export function podBrief(p: any): PodBrief {
  const cs: any[] = p.status?.containerStatuses ?? [];
  const waiting = cs.find((c) => c.state?.waiting?.reason)?.state?.waiting?.reason;
  const terminated = cs.find((c) => c.state?.terminated?.reason)?.state?.terminated?.reason;
  const deleting = !!p.metadata?.deletionTimestamp;
  const ready = !deleting && (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
  return {
    name: p.metadata?.name ?? '',
    uid: p.metadata?.uid ?? '',
    ready,
    status: deleting ? 'Terminating' : waiting ?? terminated ?? p.status?.phase ?? 'Unknown',
    deleting,
  };
}
