// Dependency order: root causes first, and what follows from them says so.
import { describe, expect, it } from 'vitest';
import { checkNamespace, evaluateLadder } from '../../src/ladder/index.js';
import { ancestorsOf, BOX_COMPONENTS } from '../../src/ladder/box-graph.js';
import { boxState, cluster, crashing, MIN, NOW, pod, workload } from './ladder-helpers.js';

function postgresDown() {
  return boxState({
    clusters: [cluster({ phase: 'Failing over', readyInstances: 0, conditions: { Ready: 'False' } })],
    pods: [
      crashing('data', 'postgres-1', 'postgres', 4, 'Cluster'),
      crashing('data', 'postgres-2', 'postgres', 3, 'Cluster'),
      crashing('messages', 'messages-7d9f8b6c5d-x2kq9', 'messages'),
      crashing('messages', 'messages-7d9f8b6c5d-p4m7z', 'messages'),
      crashing('matrix', 'synapse-6f7d8c9b5-bbbbb', 'synapse'),
      crashing('matrix', 'sol-6f7d8c9b5-ccccc', 'sol'),
      // Unrelated to the database: stays an independent finding after the chain.
      crashing('mail', 'postfix-5c9d7f8b6-aaaaa', 'postfix'),
    ],
    workloads: [workload('Deployment', 'messages', 'messages', 2, 0), workload('Deployment', 'matrix', 'synapse', 1, 0), workload('Deployment', 'matrix', 'sol', 1, 0), workload('Deployment', 'mail', 'postfix', 1, 0)],
  });
}

describe('postgres-down', () => {
  it('puts the cluster first and the apps after it, "because the database is down"', () => {
    const l = evaluateLadder(postgresDown(), NOW);
    const [first, ...rest] = l.findings;
    expect(first!.title).toBe('data/postgres: CloudNativePG cluster not healthy (Failing over, 0/2 ready)');
    expect(first!.blockedBy).toBeUndefined();
    expect(l.rootCause?.id).toBe(first!.id);
    const messages = rest.find((f) => f.component === 'messages')!;
    expect(messages.title).toBe('messages/messages: 2 pods crash-looping');
    expect(messages.blockedBy).toEqual([first!.id]);
    expect(messages.because).toBe('because the database is down');
    // Sol needs Synapse too, but the root cause of both is the database: blocked by it, not by Synapse.
    const sol = rest.find((f) => f.component === 'sol')!;
    expect(sol.blockedBy).toEqual([first!.id]);
    // The chain (root, then dependants) comes before the unrelated postfix crash loop.
    const order = l.findings.map((f) => f.component);
    expect(order.indexOf('postfix')).toBe(order.length - 1);
    expect(l.findings.find((f) => f.component === 'postfix')!.blockedBy).toBeUndefined();
    expect(l.overall).toBe('failing');
    expect(l.rungs[4]).toMatchObject({ title: 'Data', verdict: 'failing', summary: expect.stringContaining('postgres 0/2') });
  });
});

describe('vault-sealed', () => {
  it('OpenBao running but not ready is the root cause; credential users are "blocked by: OpenBao sealed"', () => {
    const s = boxState({
      pods: [
        pod('openbao', 'openbao-0', { ownerKind: 'StatefulSet', ownerName: 'openbao', readyContainers: 0 }),
        crashing('messages', 'messages-7d9f8b6c5d-x2kq9', 'messages'),
        crashing('messages', 'messages-7d9f8b6c5d-p4m7z', 'messages'),
        pod('matrix', 'synapse-6f7d8c9b5-bbbbb', { ownerKind: 'Deployment', ownerName: 'synapse', phase: 'Pending', status: 'CreateContainerConfigError', readyContainers: 0, created: new Date(NOW - 10 * MIN).toISOString(), containers: [{ name: 'synapse', image: 's', ready: false, restartCount: 0, state: 'waiting', reason: 'CreateContainerConfigError', message: 'secret "synapse-db" not found' }] }),
      ],
      workloads: [workload('StatefulSet', 'openbao', 'openbao', 1, 0), workload('Deployment', 'messages', 'messages', 2, 0)],
    });
    const l = evaluateLadder(s, NOW);
    const root = l.findings[0]!;
    expect(root).toMatchObject({ namespace: 'openbao', component: 'openbao', severity: 'failing' });
    expect(root.title).toContain('OpenBao not ready, probably sealed');
    expect(l.rootCause?.id).toBe(root.id);
    for (const f of l.findings.slice(1)) {
      expect(f.blockedBy).toEqual([root.id]);
      expect(f.because).toBe('blocked by: OpenBao sealed');
    }
    expect(l.findings.map((f) => f.component)).toEqual(['openbao', 'messages', 'synapse']);
  });

  it('both roots: a finding blocked by OpenBao and the database names both', () => {
    const s = boxState({
      clusters: [cluster({ phase: 'Failing over', readyInstances: 0, conditions: { Ready: 'False' } })],
      pods: [pod('openbao', 'openbao-0', { ownerKind: 'StatefulSet', ownerName: 'openbao', readyContainers: 0 }), crashing('messages', 'messages-7d9f8b6c5d-x2kq9', 'messages')],
    });
    const l = evaluateLadder(s, NOW);
    expect(l.findings.map((f) => f.component)).toEqual(['openbao', 'postgres', 'messages']);
    expect(l.findings[2]!.because).toBe('blocked by: OpenBao sealed; because the database is down');
    expect(l.findings[2]!.blockedBy).toHaveLength(2);
  });
});

