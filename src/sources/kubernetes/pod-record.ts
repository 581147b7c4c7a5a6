// V1Pod -> PodRecord. The STATUS column is computed exactly as `kubectl get pods` prints it (kubernetes
// pkg/printers/internalversion/printers.go printPod): init containers first (Init:N/M, Init:<reason>), then the
// app containers from last to first, Completed back to Running/NotReady, Terminating and Unknown last.
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { ContainerRecord, PodRecord } from '../../store/index.js';

export interface PodStatusColumns {
  status: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  /** ISO of the most recent container termination counted in RESTARTS. */
  lastRestartAt?: string;
}

function iso(t: Date | string | undefined): string | undefined {
  if (t === undefined || t === null) return undefined;
  if (t instanceof Date) return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
  return String(t);
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function hasCondition(pod: V1Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** kubectl's READY, STATUS and RESTARTS columns for a pod. */
export function podStatusColumns(pod: V1Pod): PodStatusColumns {
  const spec = pod.spec;
  const st = pod.status ?? {};
  const initSpecs = new Map((spec?.initContainers ?? []).map((c) => [c.name, c]));
  const restartable = (name: string) => initSpecs.get(name)?.restartPolicy === 'Always';
  let totalContainers = spec?.containers?.length ?? 0;
  for (const c of initSpecs.values()) if (c.restartPolicy === 'Always') totalContainers++;

  let restarts = 0;
  let restartableRestarts = 0;
  let readyContainers = 0;
  let lastRestart: string | undefined;
  let lastRestartableRestart: string | undefined;
  const phase = st.phase ?? 'Unknown';
  let reason: string = st.reason || phase;
  for (const c of st.conditions ?? []) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';

  const initStatuses = st.initContainerStatuses ?? [];
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    const finished = iso(c.lastState?.terminated?.finishedAt);
    if (finished) lastRestart = later(lastRestart, finished);
    if (restartable(c.name)) {
      restartableRestarts += c.restartCount ?? 0;
      if (finished) lastRestartableRestart = later(lastRestartableRestart, finished);
    }
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable(c.name) && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.size}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(pod, 'Initialized')) {
    restarts = restartableRestarts;
    lastRestart = lastRestartableRestart;
    let hasRunning = false;
    const statuses: V1ContainerStatus[] = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      const finished = iso(c.lastState?.terminated?.finishedAt);
      if (finished) lastRestart = later(lastRestart, finished);
      const waiting = c.state?.waiting;
      const term = c.state?.terminated;
      if (waiting && waiting.reason) reason = waiting.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return { status: reason, readyContainers, totalContainers, restarts, lastRestartAt: lastRestart };
}

function containerRecord(name: string, image: string, s: V1ContainerStatus | undefined): ContainerRecord {
  if (!s) return { name, image, ready: false, restartCount: 0, state: 'waiting', reason: 'ContainerCreating' };
  const st = s.state ?? {};
  const state: ContainerRecord['state'] = st.running ? 'running' : st.waiting ? 'waiting' : st.terminated ? 'terminated' : 'unknown';
  const r: ContainerRecord = { name, image: s.image || image, ready: s.ready === true, restartCount: s.restartCount ?? 0, state };
  const reason = st.waiting?.reason ?? st.terminated?.reason;
  const message = st.waiting?.message ?? st.terminated?.message;
  if (reason) r.reason = reason;
  if (message) r.message = message.split('\n')[0]!.slice(0, 300);
  const last = s.lastState?.terminated;
  if (last) {
    const at = iso(last.finishedAt);
    if (at) r.lastTerminatedAt = at;
    r.lastExitCode = last.exitCode;
  }
  return r;
}

/** The owner a pod's record shows, resolved through its ReplicaSet (see owner-index.ts). */
export interface PodOwner {
  kind: string;
  name: string;
}

export function podRecord(pod: V1Pod, owner?: PodOwner): PodRecord {
  const md = pod.metadata ?? {};
  const ns = md.namespace ?? '';
  const name = md.name ?? '';
  const cols = podStatusColumns(pod);
  const statuses = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  const containers = (pod.spec?.containers ?? []).map((c) => containerRecord(c.name, c.image ?? '', statuses.get(c.name)));
  const rec: PodRecord = {
    key: `${ns}/${name}`,
    namespace: ns,
    name,
    phase: pod.status?.phase ?? 'Unknown',
    status: cols.status,
    readyContainers: cols.readyContainers,
    totalContainers: cols.totalContainers,
    restarts: cols.restarts,
    created: iso(md.creationTimestamp) ?? '',
    labels: { ...(md.labels ?? {}) },
    containers,
    deleting: Boolean(md.deletionTimestamp),
    resourceVersion: md.resourceVersion ?? '',
  };
  if (cols.lastRestartAt) rec.lastRestartAt = cols.lastRestartAt;
  if (pod.spec?.nodeName) rec.node = pod.spec.nodeName;
  if (pod.status?.podIP) rec.ip = pod.status.podIP;
  const own = owner ?? directOwner(pod);
  if (own) {
    rec.ownerKind = own.kind;
    rec.ownerName = own.name;
  }
  return rec;
}

/** The pod's controller ownerReference, without resolving a ReplicaSet to its Deployment. */
export function directOwner(pod: V1Pod): PodOwner | undefined {
  const refs = pod.metadata?.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller) ?? refs[0];
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}
