// Small helpers shared by the Box's seeders and controllers.
import { createHash } from 'node:crypto';
import type { K8sObject, OwnerReference } from '../k8s/object-store.js';
import { resourceType } from '../k8s/resources.js';
import { ownerRef } from '../k8s/object-store.js';

/** RFC 3339 with second precision, as the API server writes timestamps. */
export function iso(d: Date | number): string {
  return new Date(d).toISOString().replace(/\.\d+Z$/, 'Z');
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with sorted keys and without null, undefined or empty-object members, so equal objects hash equally. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && canonical(v) !== '{}')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A stable short name suffix from any value, like pod-template-hash (10 characters from the safe alphabet). */
export function safeHash(value: unknown, n = 10): string {
  const h = createHash('sha256').update(canonical(value)).digest();
  let s = '';
  for (let i = 0; i < n; i++) s += SAFE[h[i]! % SAFE.length];
  return s;
}

export function hex(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}

export function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(Math.random() * xs.length)]!;
}

export function between(lo: number, hi: number): number {
  return lo + Math.random() * (hi - lo);
}

export function int(lo: number, hi: number): number {
  return Math.floor(between(lo, hi + 1));
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
  observedGeneration?: number;
  [k: string]: unknown;
}

/**
 * Sets a condition in place, keeping lastTransitionTime when the status does not change (and lastUpdateTime
 * when nothing changes), as controllers do.
 */
export function setCondition(list: Condition[], next: Condition, now: string, withUpdateTime = false): Condition[] {
  const i = list.findIndex((c) => c.type === next.type);
  const cur = i >= 0 ? list[i] : undefined;
  const same = cur && cur.status === next.status && cur.reason === next.reason && cur.message === next.message;
  const c: Condition = { ...next };
  if (withUpdateTime) c.lastUpdateTime = same ? (cur!.lastUpdateTime ?? now) : now;
  c.lastTransitionTime = cur && cur.status === next.status ? (cur.lastTransitionTime ?? now) : (next.lastTransitionTime ?? now);
  if (i >= 0) list[i] = c;
  else list.push(c);
  return list;
}

export function getCondition(o: K8sObject | undefined, type: string): Condition | undefined {
  return (o?.status?.conditions as Condition[] | undefined)?.find((c) => c.type === type);
}

export function refTo(key: string, o: K8sObject): OwnerReference {
  return ownerRef(resourceType(key), o);
}

export function controllerOf(o: K8sObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

export function ownedBy(o: K8sObject, owner: K8sObject): boolean {
  return !!o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid);
}

/** Pods that are not being deleted. */
export function active(o: K8sObject): boolean {
  return !o.metadata.deletionTimestamp;
}

export function podReady(p: K8sObject): boolean {
  return p.status?.phase === 'Running' && !!getCondition(p, 'Ready') && getCondition(p, 'Ready')!.status === 'True';
}

export function matchesLabels(labels: Record<string, string> | undefined, sel: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  return Object.entries(sel).every(([k, v]) => labels?.[k] === v);
}

/** A placeholder value for Secrets: base64 of a harmless marker, never anything credential-like. */
export function placeholder(label = 'sim-placeholder'): string {
  return Buffer.from(label).toString('base64');
}

/** Pod IPs from 10.42.0.0/24, as k3s' flannel hands them out. */
export class IpPool {
  private next = 11;
  take(): string {
    const n = this.next++;
    if (this.next > 250) this.next = 11;
    return `10.42.0.${n}`;
  }
}
