// The STATUS, READY and RESTARTS columns as `kubectl get pods` prints them (printers.go printPod), and the
// pod -> ReplicaSet -> Deployment owner resolution.
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { OwnerIndex } from '../../src/sources/kubernetes/owner-index.js';
import { podRecord, podStatusColumns } from '../../src/sources/kubernetes/pod-record.js';

type Cs = NonNullable<NonNullable<V1Pod['status']>['containerStatuses']>[number];

function mk(o: { phase?: string; reason?: string; containers?: string[]; init?: { name: string; restartPolicy?: string }[]; statuses?: Cs[]; initStatuses?: Cs[]; deleting?: boolean; conditions?: { type: string; status: string; reason?: string }[] }): V1Pod {
  return {
    metadata: { name: 'p', namespace: 'ns', creationTimestamp: new Date('2026-11-20T10:00:00Z'), ...(o.deleting ? { deletionTimestamp: new Date('2026-11-20T11:00:00Z') } : {}) },
    spec: { containers: (o.containers ?? ['main']).map((name) => ({ name, image: `img/${name}:1` })), initContainers: o.init?.map((c) => ({ name: c.name, image: 'init:1', restartPolicy: c.restartPolicy })) },
    status: { phase: o.phase ?? 'Running', reason: o.reason, containerStatuses: o.statuses, initContainerStatuses: o.initStatuses, conditions: o.conditions as never },
  } as V1Pod;
}

const running = (name = 'main', ready = true, restartCount = 0): Cs => ({ name, image: 'img', imageID: '', ready, restartCount, state: { running: { startedAt: new Date('2026-11-20T10:00:05Z') } } });
const waiting = (reason: string, restartCount = 0, name = 'main'): Cs => ({ name, image: 'img', imageID: '', ready: false, restartCount, state: { waiting: { reason } } });
const terminated = (reason: string | undefined, exitCode: number, name = 'main', signal?: number): Cs => ({ name, image: 'img', imageID: '', ready: false, restartCount: 0, state: { terminated: { reason, exitCode, signal } } as never });

