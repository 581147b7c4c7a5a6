// Each rule of the ladder on hand-built store states.
import { describe, expect, it } from 'vitest';
import { evaluateFindings, evaluateLadder } from '../../src/ladder/index.js';
import { ago, boxState, cert, cluster, crashing, DAY, MIN, NOW, pod, workload } from './ladder-helpers.js';

const find = (state: ReturnType<typeof boxState>, rule: string) => evaluateFindings(state, NOW).filter((f) => f.rule === rule);

describe('a healthy Box', () => {
  it('has no findings and every Kubernetes rung ok', () => {
    const l = evaluateLadder(boxState(), NOW);
    expect(l.findings).toEqual([]);
    expect(l.rungs.map((r) => [r.title, r.verdict])).toEqual([
      ['Status', 'ok'],
      ['Check', 'ok'],
      ['Logs', 'unknown'],
      ['Vault', 'not-connected'],
      ['Data', 'ok'],
      ['Alerts', 'not-connected'],
      ['Errors', 'not-connected'],
    ]);
    expect(l.overall).toBe('ok');
    expect(l.rootCause).toBeUndefined();
  });
});

describe('pod rules', () => {
  it('groups crash-looping pods per workload and folds the replica count in', () => {
    const s = boxState({
      pods: [crashing('messages', 'messages-7d9f8b6c5d-x2kq9', 'messages', 12), crashing('messages', 'messages-7d9f8b6c5d-p4m7z', 'messages', 7)],
      workloads: [workload('Deployment', 'messages', 'messages', 2, 0)],
    });
    const all = evaluateFindings(s, NOW);
    expect(all).toHaveLength(1);
    const f = all[0]!;
    expect(f).toMatchObject({ id: 'crash-loop:messages/messages', rule: 'crash-loop', severity: 'failing', namespace: 'messages', component: 'messages', title: 'messages/messages: 2 pods crash-looping' });
    expect(f.target).toEqual({ kind: 'Deployment', namespace: 'messages', name: 'messages' });
    expect(f.detail).toContain('messages-7d9f8b6c5d-p4m7z: CrashLoopBackOff, 7 restarts, last 30s ago (exit 1)');
    expect(f.detail).toContain('Deployment 0/2 ready');
  });

  it('reports image pull failures and containers that cannot start, with the reason', () => {
    const s = boxState({
      pods: [
        pod('mail', 'postfix-5c9d7f8b6-aaaaa', { ownerKind: 'Deployment', ownerName: 'postfix', phase: 'Pending', status: 'ImagePullBackOff', readyContainers: 0, containers: [{ name: 'postfix', image: 'registry.example/postfix:9.9', ready: false, restartCount: 0, state: 'waiting', reason: 'ImagePullBackOff', message: 'Back-off pulling image' }] }),
        pod('matrix', 'sol-6f7d8c9b5-ccccc', { ownerKind: 'Deployment', ownerName: 'sol', phase: 'Pending', status: 'CreateContainerConfigError', readyContainers: 0, containers: [{ name: 'sol', image: 'sol:1', ready: false, restartCount: 0, state: 'waiting', reason: 'CreateContainerConfigError', message: 'secret "sol-env" not found' }] }),
      ],
    });
    expect(find(s, 'image-pull')[0]).toMatchObject({ severity: 'failing', title: 'mail/postfix: 1 pod cannot pull its image' });
    expect(find(s, 'image-pull')[0]!.detail).toContain('registry.example/postfix:9.9');
    expect(find(s, 'container-config-error')[0]).toMatchObject({ severity: 'failing', title: 'matrix/sol: 1 pod cannot start (CreateContainerConfigError)' });
    expect(find(s, 'container-config-error')[0]!.detail).toContain('secret "sol-env" not found');
  });

  it('gives a new pod 90 s to become ready, then reports it not ready', () => {
    const young = boxState({ pods: [pod('mail', 'postfix-5c9d7f8b6-aaaaa', { ownerKind: 'Deployment', ownerName: 'postfix', readyContainers: 0, created: ago(30_000) })] });
    expect(find(young, 'pod-not-ready')).toEqual([]);
    const old = boxState({ pods: [pod('mail', 'postfix-5c9d7f8b6-aaaaa', { ownerKind: 'Deployment', ownerName: 'postfix', readyContainers: 0, created: ago(5 * MIN) })] });
    expect(find(old, 'pod-not-ready')[0]).toMatchObject({ severity: 'failing', title: 'mail/postfix: 1 pod not ready' });
    // One of two replicas not ready is a warning, not an outage.
    const half = boxState({ pods: [pod('messages', 'messages-7d9f8b6c5d-x2kq9', { ownerKind: 'Deployment', ownerName: 'messages', readyContainers: 0 })] });
    expect(find(half, 'pod-not-ready')[0]!.severity).toBe('warn');
  });

  it('restarts climbing: a restart within 15 minutes, or many restarts with a recent one', () => {
    const withRestart = (restarts: number, at: string) =>
      boxState({ pods: [pod('mail', 'postfix-5c9d7f8b6-aaaaa', { ownerKind: 'Deployment', ownerName: 'postfix', restarts, containers: [{ name: 'postfix', image: 'p', ready: true, restartCount: restarts, state: 'running', lastTerminatedAt: at, lastExitCode: 137 }] })] });
    expect(find(withRestart(1, ago(5 * MIN)), 'restarts-climbing')[0]).toMatchObject({ severity: 'warn', title: 'mail/postfix: restarts climbing (1 restart across 1 pod)' });
    expect(find(withRestart(2, ago(20 * MIN)), 'restarts-climbing')).toEqual([]);
    expect(find(withRestart(7, ago(40 * MIN)), 'restarts-climbing')).toHaveLength(1);
    expect(find(withRestart(7, ago(3 * 3_600_000)), 'restarts-climbing')).toEqual([]);
  });

  it('ignores completed pods and pods being deleted', () => {
    const s = boxState({
      pods: [
        pod('gitea', 'gitea-backup-1-abcde', { phase: 'Succeeded', status: 'Completed', readyContainers: 0, ownerKind: 'Job', ownerName: 'gitea-backup-1' }),
        pod('mail', 'postfix-5c9d7f8b6-old', { ownerKind: 'Deployment', ownerName: 'postfix', status: 'Terminating', deleting: true, readyContainers: 0 }),
      ],
    });
    expect(evaluateFindings(s, NOW)).toEqual([]);
  });
});

