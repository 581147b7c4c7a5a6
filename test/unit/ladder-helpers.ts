// Hand-built store states for the ladder tests: a few records of the Box, in the shapes the source writes.
import { createAppStore, type CertificateRecord, type PgClusterRecord, type PodRecord, type State, type WorkloadRecord, type KubePatch, type KubeCollection } from '../../src/store/index.js';

export const NOW = Date.parse('2026-11-23T12:00:00Z');
export const LONG_AGO = '2026-10-01T00:00:00Z';
export const ago = (ms: number) => new Date(NOW - ms).toISOString();
export const MIN = 60_000;
export const DAY = 86_400_000;

export function pod(ns: string, name: string, over: Partial<PodRecord> = {}): PodRecord {
  return {
    key: `${ns}/${name}`,
    namespace: ns,
    name,
    phase: 'Running',
    status: 'Running',
    readyContainers: 1,
    totalContainers: 1,
    restarts: 0,
    created: LONG_AGO,
    node: 'sunbeam-1',
    labels: {},
    containers: [{ name: 'main', image: `registry.example/${name}:1`, ready: true, restartCount: 0, state: 'running' }],
    deleting: false,
    resourceVersion: '1',
    ...over,
  };
}

export function crashing(ns: string, name: string, owner: string, restarts = 9, kind = 'Deployment'): PodRecord {
  return pod(ns, name, {
    status: 'CrashLoopBackOff',
    readyContainers: 0,
    restarts,
    ownerKind: kind,
    ownerName: owner,
    lastRestartAt: ago(30_000),
    containers: [{ name: 'main', image: 'img', ready: false, restartCount: restarts, state: 'waiting', reason: 'CrashLoopBackOff', lastTerminatedAt: ago(30_000), lastExitCode: 1 }],
  });
}

export function workload(kind: WorkloadRecord['kind'], ns: string, name: string, desired: number, ready: number): WorkloadRecord {
  return { key: `${kind}/${ns}/${name}`, kind, namespace: ns, name, desired, ready, updated: desired, available: ready, generation: 1, observedGeneration: 1, created: LONG_AGO, selector: { app: name }, paused: false, resourceVersion: '1' };
}

export function cluster(over: Partial<PgClusterRecord> = {}): PgClusterRecord {
  return {
    key: 'data/postgres',
    namespace: 'data',
    name: 'postgres',
    instances: 2,
    readyInstances: 2,
    phase: 'Cluster in healthy state',
    primary: 'postgres-1',
    conditions: { Ready: 'True', ContinuousArchiving: 'True' },
    lastSuccessfulBackup: ago(5 * 3_600_000),
    created: LONG_AGO,
    ...over,
  };
}

export function cert(over: Partial<CertificateRecord> = {}): CertificateRecord {
  return {
    key: 'ingress/pingora-tls',
    namespace: 'ingress',
    name: 'pingora-tls',
    ready: 'True',
    notAfter: new Date(NOW + 60 * DAY).toISOString(),
    secretName: 'pingora-tls',
    issuerKind: 'ClusterIssuer',
    issuerName: 'letsencrypt',
    dnsNames: ['messages.sunbeam.example'],
    issuing: false,
    created: LONG_AGO,
    ...over,
  };
}

export interface Box {
  pods?: PodRecord[];
  workloads?: WorkloadRecord[];
  clusters?: PgClusterRecord[];
  certs?: CertificateRecord[];
  patches?: KubePatch[];
  sources?: State['sources'];
  synced?: boolean;
}

/** A healthy little Box plus whatever the test adds or overrides (records with the same key win). */
export function boxState(b: Box = {}): State {
  const store = createAppStore();
  const a = store.getState().actions;
  const healthyPods = [
    pod('data', 'postgres-1', { ownerKind: 'Cluster', ownerName: 'postgres' }),
    pod('data', 'postgres-2', { ownerKind: 'Cluster', ownerName: 'postgres' }),
    pod('data', 'barman-0', { ownerKind: 'StatefulSet', ownerName: 'barman' }),
    pod('openbao', 'openbao-0', { ownerKind: 'StatefulSet', ownerName: 'openbao' }),
    pod('messages', 'messages-7d9f8b6c5d-x2kq9', { ownerKind: 'Deployment', ownerName: 'messages' }),
    pod('messages', 'messages-7d9f8b6c5d-p4m7z', { ownerKind: 'Deployment', ownerName: 'messages' }),
    pod('mail', 'postfix-5c9d7f8b6-aaaaa', { ownerKind: 'Deployment', ownerName: 'postfix' }),
    pod('matrix', 'synapse-6f7d8c9b5-bbbbb', { ownerKind: 'Deployment', ownerName: 'synapse' }),
    pod('matrix', 'sol-6f7d8c9b5-ccccc', { ownerKind: 'Deployment', ownerName: 'sol' }),
  ];
  const healthyWorkloads = [
    workload('StatefulSet', 'data', 'barman', 1, 1),
    workload('StatefulSet', 'openbao', 'openbao', 1, 1),
    workload('Deployment', 'messages', 'messages', 2, 2),
    workload('Deployment', 'mail', 'postfix', 1, 1),
    workload('Deployment', 'matrix', 'synapse', 1, 1),
    workload('Deployment', 'matrix', 'sol', 1, 1),
  ];
  const byKey = <T extends { key: string }>(base: T[], over: T[] = []) => [...new Map([...base, ...over].map((x) => [x.key, x])).values()];
  a.applyKube([
    { collection: 'nodes', replace: true, upsert: [{ name: 'sunbeam-1', ready: true, roles: ['control-plane'], version: 'v1.31.4', created: LONG_AGO, pressures: [], unschedulable: false }] },
    { collection: 'pods', replace: true, upsert: byKey(healthyPods, b.pods) },
    { collection: 'workloads', replace: true, upsert: byKey(healthyWorkloads, b.workloads) },
    { collection: 'pgClusters', replace: true, upsert: byKey([cluster()], b.clusters) },
    { collection: 'certificates', replace: true, upsert: byKey([cert()], b.certs) },
    ...(b.patches ?? []),
  ]);
  if (b.synced !== false) for (const c of ['pods', 'workloads', 'nodes', 'events', 'certificates', 'pgClusters', 'pgBackups', 'pvcs'] as KubeCollection[]) a.markSynced(c);
  a.setSource('kubernetes', { state: 'ok', lastSuccess: NOW });
  for (const [k, v] of Object.entries(b.sources ?? {})) a.setSource(k, v);
  return store.getState();
}
