import { describe, expect, it } from 'vitest';
import { createBox, SCENARIOS } from '../../src/sim/box/index.js';
import { ObjectStore } from '../../src/sim/k8s/object-store.js';
import { boot, cond, podsOf, ready } from './sim-box-helpers.js';

describe('the seeded Box', () => {
  it('rejects an unknown scenario with one sentence naming the known ones', () => {
    expect(() => createBox(new ObjectStore(), { scenario: 'nope' })).toThrow(/^Unknown scenario "nope"; known: healthy, postgres-down, vault-sealed/);
    expect(SCENARIOS).toContain('all-502');
  });

  it('has the contract names', () => {
    const { store } = boot('healthy', false);
    const node = store.get('nodes', undefined, 'sunbeam-1')!;
    expect(node.metadata.labels?.['node-role.kubernetes.io/control-plane']).toBe('');
    expect(node.status.nodeInfo.kubeletVersion).toMatch(/^v1\.31\./);
    const cluster = store.get('clusters.postgresql.cnpg.io', 'data', 'postgres')!;
    expect(cluster.status.phase).toBe('Cluster in healthy state');
    expect(cluster.status.readyInstances).toBe(2);
    expect(cluster.status.currentPrimary).toBe('postgres-1');
    expect(cluster.status.writeService).toBe('postgres-rw');
    expect(cluster.status.readService).toBe('postgres-ro');
    expect(Date.parse(cluster.status.firstRecoverabilityPoint)).toBeLessThan(Date.now() - 28 * 86400_000);
    expect(cond(cluster, 'LastBackupSucceeded').status).toBe('True');
    expect(cond(cluster, 'ContinuousArchiving').status).toBe('True');
    const primary = store.get('pods', 'data', 'postgres-1')!;
    expect(primary.metadata.labels).toMatchObject({ 'cnpg.io/cluster': 'postgres', 'cnpg.io/instanceRole': 'primary', role: 'primary' });
    expect(primary.metadata.ownerReferences?.[0]?.kind).toBe('Cluster');
    expect(store.get('pods', 'data', 'postgres-2')!.metadata.labels?.role).toBe('replica');
    for (const svc of ['postgres-rw', 'postgres-ro', 'postgres-r']) expect(store.get('services', 'data', svc)).toBeDefined();
    const barman = store.get('pods', 'data', 'barman-0')!;
    expect(barman.metadata.labels?.app).toBe('barman');
    expect(barman.spec.containers[0].name).toBe('barman');
    expect(store.get('statefulsets.apps', 'storage', 'seaweedfs-volume')).toBeDefined();
    expect(store.get('pods', 'storage', 'seaweedfs-volume-0')!.spec.containers[0].name).toBe('volume');
    const pvc = store.get('persistentvolumeclaims', 'storage', 'data-seaweedfs-volume-0')!;
    expect(pvc.status.phase).toBe('Bound');
    expect(pvc.metadata.creationTimestamp).toBe(store.get('statefulsets.apps', 'storage', 'seaweedfs-volume')!.metadata.creationTimestamp);
    expect(store.get('pods', 'storage', 'seaweedfs-volume-0')!.spec.volumes[0]).toEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-seaweedfs-volume-0' } });
    for (const n of ['postgres-1', 'postgres-2']) expect(store.get('persistentvolumeclaims', 'data', n)!.status.phase).toBe('Bound');
    expect(podsOf(store, 'matrix', 'sol')[0]!.spec.containers[0].name).toBe('sol');
    expect(store.get('deployments.apps', 'cert-manager', 'cert-manager')).toBeDefined();
    const cert = store.get('certificates.cert-manager.io', 'ingress', 'pingora-tls')!;
    expect(cert.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Ingress', name: 'messages', controller: true });
    expect(cond(cert, 'Ready')).toMatchObject({ status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired' });
    const notAfter = Date.parse(cert.status.notAfter);
    expect(notAfter).toBeGreaterThan(Date.now() + 55 * 86400_000);
    expect(Date.parse(cert.status.renewalTime)).toBe(notAfter - 30 * 86400_000);
    expect(store.get('secrets', 'ingress', 'pingora-tls')!.type).toBe('kubernetes.io/tls');
    expect(store.get('scheduledbackups.postgresql.cnpg.io', 'data', 'postgres-daily')!.spec.schedule).toBe('0 0 2 * * *');
    expect(store.list('backups.postgresql.cnpg.io', 'data').every((b) => b.status.phase === 'completed')).toBe(true);
    for (const name of ['messages', 'gitea', 'drive', 'matrix', 'grafana']) {
      const ing = store.get('ingresses.networking.k8s.io', 'ingress', name)!;
      expect(ing.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBe('letsencrypt');
      expect(ing.spec.tls[0].secretName).toBe('pingora-tls');
    }
    expect(cond(store.get('clusterissuers.cert-manager.io', undefined, 'letsencrypt'), 'Ready').status).toBe('True');
  });

  it('has every pod Ready and workload statuses that match, in healthy', () => {
    const { store } = boot('healthy', false);
    const pods = store.list('pods').filter((p) => p.status.phase !== 'Succeeded');
    expect(pods.length).toBeGreaterThan(30);
    for (const p of pods) {
      expect(ready(p), `${p.metadata.namespace}/${p.metadata.name}`).toBe(true);
      expect(p.metadata.labels?.app).toBeTruthy();
      expect(p.metadata.labels?.['app.kubernetes.io/name']).toBeTruthy();
      expect(p.spec.nodeName).toBe('sunbeam-1');
      const cs = p.status.containerStatuses[0];
      expect(cs).toMatchObject({ ready: true, started: true, restartCount: 0 });
      expect(cs.containerID).toMatch(/^containerd:\/\//);
      expect(cs.image).toMatch(/:[\w.-]+$/);
      expect(p.status.podIP).toMatch(/^10\.42\./);
      expect(p.status.qosClass).toBe('Burstable');
    }
    for (const d of store.list('deployments.apps')) {
      expect(d.status, `${d.metadata.name}`).toMatchObject({ observedGeneration: d.metadata.generation, replicas: d.spec.replicas, readyReplicas: d.spec.replicas, availableReplicas: d.spec.replicas, updatedReplicas: d.spec.replicas });
      expect(cond(d, 'Progressing').reason).toBe('NewReplicaSetAvailable');
      const rs = store.list('replicasets.apps', d.metadata.namespace).filter((r) => r.metadata.ownerReferences?.[0]?.uid === d.metadata.uid);
      expect(rs).toHaveLength(1);
      expect(rs[0]!.metadata.ownerReferences![0]!.controller).toBe(true);
      const hash = rs[0]!.metadata.labels!['pod-template-hash'];
      expect(rs[0]!.metadata.name).toBe(`${d.metadata.name}-${hash}`);
      for (const p of podsOf(store, d.metadata.namespace!, d.metadata.name)) expect(p.metadata.name).toMatch(new RegExp(`^${rs[0]!.metadata.name}-[a-z0-9]{5}$`));
    }
    for (const s of store.list('statefulsets.apps')) {
      expect(s.status).toMatchObject({ replicas: 1, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1 });
      expect(s.status.currentRevision).toBe(s.status.updateRevision);
    }
    const ages = store.list('pods').map((p) => Date.parse(p.metadata.creationTimestamp!));
    expect(Math.min(...ages)).toBeLessThan(Date.now() - 86400_000);
    const ep = store.get('endpoints', 'messages', 'messages')!;
    expect(ep.subsets[0].addresses).toHaveLength(2);
  });

  it('never stores anything that looks like a credential', () => {
    const { store } = boot('healthy', false);
    for (const s of store.list('secrets')) {
      for (const [k, v] of Object.entries<string>(s.data ?? {})) {
        const text = Buffer.from(v, 'base64').toString();
        if (/password|token|key|secret|uri|pgpass/i.test(k)) expect(text, `${s.metadata.namespace}/${s.metadata.name}:${k}`).toMatch(/sim-placeholder/);
      }
    }
  });
});