describe('kubectl STATUS column', () => {
  const cases: [string, V1Pod, string, string][] = [
    ['a ready running pod', mk({ statuses: [running()] , conditions: [{ type: 'Ready', status: 'True' }] }), 'Running', '1/1'],
    ['a pod without statuses yet', mk({ phase: 'Pending' }), 'Pending', '0/1'],
    ['ContainerCreating', mk({ phase: 'Pending', statuses: [waiting('ContainerCreating')] }), 'ContainerCreating', '0/1'],
    ['CrashLoopBackOff', mk({ statuses: [waiting('CrashLoopBackOff', 7)] }), 'CrashLoopBackOff', '0/1'],
    ['ImagePullBackOff', mk({ phase: 'Pending', statuses: [waiting('ImagePullBackOff')] }), 'ImagePullBackOff', '0/1'],
    ['ErrImagePull', mk({ phase: 'Pending', statuses: [waiting('ErrImagePull')] }), 'ErrImagePull', '0/1'],
    ['CreateContainerConfigError', mk({ phase: 'Pending', statuses: [waiting('CreateContainerConfigError')] }), 'CreateContainerConfigError', '0/1'],
    ['Completed', mk({ phase: 'Succeeded', statuses: [terminated('Completed', 0)] }), 'Completed', '0/1'],
    ['Error', mk({ phase: 'Failed', statuses: [terminated('Error', 1)] }), 'Error', '0/1'],
    ['ExitCode when the runtime gives no reason', mk({ phase: 'Failed', statuses: [terminated(undefined, 137)] }), 'ExitCode:137', '0/1'],
    ['Signal when killed by a signal', mk({ phase: 'Failed', statuses: [terminated(undefined, 0, 'main', 9)] }), 'Signal:9', '0/1'],
    ['Evicted (the pod reason)', mk({ phase: 'Failed', reason: 'Evicted' }), 'Evicted', '0/1'],
    ['Init:0/1 while the init container runs', mk({ phase: 'Pending', init: [{ name: 'migrate' }], initStatuses: [running('migrate', false)], statuses: [waiting('PodInitializing')] }), 'Init:0/1', '0/1'],
    ['Init:1/2 after the first init container', mk({ phase: 'Pending', init: [{ name: 'a' }, { name: 'b' }], initStatuses: [terminated('Completed', 0, 'a'), running('b', false)] }), 'Init:1/2', '0/1'],
    ['Init:CrashLoopBackOff', mk({ phase: 'Pending', init: [{ name: 'migrate' }], initStatuses: [waiting('CrashLoopBackOff', 3, 'migrate')] }), 'Init:CrashLoopBackOff', '0/1'],
    ['Init:Error', mk({ phase: 'Pending', init: [{ name: 'migrate' }], initStatuses: [terminated('Error', 1, 'migrate')] }), 'Init:Error', '0/1'],
    ['Init:ExitCode without a reason', mk({ phase: 'Pending', init: [{ name: 'migrate' }], initStatuses: [terminated(undefined, 3, 'migrate')] }), 'Init:ExitCode:3', '0/1'],
    ['Terminating', mk({ deleting: true, statuses: [running()] }), 'Terminating', '1/1'],
    ['a terminal pod being deleted keeps its status', mk({ deleting: true, phase: 'Succeeded', statuses: [terminated('Completed', 0)] }), 'Completed', '0/1'],
    ['Unknown on a lost node', mk({ deleting: true, reason: 'NodeLost', statuses: [running()] }), 'Unknown', '1/1'],
    [
      'NotReady when one container completed and another runs, without the Ready condition',
      mk({ containers: ['a', 'b'], statuses: [running('a'), terminated('Completed', 0, 'b')] }),
      'NotReady',
      '1/2',
    ],
    [
      'Running when one container completed and the pod is Ready',
      mk({ containers: ['a', 'b'], statuses: [running('a'), terminated('Completed', 0, 'b')], conditions: [{ type: 'Ready', status: 'True' }] }),
      'Running',
      '1/2',
    ],
    [
      'a native sidecar counts in READY',
      mk({ init: [{ name: 'proxy', restartPolicy: 'Always' }], initStatuses: [{ ...running('proxy'), started: true }], statuses: [running()], conditions: [{ type: 'Initialized', status: 'True' }] }),
      'Running',
      '2/2',
    ],
    ['SchedulingGated', mk({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), 'SchedulingGated', '0/1'],
  ];
  it.each(cases)('%s', (_name, pod, status, ready) => {
    const c = podStatusColumns(pod);
    expect(c.status).toBe(status);
    expect(`${c.readyContainers}/${c.totalContainers}`).toBe(ready);
  });

  it('sums restarts and keeps the latest termination time, whether dates are Date objects or strings', () => {
    const a = { ...waiting('CrashLoopBackOff', 4, 'a'), lastState: { terminated: { exitCode: 1, finishedAt: new Date('2026-11-20T10:05:00Z') } } } as Cs;
    const b = { ...running('b'), restartCount: 2, lastState: { terminated: { exitCode: 2, finishedAt: '2026-11-20T10:09:00Z' as unknown as Date } } } as Cs;
    const pod = mk({ containers: ['a', 'b'], statuses: [a, b] });
    const c = podStatusColumns(pod);
    expect(c.restarts).toBe(6);
    expect(c.lastRestartAt).toBe('2026-11-20T10:09:00Z');
    const rec = podRecord(pod);
    expect(rec.containers.map((x) => [x.name, x.state, x.reason, x.restartCount, x.lastExitCode])).toEqual([
      ['a', 'waiting', 'CrashLoopBackOff', 4, 1],
      ['b', 'running', undefined, 2, 2],
    ]);
    expect(rec.containers[0]!.lastTerminatedAt).toBe('2026-11-20T10:05:00.000Z');
    expect(rec.created).toBe('2026-11-20T10:00:00.000Z');
    expect(rec.key).toBe('ns/p');
  });
});

describe('pod owners', () => {
  const rsPod = (name: string, rs: string, hash: string): V1Pod =>
    ({ metadata: { name, namespace: 'messages', labels: { 'pod-template-hash': hash }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: 'u', controller: true }] }, spec: { containers: [] }, status: {} }) as V1Pod;

  it('resolves a ReplicaSet to its Deployment, and re-maps pods when the ReplicaSet arrives later', () => {
    const idx = new OwnerIndex();
    const pod = rsPod('web-abc12-xyz', 'web-abc12', 'abc12');
    // Before the ReplicaSet is known: the pod-template-hash naming rule.
    expect(idx.ownerOfPod('messages/web-abc12-xyz', pod)).toEqual({ kind: 'Deployment', name: 'web' });
    const odd = rsPod('odd-1', 'odd-rs', 'zzz');
    expect(idx.ownerOfPod('messages/odd-1', odd)).toEqual({ kind: 'ReplicaSet', name: 'odd-rs' });
    const changed = idx.setReplicaSet({ metadata: { name: 'odd-rs', namespace: 'messages', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'messages', uid: 'd', controller: true }] } });
    expect(changed).toEqual(['messages/odd-1']);
    expect(idx.ownerOfPod('messages/odd-1', odd)).toEqual({ kind: 'Deployment', name: 'messages' });
    expect(podRecord(odd, idx.ownerOfPod('messages/odd-1', odd))).toMatchObject({ ownerKind: 'Deployment', ownerName: 'messages' });
  });

  it('keeps a StatefulSet or CNPG Cluster owner as it is', () => {
    const pod = { metadata: { name: 'postgres-1', namespace: 'data', ownerReferences: [{ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', name: 'postgres', uid: 'c', controller: true }] }, spec: { containers: [] }, status: {} } as V1Pod;
    expect(podRecord(pod)).toMatchObject({ ownerKind: 'Cluster', ownerName: 'postgres' });
  });
});
