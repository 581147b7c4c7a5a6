// Hand-made records for screen tests: a small Box with PostgreSQL down and the messages pods crash-looping,
// and the console context a test mounts the console with.
import { join } from 'node:path';
import { createConsoleContext, setClients } from '../../src/console/context.js';
import type { ConsoleContext, EvaluateLadder, Planners } from '../../src/console/types.js';
import { Journal } from '../../src/journal/journal.js';
import { createWriters } from '../../src/actions/writers/index.js';
import type { KubeClients } from '../../src/kube/client.js';
import type { LadderResult } from '../../src/ladder/types.js';
import { builtinRunbooks } from '../../src/runbooks/engine.js';
import { createAppStore, type AppStore, type PodRecord, type WorkloadRecord } from '../../src/store/index.js';

const T0 = '2026-11-20T10:00:00Z';

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
    created: T0,
    node: 'sunbeam-1',
    labels: {},
    containers: [{ name: 'main', image: `registry.example/${name}:1.0`, ready: true, restartCount: 0, state: 'running' }],
    deleting: false,
    resourceVersion: '1',
    ...over,
  };
}

export function workload(kind: 'Deployment' | 'StatefulSet', ns: string, name: string, desired: number, ready: number): WorkloadRecord {
  return { key: `${kind}/${ns}/${name}`, kind, namespace: ns, name, desired, ready, updated: desired, available: ready, generation: 1, observedGeneration: 1, created: T0, selector: { app: name }, paused: false, resourceVersion: '1' };
}

/** A store holding the mini-Box; `extraPods` adds many pods to exercise scrolling. */
export function boxStore(extraPods = 0): AppStore {
  const store = createAppStore();
  const a = store.getState().actions;
  a.setKubeContext('sunbeam-test', 'https://127.0.0.1:6443');
  const crash = { status: 'CrashLoopBackOff', readyContainers: 0, restarts: 7, ownerKind: 'Deployment', ownerName: 'messages' };
  const pods: PodRecord[] = [
    pod('kube-system', 'coredns-5d78c9869d-abcde', { ownerKind: 'Deployment', ownerName: 'coredns' }),
    pod('data', 'postgres-1', { ownerKind: 'Cluster', ownerName: 'postgres', status: 'CrashLoopBackOff', readyContainers: 0, restarts: 4 }),
    pod('data', 'postgres-2', { ownerKind: 'Cluster', ownerName: 'postgres', status: 'CrashLoopBackOff', readyContainers: 0, restarts: 3 }),
    pod('data', 'barman-0', { ownerKind: 'StatefulSet', ownerName: 'barman', labels: { app: 'barman' } }),
    pod('messages', 'messages-7d9f8b6c5d-x2kq9', crash),
    pod('messages', 'messages-7d9f8b6c5d-p4m7z', crash),
  ];
  for (let i = 0; i < extraPods; i++) pods.push(pod('gitea', `gitea-worker-${String(i).padStart(3, '0')}`, { ownerKind: 'Deployment', ownerName: 'gitea' }));
  a.applyKube([
    { collection: 'nodes', replace: true, upsert: [{ name: 'sunbeam-1', ready: true, roles: ['control-plane'], version: 'v1.31.4', created: T0, pressures: [], unschedulable: false }] },
    { collection: 'workloads', replace: true, upsert: [workload('Deployment', 'kube-system', 'coredns', 1, 1), workload('StatefulSet', 'data', 'barman', 1, 1), workload('Deployment', 'messages', 'messages', 2, 0), workload('Deployment', 'gitea', 'gitea', extraPods, extraPods)] },
    { collection: 'pods', replace: true, upsert: pods },
    {
      collection: 'pgClusters',
      replace: true,
      upsert: [{ key: 'data/postgres', namespace: 'data', name: 'postgres', instances: 2, readyInstances: 0, phase: 'Failing over', conditions: { Ready: 'False' }, created: T0 }],
    },
    {
      collection: 'events',
      replace: true,
      upsert: [{ key: 'messages/ev1', namespace: 'messages', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container django', involvedKind: 'Pod', involvedName: 'messages-7d9f8b6c5d-x2kq9', count: 12, last: '2026-11-20T11:00:00Z' }],
    },
  ]);
  for (const c of ['pods', 'workloads', 'nodes', 'events', 'pgClusters'] as const) a.markSynced(c);
  a.setSource('kubernetes', { state: 'ok', lastSuccess: Date.now() });
  return store;
}

/** A ladder result as the ladder reports the postgres-down drill (hand-made for screen tests). */
export function postgresDownLadder(): LadderResult {
  const root = { id: 'pg-cluster:data/postgres', severity: 'failing' as const, namespace: 'data', component: 'postgres', rule: 'pg-cluster-unhealthy', title: 'data/postgres: PostgreSQL cluster down (0/2 ready, Failing over)', detail: 'phase Failing over', target: { kind: 'Cluster', namespace: 'data', name: 'postgres' } };
  const dep = { id: 'crash-loop:messages/messages', severity: 'failing' as const, namespace: 'messages', component: 'messages', rule: 'crash-loop', title: 'messages/messages: 2 pods crash-looping', detail: 'CrashLoopBackOff', target: { kind: 'Pod', namespace: 'messages', name: 'messages-7d9f8b6c5d-x2kq9' }, blockedBy: [root.id], because: 'because the database is down' };
  const rung = (id: 1 | 2 | 3 | 4 | 5 | 6 | 7, title: string, verdict: LadderResult['overall'], summary: string) => ({ id, title, question: '', command: '', verdict, summary });
  return {
    rungs: [
      rung(1, 'Status', 'failing', '3/6 pods ready'),
      rung(2, 'Check', 'failing', '2 failing'),
      rung(3, 'Logs', 'not-connected', 'not connected'),
      rung(4, 'Vault', 'not-connected', 'not connected'),
      rung(5, 'Data', 'failing', 'postgres 0/2'),
      rung(6, 'Alerts', 'not-connected', 'not connected'),
      rung(7, 'Errors', 'not-connected', 'not connected'),
    ],
    findings: [root, dep],
    overall: 'failing',
    rootCause: root,
  };
}

/** The console context a screen test passes to <Console console={...}>: a journal in `dir`, the built-in runbooks. */
export function consoleFor(store: AppStore, opts: { dir: string; planners?: Partial<Planners>; clients?: KubeClients; evaluate?: EvaluateLadder }): ConsoleContext {
  const journal = new Journal({ dir: opts.dir });
  const ctx = createConsoleContext({ store, journal, runbooks: builtinRunbooks(), coeDir: join(opts.dir, 'docs', 'ops'), evaluate: opts.evaluate ?? (() => postgresDownLadder()), planners: opts.planners });
  const kube = opts.clients ?? ({} as KubeClients);
  setClients(ctx, { kube }, createWriters({ kube }));
  return ctx;
}

/** Whether the action dialog's question has been drawn and armed (confirming keys count from then on). */
export const armed = (store: AppStore) => store.getState().flow.armed;
