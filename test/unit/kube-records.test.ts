// API objects -> store records for everything but pods: workloads, nodes, events, PVCs, and the custom
// resources (cert-manager Certificate, CloudNativePG Cluster and Backup) as the watch delivers them (raw JSON).
import { describe, expect, it } from 'vitest';
import { eventRecord, nodeRecord, pvcRecord, workloadRecord } from '../../src/sources/kubernetes/core-records.js';
import { certificateRecord, pgBackupRecord, pgClusterRecord } from '../../src/sources/kubernetes/custom-records.js';

describe('core records', () => {
  it('a Deployment: desired from spec, the rest from status, restartedAt from the template', () => {
    const r = workloadRecord('Deployment', {
      metadata: { name: 'messages', namespace: 'messages', generation: 4, resourceVersion: '77', creationTimestamp: new Date('2026-11-01T00:00:00Z') },
      spec: { replicas: 2, selector: { matchLabels: { app: 'messages' } }, template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-23T10:00:00Z' } } } },
      status: { readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1, observedGeneration: 4 },
    } as never);
    expect(r).toEqual({
      key: 'Deployment/messages/messages',
      kind: 'Deployment',
      namespace: 'messages',
      name: 'messages',
      desired: 2,
      ready: 1,
      updated: 2,
      available: 1,
      generation: 4,
      observedGeneration: 4,
      created: '2026-11-01T00:00:00.000Z',
      selector: { app: 'messages' },
      paused: false,
      restartedAt: '2026-11-23T10:00:00Z',
      resourceVersion: '77',
    });
  });

  it('a StatefulSet with no ready replicas yet, and a DaemonSet from its scheduling counts', () => {
    expect(workloadRecord('StatefulSet', { metadata: { name: 'openbao', namespace: 'openbao' }, spec: { replicas: 1 }, status: {} } as never)).toMatchObject({ desired: 1, ready: 0 });
    expect(workloadRecord('DaemonSet', { metadata: { name: 'x', namespace: 'kube-system' }, status: { desiredNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 } } as never)).toMatchObject({ key: 'DaemonSet/kube-system/x', desired: 3, ready: 2 });
  });

  it('a node: Ready, roles from labels, pressures', () => {
    const n = nodeRecord({
      metadata: { name: 'sunbeam-1', labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'sunbeam-1' } },
      spec: { unschedulable: true },
      status: { nodeInfo: { kubeletVersion: 'v1.31.4' } as never, conditions: [{ type: 'Ready', status: 'True' }, { type: 'DiskPressure', status: 'True' }, { type: 'MemoryPressure', status: 'False' }] as never },
    } as never);
    expect(n).toMatchObject({ name: 'sunbeam-1', ready: true, roles: ['control-plane'], version: 'v1.31.4', pressures: ['DiskPressure'], unschedulable: true });
  });

  it('an event: the last time from the series, lastTimestamp or eventTime', () => {
    const e = eventRecord({ metadata: { name: 'p.1', namespace: 'messages' }, involvedObject: { kind: 'Pod', name: 'p' }, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting\nsecond line', count: 5, lastTimestamp: '2026-11-23T11:00:00Z' as never } as never);
    expect(e).toEqual({ key: 'messages/p.1', namespace: 'messages', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting', involvedKind: 'Pod', involvedName: 'p', count: 5, last: '2026-11-23T11:00:00Z' });
    const s = eventRecord({ metadata: { name: 'p.2', namespace: 'messages' }, involvedObject: { kind: 'Pod', name: 'p' }, series: { count: 9, lastObservedTime: '2026-11-23T11:05:00Z' }, eventTime: '2026-11-23T10:00:00Z' } as never);
    expect(s).toMatchObject({ count: 9, last: '2026-11-23T11:05:00Z', type: 'Normal' });
  });

  it('a PVC', () => {
    expect(pvcRecord({ metadata: { name: 'postgres-1', namespace: 'data', creationTimestamp: '2026-11-01T00:00:00Z' as never }, status: { phase: 'Bound' } } as never)).toEqual({ key: 'data/postgres-1', namespace: 'data', name: 'postgres-1', phase: 'Bound', created: '2026-11-01T00:00:00Z' });
  });
});

describe('custom records', () => {
  it('a Certificate owned by an Ingress, expired', () => {
    const c = certificateRecord({
      metadata: { name: 'pingora-tls', namespace: 'ingress', creationTimestamp: '2026-08-01T00:00:00Z', ownerReferences: [{ kind: 'Ingress', name: 'messages', controller: true }] },
      spec: { secretName: 'pingora-tls', issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' }, dnsNames: ['messages.sunbeam.example'] },
      status: {
        notAfter: '2026-11-22T00:00:00Z',
        renewalTime: '2026-10-23T00:00:00Z',
        revision: 3,
        conditions: [
          { type: 'Ready', status: 'False', reason: 'Expired', message: 'Certificate expired on Sun, 22 Nov 2026 00:00:00 UTC' },
          { type: 'Issuing', status: 'False', reason: 'Failed', message: 'The certificate request has failed to complete' },
        ],
      },
    });
    expect(c).toEqual({
      key: 'ingress/pingora-tls',
      namespace: 'ingress',
      name: 'pingora-tls',
      ready: 'False',
      reason: 'Expired',
      message: 'Certificate expired on Sun, 22 Nov 2026 00:00:00 UTC',
      notAfter: '2026-11-22T00:00:00Z',
      renewalTime: '2026-10-23T00:00:00Z',
      secretName: 'pingora-tls',
      issuerKind: 'ClusterIssuer',
      issuerName: 'letsencrypt',
      dnsNames: ['messages.sunbeam.example'],
      ownerIngress: 'messages',
      issuing: false,
      revision: 3,
      created: '2026-08-01T00:00:00Z',
    });
    expect(certificateRecord({ metadata: { name: 'x', namespace: 'y' }, spec: {} }).ready).toBe('Unknown');
  });

  it('a CloudNativePG Cluster failing over', () => {
    const c = pgClusterRecord({
      metadata: { name: 'postgres', namespace: 'data', creationTimestamp: '2026-09-01T00:00:00Z' },
      spec: { instances: 2 },
      status: { instances: 2, readyInstances: 0, phase: 'Failing over', phaseReason: 'Primary is not healthy', currentPrimary: 'postgres-1', lastSuccessfulBackup: '2026-11-23T02:00:00Z', conditions: [{ type: 'Ready', status: 'False' }, { type: 'ContinuousArchiving', status: 'True' }] },
    });
    expect(c).toMatchObject({ key: 'data/postgres', instances: 2, readyInstances: 0, phase: 'Failing over', phaseReason: 'Primary is not healthy', primary: 'postgres-1', conditions: { Ready: 'False', ContinuousArchiving: 'True' }, lastSuccessfulBackup: '2026-11-23T02:00:00Z' });
  });

  it('a failed Backup', () => {
    expect(pgBackupRecord({ metadata: { name: 'postgres-daily-1', namespace: 'data', creationTimestamp: '2026-11-23T02:00:00Z' }, spec: { cluster: { name: 'postgres' } }, status: { phase: 'failed', error: 'no space\nmore', startedAt: '2026-11-23T02:00:01Z' } })).toEqual({
      key: 'data/postgres-daily-1',
      namespace: 'data',
      name: 'postgres-daily-1',
      cluster: 'postgres',
      method: 'barmanObjectStore',
      phase: 'failed',
      error: 'no space',
      startedAt: '2026-11-23T02:00:01Z',
      created: '2026-11-23T02:00:00Z',
    });
  });
});
