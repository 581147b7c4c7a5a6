// API objects -> store records for workloads, nodes, events and PVCs. Pure; dates may arrive as Date (typed
// list responses) or as strings (watch events), so every time goes through isoOf.
import type { V1DaemonSet, V1Deployment, V1Node, V1PersistentVolumeClaim, V1StatefulSet, CoreV1Event } from '@kubernetes/client-node';
import type { EventRecord, NodeRecord, PvcRecord, WorkloadKind, WorkloadRecord } from '../../store/index.js';

export function isoOf(t: unknown): string | undefined {
  if (t === undefined || t === null || t === '') return undefined;
  if (t instanceof Date) return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
  return String(t);
}

type AnyWorkload = V1Deployment | V1StatefulSet | V1DaemonSet;

export function workloadRecord(kind: WorkloadKind, w: AnyWorkload): WorkloadRecord {
  const md = w.metadata ?? {};
  const ns = md.namespace ?? '';
  const name = md.name ?? '';
  let desired = 0;
  let ready = 0;
  let updated = 0;
  let available = 0;
  if (kind === 'DaemonSet') {
    const s = (w as V1DaemonSet).status;
    desired = s?.desiredNumberScheduled ?? 0;
    ready = s?.numberReady ?? 0;
    updated = s?.updatedNumberScheduled ?? 0;
    available = s?.numberAvailable ?? 0;
  } else {
    const d = w as V1Deployment | V1StatefulSet;
    desired = d.spec?.replicas ?? 1;
    ready = d.status?.readyReplicas ?? 0;
    updated = d.status?.updatedReplicas ?? 0;
    available = d.status?.availableReplicas ?? 0;
  }
  const rec: WorkloadRecord = {
    key: `${kind}/${ns}/${name}`,
    kind,
    namespace: ns,
    name,
    desired,
    ready,
    updated,
    available,
    generation: md.generation ?? 0,
    observedGeneration: w.status?.observedGeneration ?? 0,
    created: isoOf(md.creationTimestamp) ?? '',
    selector: { ...(w.spec?.selector?.matchLabels ?? {}) },
    paused: kind === 'Deployment' ? (w as V1Deployment).spec?.paused === true : false,
    resourceVersion: md.resourceVersion ?? '',
  };
  const restartedAt = w.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'];
  if (restartedAt) rec.restartedAt = restartedAt;
  return rec;
}

const PRESSURES = new Set(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable']);
const ROLE_PREFIX = 'node-role.kubernetes.io/';

export function nodeRecord(n: V1Node): NodeRecord {
  const md = n.metadata ?? {};
  const conditions = n.status?.conditions ?? [];
  const roles: string[] = [];
  for (const k of Object.keys(md.labels ?? {})) if (k.startsWith(ROLE_PREFIX)) roles.push(k.slice(ROLE_PREFIX.length));
  return {
    name: md.name ?? '',
    ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    roles: roles.sort(),
    version: n.status?.nodeInfo?.kubeletVersion ?? '',
    created: isoOf(md.creationTimestamp) ?? '',
    pressures: conditions.filter((c) => PRESSURES.has(c.type) && c.status === 'True').map((c) => c.type),
    unschedulable: n.spec?.unschedulable === true,
  };
}

export function eventRecord(e: CoreV1Event): EventRecord {
  const md = e.metadata ?? {};
  const ns = md.namespace ?? e.involvedObject?.namespace ?? '';
  const last =
    isoOf(e.series?.lastObservedTime) ?? isoOf(e.lastTimestamp) ?? isoOf(e.eventTime) ?? isoOf(e.firstTimestamp) ?? isoOf(md.creationTimestamp) ?? '';
  return {
    key: `${ns}/${md.name ?? ''}`,
    namespace: ns,
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: (e.message ?? '').split('\n')[0]!.slice(0, 300),
    involvedKind: e.involvedObject?.kind ?? '',
    involvedName: e.involvedObject?.name ?? '',
    count: e.series?.count ?? e.count ?? 1,
    last,
  };
}

export function pvcRecord(p: V1PersistentVolumeClaim): PvcRecord {
  const md = p.metadata ?? {};
  const ns = md.namespace ?? '';
  return { key: `${ns}/${md.name ?? ''}`, namespace: ns, name: md.name ?? '', phase: p.status?.phase ?? 'Pending', created: isoOf(md.creationTimestamp) ?? '' };
}
