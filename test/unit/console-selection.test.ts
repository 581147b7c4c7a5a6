// What r and R are about, as a pure function of the store's state (src/console/selection.ts): the row under
// the cursor, and for R on a pod the owner the source resolved (never a workload found by label selector).
import { describe, expect, it } from 'vitest';
import { restartTargetOf, selectionOf } from '../../src/console/selection.js';
import { boxStore, pod, postgresDownLadder, workload } from '../screens/fixtures.js';

describe('selection', () => {
  it('follows the Status cursor and a drill-down frame', () => {
    const store = boxStore();
    const a = store.getState().actions;
    // Rows: nodes group, sunbeam-1, data group, cluster/postgres.
    a.setCursor('status', 3);
    expect(selectionOf(store.getState())).toEqual({ kind: 'Cluster', namespace: 'data', name: 'postgres' });
    a.setCursor('status', 2);
    expect(selectionOf(store.getState())).toEqual({ kind: 'Namespace', namespace: 'data', name: 'data' });
    a.pushView({ view: 'pod', target: 'messages/messages-7d9f8b6c5d-x2kq9' });
    expect(selectionOf(store.getState())).toEqual({ kind: 'Pod', namespace: 'messages', name: 'messages-7d9f8b6c5d-x2kq9' });
    a.popView();
    a.setRung(2);
    a.setCursor('check', 0);
    expect(selectionOf(store.getState(), () => postgresDownLadder())).toEqual({ kind: 'Cluster', namespace: 'data', name: 'postgres' });
  });

  it("R on a pod is its resolved owner: Deployment through its ReplicaSet, a StatefulSet, a CloudNativePG Cluster", () => {
    const store = boxStore();
    const a = store.getState().actions;
    const both = { ...workload('Deployment', 'matrix', 'synapse', 1, 1), selector: { app: 'matrix' } };
    a.applyKube([
      { collection: 'workloads', upsert: [both] },
      { collection: 'pods', upsert: [pod('matrix', 'sol-abc', { ownerKind: 'Deployment', ownerName: 'sol', labels: { app: 'matrix' } }), pod('matrix', 'odd-1', { ownerKind: 'ReplicaSet', ownerName: 'odd-rs', labels: { app: 'matrix' } }), pod('batch', 'job-1', { ownerKind: 'Job', ownerName: 'nightly' })] },
    ]);
    const s = store.getState();
    const podT = (namespace: string, name: string) => ({ kind: 'Pod', namespace, name });
    expect(restartTargetOf(s, podT('matrix', 'sol-abc'))).toEqual({ kind: 'Deployment', namespace: 'matrix', name: 'sol' });
    expect(restartTargetOf(s, podT('data', 'postgres-1'))).toEqual({ kind: 'Cluster', namespace: 'data', name: 'postgres' });
    expect(restartTargetOf(s, podT('data', 'barman-0'))).toEqual({ kind: 'StatefulSet', namespace: 'data', name: 'barman' });
    // An owner that is not restartable (an unresolved ReplicaSet, a Job) is not guessed at by selector.
    expect(restartTargetOf(s, podT('matrix', 'odd-1'))).toBeUndefined();
    expect(restartTargetOf(s, podT('batch', 'job-1'))).toBeUndefined();
    expect(restartTargetOf(s, { kind: 'Namespace', namespace: 'data', name: 'data' })).toBeUndefined();
    expect(restartTargetOf(s, { kind: 'Deployment', namespace: 'matrix', name: 'synapse' })).toEqual({ kind: 'Deployment', namespace: 'matrix', name: 'synapse' });
  });
});
