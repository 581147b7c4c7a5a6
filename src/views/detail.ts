// Drill-down views: a workload's pods and recent events; a pod's containers and events; the target of a
// finding in Status terms.
import type { EventRecord, PodRecord, WorkloadRecord } from '../store/index.js';
import type { KubeSlice } from '../store/kube-slice.js';
import type { FindingTarget } from '../ladder/types.js';

/** What the drill-down views read (a subset of the kube slice). */
type Kube = Pick<KubeSlice['kube'], 'pods' | 'workloads' | 'nodes' | 'pgClusters' | 'events'>;

/** Events about `name` or anything named after it (its ReplicaSets and pods), newest first. */
export function eventsAbout(kube: Kube, namespace: string, name: string, limit = 50): EventRecord[] {
  return Object.values(kube.events)
    .filter((e) => e.namespace === namespace && (e.involvedName === name || e.involvedName.startsWith(`${name}-`)))
    .sort((a, b) => b.last.localeCompare(a.last))
    .slice(0, limit);
}

export interface WorkloadDetail {
  title: string;
  workload?: WorkloadRecord;
  pods: PodRecord[];
  events: EventRecord[];
}

/** A workload key ('Deployment/ns/name') or a cluster row target ('ns/name' of a pg cluster). */
export function workloadDetail(kube: Kube, key: string): WorkloadDetail | undefined {
  const w = kube.workloads[key];
  if (w) {
    const pods = Object.values(kube.pods)
      .filter((p) => p.namespace === w.namespace && p.ownerKind === w.kind && p.ownerName === w.name)
      .sort((a, b) => a.name.localeCompare(b.name));
    return { title: `${w.kind} ${w.namespace}/${w.name}`, workload: w, pods, events: eventsAbout(kube, w.namespace, w.name) };
  }
  const c = kube.pgClusters[key];
  if (c) {
    const pods = Object.values(kube.pods)
      .filter((p) => p.namespace === c.namespace && p.ownerKind === 'Cluster' && p.ownerName === c.name)
      .sort((a, b) => a.name.localeCompare(b.name));
    return { title: `Cluster ${c.namespace}/${c.name} (${c.phase})`, pods, events: eventsAbout(kube, c.namespace, c.name) };
  }
  return undefined;
}

export interface PodDetail {
  pod: PodRecord;
  events: EventRecord[];
}

export function podDetail(kube: Kube, key: string): PodDetail | undefined {
  const pod = kube.pods[key];
  if (!pod) return undefined;
  const events = Object.values(kube.events)
    .filter((e) => e.namespace === pod.namespace && e.involvedName === pod.name)
    .sort((a, b) => b.last.localeCompare(a.last));
  return { pod, events };
}

/** The Status row id that shows a finding's target, if Status has one. */
export function statusRowIdFor(kube: Kube, target: FindingTarget): string | undefined {
  const { kind, namespace, name } = target;
  if (kind === 'Pod') return kube.pods[`${namespace}/${name}`] ? `${namespace}/${name}` : undefined;
  if (kind === 'Node') return kube.nodes[name] ? `node:${name}` : undefined;
  const w = Object.values(kube.workloads).find((x) => x.kind === kind && x.namespace === namespace && x.name === name);
  if (w) return w.key;
  const c = Object.values(kube.pgClusters).find((x) => x.namespace === namespace && x.name === name);
  if (c && (kind === 'Cluster' || kind === 'PgCluster')) return `cluster:${c.key}`;
  // Anything else (Certificate, PVC, Ingress...) lands on its namespace's group in Status.
  return namespace ? `group:${namespace}` : undefined;
}