describe('workloads, nodes, volumes', () => {
  it('a workload below desired with no pod finding is its own finding', () => {
    const s = boxState({ workloads: [workload('Deployment', 'matrix', 'synapse', 1, 0)] });
    expect(evaluateFindings(s, NOW)).toMatchObject([{ rule: 'workload-below-desired', severity: 'failing', title: 'matrix/synapse: deployment 0/1 ready' }]);
    const some = boxState({ workloads: [workload('Deployment', 'messages', 'messages', 2, 1)] });
    expect(find(some, 'workload-below-desired')[0]!.severity).toBe('warn');
  });

  it('a NotReady node fails; pressure warns', () => {
    const s = boxState({ patches: [{ collection: 'nodes', upsert: [{ name: 'sunbeam-1', ready: false, roles: [], version: 'v1', created: ago(DAY), pressures: ['DiskPressure'], unschedulable: false }] }] });
    expect(find(s, 'node-not-ready')[0]).toMatchObject({ severity: 'failing', title: 'node sunbeam-1: NotReady' });
    expect(find(s, 'node-pressure')[0]).toMatchObject({ severity: 'warn', title: 'node sunbeam-1: DiskPressure' });
  });

  it('a PVC Pending past 2 minutes warns and names its workload', () => {
    const s = boxState({
      workloads: [workload('StatefulSet', 'storage', 'seaweedfs-volume', 1, 1)],
      patches: [{ collection: 'pvcs', upsert: [{ key: 'storage/data-seaweedfs-volume-0', namespace: 'storage', name: 'data-seaweedfs-volume-0', phase: 'Pending', created: ago(10 * MIN) }, { key: 'storage/fresh', namespace: 'storage', name: 'fresh', phase: 'Pending', created: ago(10_000) }] }],
    });
    expect(find(s, 'pvc-pending')).toMatchObject([{ severity: 'warn', component: 'seaweedfs-volume', title: 'storage/data-seaweedfs-volume-0: volume claim Pending for 10m' }]);
  });
});

