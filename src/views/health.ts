// How healthy a record looks, for colours and for the "status" sort: one word per record.
import type { NodeRecord, PgClusterRecord, PodRecord, WorkloadRecord } from '../store/index.js';

export type Health = 'ok' | 'warn' | 'failing' | 'muted';

const FAILING_REASONS = /CrashLoopBackOff|Error|ImagePull|ErrImage|CreateContainerConfigError|InvalidImageName|OOMKilled|Failed|Evicted/i;
const WARN_REASONS = /Pending|ContainerCreating|PodInitializing|Terminating|Init:|Unknown/i;

export function podHealth(p: PodRecord): Health {
  if (p.status === 'Completed' || p.phase === 'Succeeded') return 'muted';
  if (FAILING_REASONS.test(p.status)) return 'failing';
  if (p.deleting || WARN_REASONS.test(p.status)) return 'warn';
  if (p.phase === 'Running' && p.readyContainers < p.totalContainers) return 'warn';
  if (p.phase === 'Failed') return 'failing';
  return 'ok';
}

export function workloadStatus(w: WorkloadRecord): { status: string; health: Health } {
  if (w.desired === 0) return { status: 'ScaledDown', health: 'muted' };
  if (w.ready === 0) return { status: 'Unavailable', health: 'failing' };
  if (w.ready < w.desired) return { status: 'Degraded', health: 'warn' };
  if (w.observedGeneration < w.generation || w.updated < w.desired) return { status: 'Progressing', health: 'warn' };
  return { status: 'Available', health: 'ok' };
}

export function nodeStatus(n: NodeRecord): { status: string; health: Health } {
  const parts = [n.ready ? 'Ready' : 'NotReady', ...n.pressures, ...(n.unschedulable ? ['SchedulingDisabled'] : [])];
  return { status: parts.join(','), health: !n.ready ? 'failing' : parts.length > 1 ? 'warn' : 'ok' };
}

export function clusterStatus(c: PgClusterRecord): { status: string; health: Health } {
  const healthy = c.readyInstances >= c.instances && /healthy/i.test(c.phase);
  return { status: c.phase, health: healthy ? 'ok' : c.readyInstances === 0 ? 'failing' : 'warn' };
}

const RANK: Record<Health, number> = { failing: 0, warn: 1, ok: 2, muted: 3 };
export function healthRank(h: Health): number {
  return RANK[h];
}