describe('the node down', () => {
  it('a NotReady node (the Box has one) comes first and everything follows from it', () => {
    const s = boxState({
      pods: [crashing('messages', 'messages-7d9f8b6c5d-x2kq9', 'messages')],
      clusters: [cluster({ phase: 'Failing over', readyInstances: 0, conditions: { Ready: 'False' } })],
      patches: [{ collection: 'nodes', upsert: [{ name: 'sunbeam-1', ready: false, roles: [], version: 'v1', created: '2026-01-01T00:00:00Z', pressures: [], unschedulable: false }] }],
    });
    const l = evaluateLadder(s, NOW);
    expect(l.findings.map((f) => f.rule)).toEqual(['node-not-ready', 'pg-cluster-unhealthy', 'crash-loop']);
    expect(l.rootCause?.id).toBe('node-not-ready:sunbeam-1');
    for (const f of l.findings.slice(1)) expect(f).toMatchObject({ blockedBy: ['node-not-ready:sunbeam-1'], because: 'because node sunbeam-1 is NotReady' });
  });
});

describe('check scopes', () => {
  it('check data covers the cluster, barman and backups, not the apps', () => {
    const s = boxState({
      clusters: [cluster({ phase: 'Failing over', readyInstances: 0, conditions: { Ready: 'False' } })],
      pods: [crashing('messages', 'messages-7d9f8b6c5d-x2kq9', 'messages'), pod('data', 'barman-0', { ownerKind: 'StatefulSet', ownerName: 'barman', readyContainers: 0 })],
    });
    const fs = checkNamespace(s, 'data', NOW);
    expect(fs.map((f) => f.component)).toEqual(['postgres', 'barman']);
    expect(fs[1]!.because).toBe('because the database is down');
  });

  it('check of a namespace brings the root cause it is blocked by along, first', () => {
    const fs = checkNamespace(postgresDownState(), 'matrix', NOW);
    expect(fs.map((f) => `${f.namespace}/${f.component}`)).toEqual(['data/postgres', 'matrix/synapse', 'matrix/sol']);
  });
});

function postgresDownState() {
  return boxState({
    clusters: [cluster({ phase: 'Failing over', readyInstances: 0, conditions: { Ready: 'False' } })],
    pods: [crashing('matrix', 'synapse-6f7d8c9b5-bbbbb', 'synapse'), crashing('matrix', 'sol-6f7d8c9b5-ccccc', 'sol')],
  });
}

describe('the graph', () => {
  it('has no cycles and names only components it defines', () => {
    const ids = new Set(BOX_COMPONENTS.map((c) => c.id));
    for (const c of BOX_COMPONENTS) {
      for (const d of c.dependsOn) expect(ids.has(d), `${c.id} -> ${d}`).toBe(true);
      expect(ancestorsOf(c.id)).not.toContain(c.id);
    }
    expect(ancestorsOf('matrix/sol')).toEqual(expect.arrayContaining(['data/postgres', 'openbao/openbao', 'matrix/synapse']));
  });
});
