import { describe, expect, it } from 'vitest';
import { nextRun } from '../../src/sim/box/cnpg.js';
import { boot, cond, ready, until } from './sim-box-helpers.js';

const CERTS = 'certificates.cert-manager.io';
const CLUSTERS = 'clusters.postgresql.cnpg.io';
const BACKUPS = 'backups.postgresql.cnpg.io';

describe('cert-manager', () => {
  it('recreates a deleted ingress-shim Certificate and issues it through an ACME order with a solver Ingress', async () => {
    const { store } = boot();
    const old = store.get(CERTS, 'ingress', 'pingora-tls')!;
    const secretUid = store.get('secrets', 'ingress', 'pingora-tls')!.metadata.uid;
    const seen = new Set<string>();
    const unsub = store.subscribe((e) => {
      if (e.key === 'ingresses.networking.k8s.io' && e.type === 'ADDED' && e.object.metadata.name.startsWith('cm-acme-http-solver-')) {
        seen.add(`solver ${e.object.spec.rules[0].http.paths[0].path}`);
      }
      if (e.key === 'challenges.acme.cert-manager.io' && e.object.status?.state) seen.add(`challenge ${e.object.status.state}`);
      if (e.key === 'orders.acme.cert-manager.io' && e.object.status?.state) seen.add(`order ${e.object.status.state}`);
      if (e.key === CERTS && e.type !== 'DELETED') for (const c of e.object.status?.conditions ?? []) seen.add(`${c.type}=${c.status}:${c.reason}`);
    });
    store.delete(CERTS, 'ingress', 'pingora-tls');
    const cert = await until('a fresh Ready certificate', () => {
      const c = store.get(CERTS, 'ingress', 'pingora-tls');
      return c && c.metadata.uid !== old.metadata.uid && cond(c, 'Ready')?.status === 'True' && c;
    });
    unsub();
    expect(cert.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Ingress', name: 'messages', controller: true });
    expect([...cert.spec.dnsNames].sort()).toEqual([...old.spec.dnsNames].sort());
    expect(Date.parse(cert.status.notAfter)).toBeGreaterThan(Date.parse(old.status.notAfter));
    expect(Date.parse(cert.status.notAfter) - Date.parse(cert.status.notBefore)).toBe(90 * 86400_000);
    expect(cond(cert, 'Issuing')).toBeUndefined();
    expect(cert.status.revision).toBe(1);
    expect([...seen]).toEqual(expect.arrayContaining(['Issuing=True:SecretMismatch', 'challenge pending', 'challenge valid', 'order pending', 'order valid', 'Ready=True:Ready']));
    expect([...seen].some((s) => /^solver \/\.well-known\/acme-challenge\/[\w-]{43}$/.test(s))).toBe(true);
    // the TLS Secret is kept, and the solver resources are cleaned up
    expect(store.get('secrets', 'ingress', 'pingora-tls')!.metadata.uid).toBe(secretUid);
    await until('solver ingresses to go', () => !store.list('ingresses.networking.k8s.io', 'ingress').some((i) => i.metadata.name.startsWith('cm-acme-http-solver-')));
    const reasons = store.list('events', 'ingress').filter((e) => e.involvedObject.uid === cert.metadata.uid).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Issuing', 'Generated', 'Requested']));
  });

  it('renews when a client adds Issuing=True reason ManuallyTriggered (cmctl renew)', async () => {
    const { store } = boot('cert-expired');
    const cert = store.get(CERTS, 'ingress', 'pingora-tls')!;
    expect(cond(cert, 'Ready')).toMatchObject({ status: 'False', reason: 'Expired' });
    expect(Date.parse(cert.status.notAfter)).toBeLessThan(Date.now());
    // what cmctl renew does: set the Issuing condition (replacing a failed one), then UpdateStatus
    cert.status.conditions = cert.status.conditions.filter((c: any) => c.type !== 'Issuing');
    cert.status.conditions.push({ type: 'Issuing', status: 'True', reason: 'ManuallyTriggered', message: 'Certificate re-issuance manually triggered', lastTransitionTime: new Date().toISOString(), observedGeneration: 1 });
    store.update(CERTS, cert, { statusOnly: true, expectRv: cert.metadata.resourceVersion });
    const renewed = await until('the renewal', () => {
      const c = store.get(CERTS, 'ingress', 'pingora-tls')!;
      return cond(c, 'Ready')?.status === 'True' && c;
    });
    expect(renewed.status.revision).toBe(cert.status.revision + 1);
    expect(Date.parse(renewed.status.notAfter)).toBeGreaterThan(Date.now() + 89 * 86400_000);
    expect(renewed.status.lastFailureTime).toBeUndefined();
    expect(store.get('certificaterequests.cert-manager.io', 'ingress', `pingora-tls-${renewed.status.revision}`)).toBeDefined();
  });
});

describe('CloudNativePG', () => {
  it('a hand-made Backup goes pending -> started -> running -> completed and updates the Cluster', async () => {
    const { store } = boot();
    const before = store.get(CLUSTERS, 'data', 'postgres')!.status.lastSuccessfulBackup;
    const phases: string[] = [];
    const unsub = store.subscribe((e) => {
      if (e.key === BACKUPS && e.object.metadata.name === 'manual-1' && e.object.status?.phase && phases.at(-1) !== e.object.status.phase) phases.push(e.object.status.phase);
    });
    store.create(BACKUPS, { metadata: { name: 'manual-1', namespace: 'data' }, spec: { cluster: { name: 'postgres' } } });
    const b = await until('the backup', () => {
      const x = store.get(BACKUPS, 'data', 'manual-1');
      return x?.status?.phase === 'completed' && x;
    });
    unsub();
    expect(phases).toEqual(['pending', 'started', 'running', 'completed']);
    expect(b.status).toMatchObject({ method: 'barmanObjectStore', destinationPath: 's3://sunbeam-backups/postgres', serverName: 'postgres' });
    expect(b.status.backupId).toMatch(/^\d{8}T\d{6}$/);
    expect(b.status.beginWal).toMatch(/^[0-9A-F]{24}$/);
    expect(b.status.endLSN).toMatch(/^[0-9A-F]+\/[0-9A-F]{8}$/);
    expect(Date.parse(b.status.stoppedAt)).toBeGreaterThanOrEqual(Date.parse(b.status.startedAt));
    const c = store.get(CLUSTERS, 'data', 'postgres')!;
    expect(Date.parse(c.status.lastSuccessfulBackup)).toBeGreaterThan(Date.parse(before));
    expect(cond(c, 'LastBackupSucceeded').status).toBe('True');
  });

  it('a Backup for an unknown cluster fails with an error', async () => {
    const { store } = boot();
    store.create(BACKUPS, { metadata: { name: 'bad', namespace: 'data' }, spec: { cluster: { name: 'nope' } } });
    const b = await until('the failure', () => store.get(BACKUPS, 'data', 'bad')?.status?.phase === 'failed' && store.get(BACKUPS, 'data', 'bad'));
    expect(b.status.error).toContain('"nope" not found');
  });

  it('the restart annotation on the Cluster restarts the replica first, then the primary', async () => {
    const { store } = boot();
    const uids = Object.fromEntries(['postgres-1', 'postgres-2'].map((n) => [n, store.get('pods', 'data', n)!.metadata.uid]));
    const order: string[] = [];
    const phases = new Set<string>();
    const unsub = store.subscribe((e) => {
      if (e.key === 'pods' && e.type === 'DELETED' && e.object.metadata.namespace === 'data') order.push(e.object.metadata.name);
      if (e.key === CLUSTERS) phases.add(e.object.status?.phase);
    });
    store.mutate(CLUSTERS, 'data', 'postgres', (c) => {
      c.metadata.annotations = { ...c.metadata.annotations, 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() };
    });
    await until('both instances restarted and healthy', () => {
      const c = store.get(CLUSTERS, 'data', 'postgres')!;
      const pods = ['postgres-1', 'postgres-2'].map((n) => store.get('pods', 'data', n));
      return c.status.phase === 'Cluster in healthy state' && pods.every((p, i) => p && p.metadata.uid !== uids[`postgres-${i + 1}`] && ready(p));
    }, 20_000);
    unsub();
    expect(order.filter((n) => n.startsWith('postgres-'))).toEqual(['postgres-2', 'postgres-1']);
    expect(phases).toContain('Upgrading cluster');
    expect(phases).toContain('Primary instance is being restarted without a switchover');
  });

  it('PITR: a recovery Cluster comes up, and a target before the first recoverability point fails', async () => {
    const { store } = boot();
    const source = store.get(CLUSTERS, 'data', 'postgres')!;
    const target = new Date(Date.now() - 86400_000).toISOString();
    const spec = (t: string) => ({ instances: 1, storage: { size: '20Gi' }, bootstrap: { recovery: { source: 'postgres', recoveryTarget: { targetTime: t } } }, externalClusters: [{ name: 'postgres' }] });
    store.create(CLUSTERS, { metadata: { name: 'postgres-restore', namespace: 'data' }, spec: spec(target) });
    const seen = new Set<string>();
    const unsub = store.subscribe((e) => e.key === CLUSTERS && e.object.metadata.name === 'postgres-restore' && seen.add(e.object.status?.phase));
    await until('the restored cluster to be healthy', () => store.get(CLUSTERS, 'data', 'postgres-restore')?.status?.phase === 'Cluster in healthy state');
    unsub();
    expect(seen).toContain('Setting up primary');
    expect(ready(store.get('pods', 'data', 'postgres-restore-1'))).toBe(true);
    const tooEarly = new Date(Date.parse(source.status.firstRecoverabilityPoint) - 86400_000).toISOString();
    store.create(CLUSTERS, { metadata: { name: 'too-early', namespace: 'data' }, spec: spec(tooEarly) });
    const bad = await until('the failure', () => store.get(CLUSTERS, 'data', 'too-early')?.status?.phase && store.get(CLUSTERS, 'data', 'too-early'));
    expect(bad.status.phase).toBe('Cluster is unrecoverable and needs manual intervention');
    expect(bad.status.phaseReason).toContain('before the first recoverability point');
    expect(store.get('pods', 'data', 'too-early-1')).toBeUndefined();
  });

  it('ScheduledBackup: six-field schedules run at their time and create a Backup that completes', async () => {
    expect(nextRun('0 0 2 * * *', new Date('2026-11-23T19:41:48Z'))!.toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(nextRun('30 15 * * * *', new Date('2026-11-23T19:41:48Z'))!.toISOString()).toBe('2026-11-23T20:15:30.000Z');
    expect(nextRun('0 0 2 * *', new Date())).toBeUndefined();
    // CronJobs' five fields, with the seconds field put in front
    expect(nextRun('0 30 4 * * *', new Date('2026-11-23T19:41:48Z'))!.toISOString()).toBe('2026-11-24T04:30:00.000Z');
    const { store } = boot();
    expect(Date.parse(store.get('scheduledbackups.postgresql.cnpg.io', 'data', 'postgres-daily')!.status.nextScheduleTime)).toBeGreaterThan(Date.now());
    const sec = (new Date().getUTCSeconds() + 2) % 60;
    store.create('scheduledbackups.postgresql.cnpg.io', { metadata: { name: 'every-minute', namespace: 'data' }, spec: { schedule: `${sec} * * * * *`, cluster: { name: 'postgres' } } });
    const b = await until('the scheduled backup', () => store.list(BACKUPS, 'data').find((x) => x.metadata.name.startsWith('every-minute-') && x.status?.phase === 'completed'), 20_000);
    expect(b.metadata.name).toMatch(/^every-minute-\d{14}$/);
    expect(b.metadata.labels?.['cnpg.io/scheduled-backup']).toBe('every-minute');
    expect(store.get('scheduledbackups.postgresql.cnpg.io', 'data', 'every-minute')!.status.lastScheduleTime).toBeTruthy();
  });
});