describe('certificates', () => {
  const days = (d: number) => new Date(NOW + d * DAY).toISOString();
  it('warns from 14 days before expiry, not before', () => {
    expect(find(boxState({ certs: [cert({ notAfter: days(14.5) })] }), 'certificate-expiring')).toEqual([]);
    expect(find(boxState({ certs: [cert({ notAfter: days(14) })] }), 'certificate-expiring')).toHaveLength(1);
    const f = find(boxState({ certs: [cert({ notAfter: days(13) })] }), 'certificate-expiring')[0]!;
    expect(f).toMatchObject({ severity: 'warn', title: 'ingress/pingora-tls: certificate expires in 13d', component: 'pingora-tls' });
  });

  it('a certificate not Ready fails, with the reason and how long ago it expired', () => {
    const f = find(boxState({ certs: [cert({ ready: 'False', reason: 'Expired', message: 'Certificate expired on Sun, 22 Nov 2026', notAfter: days(-1) })] }), 'certificate-not-ready')[0]!;
    expect(f).toMatchObject({ severity: 'failing', title: 'ingress/pingora-tls: certificate not Ready (Expired)' });
    expect(f.detail).toContain('expired 24h ago');
    expect(f.detail).toContain('delete it and let cert-manager recreate it');
  });
});

describe('CloudNativePG', () => {
  it('names the phase and the ready count when the cluster is not healthy, and folds its pods in', () => {
    const s = boxState({
      clusters: [cluster({ phase: 'Failing over', readyInstances: 0, conditions: { Ready: 'False' } })],
      pods: [crashing('data', 'postgres-1', 'postgres', 4, 'Cluster'), crashing('data', 'postgres-2', 'postgres', 3, 'Cluster')],
    });
    const fs = evaluateFindings(s, NOW).filter((f) => f.namespace === 'data');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ id: 'pg-cluster-unhealthy:data/postgres', severity: 'failing', title: 'data/postgres: CloudNativePG cluster not healthy (Failing over, 0/2 ready)' });
    expect(fs[0]!.detail).toContain('postgres-1: CrashLoopBackOff');
  });

  it('a cluster still serving while it applies configuration is a warning', () => {
    const f = find(boxState({ clusters: [cluster({ phase: 'Applying configuration' })] }), 'pg-cluster-unhealthy')[0]!;
    expect(f.severity).toBe('warn');
  });

  it('backups: the last one failed, or none for more than 36 hours', () => {
    const failed = boxState({
      patches: [{ collection: 'pgBackups', upsert: [{ key: 'data/postgres-daily-1', namespace: 'data', name: 'postgres-daily-1', cluster: 'postgres', method: 'barmanObjectStore', phase: 'failed', error: 'can not reach the object store', startedAt: ago(60 * MIN), created: ago(60 * MIN) }] }],
    });
    const f = find(failed, 'pg-backup-failed')[0]!;
    expect(f).toMatchObject({ severity: 'warn', title: 'data/postgres: last backup failed 60m ago' });
    expect(f.detail).toContain('can not reach the object store');
    const stale = boxState({ clusters: [cluster({ lastSuccessfulBackup: ago(3 * DAY) })] });
    expect(find(stale, 'pg-backup-stale')[0]).toMatchObject({ severity: 'warn', title: 'data/postgres: no backup for 3d' });
  });
});

describe('warning events', () => {
  const ev = (name: string, involved: string, last: string, reason = 'FailedMount') => ({
    key: `mail/${name}`,
    namespace: 'mail',
    type: 'Warning',
    reason,
    message: 'MountVolume.SetUp failed for volume "spool"',
    involvedKind: 'Pod',
    involvedName: involved,
    count: 3,
    last,
  });
  it('recent warnings become a finding per workload; old ones do not', () => {
    const s = boxState({ patches: [{ collection: 'events', upsert: [ev('e1', 'postfix-5c9d7f8b6-aaaaa', ago(2 * MIN)), ev('e2', 'postfix-5c9d7f8b6-aaaaa', ago(2 * 3_600_000))] }] });
    const fs = find(s, 'warning-event');
    expect(fs).toMatchObject([{ severity: 'warn', component: 'postfix', title: 'mail/postfix: 3 warning events (FailedMount)' }]);
    expect(fs[0]).not.toHaveProperty('events');
  });

  it('fold into the workload finding when there is one', () => {
    const s = boxState({
      pods: [pod('mail', 'postfix-5c9d7f8b6-aaaaa', { ownerKind: 'Deployment', ownerName: 'postfix', readyContainers: 0 })],
      patches: [{ collection: 'events', upsert: [ev('e1', 'postfix-5c9d7f8b6-aaaaa', ago(2 * MIN))] }],
    });
    const fs = evaluateFindings(s, NOW);
    expect(fs.map((f) => f.rule)).toEqual(['pod-not-ready']);
    expect(fs[0]!.detail).toContain('Recent warning: postfix-5c9d7f8b6-aaaaa: FailedMount');
  });
});
