// The CloudNativePG operator: Cluster -> instance pods (restart annotation = rolling restart, replicas
// first), Backup CRs (pending -> started -> running -> completed), ScheduledBackup status, PITR bootstrap.
import { randomUUID } from 'node:crypto';
import type { K8sObject, StoreEvent } from '../k8s/object-store.js';
import { POSTGRES_IMAGE } from './catalog.js';
import { type Ctx, birth } from './context.js';
import { newPod, postgresTemplate } from './pods.js';
import { type Condition, active, controllerOf, iso, ownedBy, podReady, refTo, setCondition } from './util.js';
import { RESTARTED_AT } from './workloads.js';
import { nextRun } from './cron.js';

export { nextRun } from './cron.js';

const CLUSTERS = 'clusters.postgresql.cnpg.io';
const BACKUPS = 'backups.postgresql.cnpg.io';
const SCHEDULED = 'scheduledbackups.postgresql.cnpg.io';
const SRC = { component: 'cloudnative-pg' };
const HEALTHY = 'Cluster in healthy state';
const UNRECOVERABLE = 'Cluster is unrecoverable and needs manual intervention';

interface ClusterRt {
  seenRestart?: string;
  queue: string[];
  current?: { name: string; oldUid: string };
  everHealthy: boolean;
  recoveryError?: string;
}

export class CnpgOperator {
  private readonly clusters = new Map<string, ClusterRt>();
  private readonly inFlight = new Set<string>();
  private unsubscribe?: () => void;

  constructor(private readonly ctx: Ctx) {}

  start(): void {
    this.unsubscribe = this.ctx.store.subscribe((e) => this.onEvent(e));
    for (const b of this.ctx.store.list(BACKUPS)) this.backup(b.metadata.namespace!, b.metadata.name);
    this.ctx.sched.every(5_000, () => this.ctx.world.backups.tick(), 50);
    for (const sb of this.ctx.store.list(SCHEDULED)) this.armSchedule(sb.metadata.namespace!, sb.metadata.name);
  }

  /** ScheduledBackups run at their (six-field, seconds first) cron time: `0 0 2 * * *` is 02:00:00 UTC daily. */
  private armSchedule(ns: string, name: string): void {
    const sb = this.ctx.store.get(SCHEDULED, ns, name);
    const next = sb ? nextRun(sb.spec?.schedule ?? '', this.ctx.now()) : undefined;
    if (!sb || !next || sb.spec?.suspend) return;
    this.ctx.store.mutate(SCHEDULED, ns, name, (o) => void (o.status = { ...o.status, nextScheduleTime: iso(next) }), true);
    this.ctx.sched.at(next, () => {
      const cur = this.ctx.store.get(SCHEDULED, ns, name);
      if (!cur || cur.metadata.uid !== sb.metadata.uid) return;
      const stamp = next.toISOString().replace(/[-:T]/g, '').slice(0, 14);
      const owner = cur.spec?.backupOwnerReference === 'none' ? [] : [refTo(SCHEDULED, cur)];
      const clusterName = cur.spec?.cluster?.name ?? '';
      this.ctx.store.create(BACKUPS, {
        metadata: { name: `${name}-${stamp}`, namespace: ns, labels: { 'cnpg.io/cluster': clusterName, 'cnpg.io/immediateBackup': 'false', 'cnpg.io/scheduled-backup': name }, ownerReferences: owner },
        spec: { cluster: { name: clusterName }, method: cur.spec?.method ?? 'barmanObjectStore', target: cur.spec?.target ?? 'prefer-standby' },
      });
      this.ctx.events.record(cur, 'Normal', 'BackupSchedule', `Scheduled backup ${name}-${stamp}`, SRC);
      this.ctx.store.mutate(SCHEDULED, ns, name, (o) => void (o.status = { ...o.status, lastCheckTime: iso(this.ctx.now()), lastScheduleTime: iso(next) }), true);
      this.armSchedule(ns, name);
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  resyncAll(): void {
    for (const c of this.ctx.store.list(CLUSTERS)) this.cluster(c.metadata.namespace!, c.metadata.name);
  }

  private onEvent(e: StoreEvent): void {
    const o = e.object;
    const ns = o.metadata.namespace!;
    if (e.key === CLUSTERS) {
      if (e.type === 'DELETED') this.clusters.delete(`${ns}/${o.metadata.name}`);
      else this.ctx.sched.soon(`cnpg/${ns}/${o.metadata.name}`, () => this.cluster(ns, o.metadata.name));
    } else if (e.key === 'pods') {
      const owner = controllerOf(o);
      if (owner?.kind === 'Cluster') this.ctx.sched.soon(`cnpg/${ns}/${owner.name}`, () => this.cluster(ns, owner.name));
    } else if (e.key === SCHEDULED && e.type === 'ADDED') {
      this.ctx.sched.soon(`sb/${ns}/${o.metadata.name}`, () => this.armSchedule(ns, o.metadata.name));
    } else if (e.key === BACKUPS && e.type === 'ADDED') {
      this.ctx.sched.soon(`backup/${ns}/${o.metadata.name}`, () => this.backup(ns, o.metadata.name));
    }
  }

  private rt(c: K8sObject): ClusterRt {
    const key = `${c.metadata.namespace}/${c.metadata.name}`;
    let rt = this.clusters.get(key);
    if (!rt) {
      rt = { seenRestart: c.metadata.annotations?.[RESTARTED_AT], queue: [], everHealthy: c.status?.phase === HEALTHY || !!c.status?.lastSuccessfulBackup };
      this.clusters.set(key, rt);
    }
    return rt;
  }

  cluster(ns: string, name: string): void {
    const { store, world } = this.ctx;
    const c = store.get(CLUSTERS, ns, name);
    if (!c || c.metadata.deletionTimestamp) return;
    const rt = this.rt(c);
    const n = c.spec?.instances ?? 1;
    const names = Array.from({ length: n }, (_, i) => `${name}-${i + 1}`);
    const primary = c.status?.currentPrimary ?? names[0]!;
    const isBox = ns === 'data' && name === 'postgres';
    const restart = c.metadata.annotations?.[RESTARTED_AT];
    if (restart && restart !== rt.seenRestart) {
      rt.seenRestart = restart;
      rt.queue = [...names.filter((x) => x !== primary).reverse(), primary];
      if (isBox) world.setPostgresDown(false);
      this.ctx.events.record(c, 'Normal', 'RestartCluster', 'Rolling restart of the cluster instances requested', SRC);
    }
    if (c.spec?.bootstrap?.recovery && rt.recoveryError === undefined && !c.status?.phase) rt.recoveryError = this.checkRecovery(c) ?? '';
    if (rt.recoveryError) return this.status(c, rt, names, primary, []);
    this.ensureServices(c);
    let pods = store.list('pods', ns).filter((p) => ownedBy(p, c));
    // the rolling restart, one instance at a time
    if (rt.current) {
      const p = pods.find((x) => x.metadata.name === rt.current!.name);
      if (p && p.metadata.uid !== rt.current.oldUid && podReady(p)) rt.current = undefined;
    }
    if (!rt.current && rt.queue.length) {
      const next = rt.queue.shift()!;
      const p = pods.find((x) => x.metadata.name === next);
      if (p && active(p)) {
        rt.current = { name: next, oldUid: p.metadata.uid! };
        store.delete('pods', ns, next, { graceful: true });
        this.ctx.events.record(c, 'Normal', 'InstanceRestart', `Restarting instance ${next}`, SRC);
      }
    }
    pods = store.list('pods', ns).filter((p) => ownedBy(p, c));
    for (const p of pods) {
      if (names.includes(p.metadata.name) || p.metadata.deletionTimestamp) continue;
      store.delete('pods', ns, p.metadata.name, { graceful: true });
      this.ctx.events.record(c, 'Normal', 'DeletingInstance', `Scaling down: removing instance ${p.metadata.name}`, SRC);
    }
    for (const inst of names) {
      if (pods.some((p) => p.metadata.name === inst)) continue;
      const role = inst === primary ? 'primary' : 'replica';
      if (role === 'replica' && !this.ctx.seeding && !pods.some((p) => p.metadata.name === primary && podReady(p)) && !rt.everHealthy) continue;
      this.ensurePvc(c, inst);
      store.create('pods', newPod(postgresTemplate(name, inst, role), ns, inst, {}, refTo(CLUSTERS, c), birth(this.ctx, c.metadata.creationTimestamp)));
      if (!this.ctx.seeding) this.ctx.events.record(c, 'Normal', role === 'primary' ? 'CreatingInstance' : 'CreatingReplica', `Creating instance ${inst}`, SRC);
    }
    this.status(c, rt, names, primary, store.list('pods', ns).filter((p) => ownedBy(p, c) && active(p)));
  }

  /** PITR: a recovery target before the source's first recoverability point cannot be reached. */
  private checkRecovery(c: K8sObject): string | undefined {
    const rec = c.spec.bootstrap.recovery;
    const target: string | undefined = rec.recoveryTarget?.targetTime;
    if (!target) return undefined;
    const t = Date.parse(String(target).replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
    if (Number.isNaN(t)) return `invalid recovery target time "${target}"`;
    const first = this.ctx.world.backups.first;
    if (first && t < first.stoppedAt.getTime()) {
      return `recovery target time ${iso(t)} is before the first recoverability point ${iso(first.stoppedAt)}: no backup to recover from`;
    }
    if (t > this.ctx.now().getTime()) return `recovery target time ${iso(t)} is in the future`;
    return undefined;
  }

  private ensureServices(c: K8sObject): void {
    const { store } = this.ctx;
    const ns = c.metadata.namespace!;
    const name = c.metadata.name;
    const sel = { 'cnpg.io/cluster': name };
    const svcs: [string, Record<string, string>][] = [
      [`${name}-rw`, { ...sel, role: 'primary' }],
      [`${name}-ro`, { ...sel, role: 'replica' }],
      [`${name}-r`, sel],
    ];
    for (const [svc, selector] of svcs) {
      if (store.get('services', ns, svc)) continue;
      store.create('services', {
        metadata: { name: svc, namespace: ns, labels: { 'cnpg.io/cluster': name }, ownerReferences: [refTo(CLUSTERS, c)], creationTimestamp: c.metadata.creationTimestamp },
        spec: { type: 'ClusterIP', clusterIP: `10.43.${100 + (svc.length % 50)}.${10 + Math.floor(Math.random() * 200)}`, ports: [{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 5432 }], selector },
        status: { loadBalancer: {} },
      });
    }
  }

  private ensurePvc(c: K8sObject, inst: string): void {
    const ns = c.metadata.namespace!;
    if (this.ctx.store.get('persistentvolumeclaims', ns, inst)) return;
    this.ctx.store.create('persistentvolumeclaims', {
      metadata: { name: inst, namespace: ns, labels: { 'cnpg.io/cluster': c.metadata.name, 'cnpg.io/instanceName': inst, 'cnpg.io/pvcRole': 'PG_DATA' }, ownerReferences: [refTo(CLUSTERS, c)], creationTimestamp: c.metadata.creationTimestamp },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: c.spec?.storage?.size ?? '20Gi' } }, storageClassName: 'local-path', volumeMode: 'Filesystem', volumeName: `pvc-${randomUUID()}` },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: c.spec?.storage?.size ?? '20Gi' } },
    });
  }

  private status(c: K8sObject, rt: ClusterRt, names: string[], primary: string, pods: K8sObject[]): void {
    const ready = pods.filter(podReady).map((p) => p.metadata.name).sort();
    const notReady = names.filter((x) => !ready.includes(x));
    const isBox = c.metadata.namespace === 'data' && c.metadata.name === 'postgres';
    let phase: string;
    let reason: string | undefined;
    if (rt.recoveryError) {
      phase = UNRECOVERABLE;
      reason = rt.recoveryError;
    } else if (rt.current || rt.queue.length) {
      const who = rt.current?.name ?? rt.queue[0]!;
      phase = who === primary ? 'Primary instance is being restarted without a switchover' : 'Upgrading cluster';
      reason = `Restarting instance ${who}`;
    } else if (isBox && this.ctx.world.postgresDown) {
      phase = 'Failing over';
      reason = `Primary instance ${primary} is not healthy: no instance is ready to be promoted`;
    } else if (ready.length === names.length) {
      phase = HEALTHY;
      rt.everHealthy = true;
    } else if (!rt.everHealthy) {
      phase = ready.includes(primary) ? 'Creating a new replica' : 'Setting up primary';
      reason = ready.includes(primary) ? `Creating replica ${notReady[0]}` : c.spec?.bootstrap?.recovery ? 'Recovering from backup' : 'Initializing the primary instance';
    } else {
      phase = 'Waiting for the instances to become active';
      reason = `Instances not ready: ${notReady.join(', ')}`;
    }
    const now = iso(this.ctx.now());
    this.ctx.store.mutate(CLUSTERS, c.metadata.namespace, c.metadata.name, (o) => {
      const s = o.status ?? {};
      const conds: Condition[] = structuredClone(s.conditions ?? []);
      const healthy = phase === HEALTHY;
      setCondition(conds, healthy
        ? { type: 'Ready', status: 'True', reason: 'ClusterIsReady', message: 'Cluster is Ready' }
        : { type: 'Ready', status: 'False', reason: 'ClusterIsNotReady', message: 'Cluster Is Not Ready' }, now);
      if (isBox || o.spec?.backup) {
        const archiving = !(isBox && this.ctx.world.postgresDown);
        setCondition(conds, archiving
          ? { type: 'ContinuousArchiving', status: 'True', reason: 'ContinuousArchivingSuccess', message: 'Continuous archiving is working' }
          : { type: 'ContinuousArchiving', status: 'False', reason: 'ContinuousArchivingFailing', message: 'unexpected failure invoking barman-cloud-wal-archive: exit status 1' }, now);
      }
      for (const cond of conds) cond.observedGeneration = o.metadata.generation;
      o.status = {
        ...s,
        instances: pods.length,
        readyInstances: ready.length,
        instancesStatus: { ...(ready.length ? { healthy: ready } : {}), ...(notReady.length ? { failed: notReady } : {}) },
        instanceNames: names,
        instancesReportedState: Object.fromEntries(pods.filter(podReady).map((p) => [p.metadata.name, { isPrimary: p.metadata.name === primary, timeLineID: s.timelineID ?? 1 }])),
        currentPrimary: primary,
        targetPrimary: s.targetPrimary ?? primary,
        currentPrimaryTimestamp: s.currentPrimaryTimestamp ?? iso(Date.parse(o.metadata.creationTimestamp!) + 40_000),
        timelineID: s.timelineID ?? 1,
        phase,
        ...(reason ? { phaseReason: reason } : {}),
        writeService: `${o.metadata.name}-rw`,
        readService: `${o.metadata.name}-ro`,
        image: o.spec?.imageName ?? POSTGRES_IMAGE,
        pvcCount: names.length,
        healthyPVC: names,
        latestGeneratedNode: names.length,
        cloudNativePGOperatorHash: 'a1a1b2c2d3',
        conditions: conds,
      };
      if (!reason) delete o.status.phaseReason;
      if (!pods.length && rt.recoveryError) o.status.instancesStatus = {};
    }, true);
  }

  /** On-demand and scheduled Backups: pending -> started -> running -> completed, or failed. */
  backup(ns: string, name: string): void {
    const { store, world } = this.ctx;
    const b = store.get(BACKUPS, ns, name);
    const key = `${ns}/${name}`;
    if (!b || this.inFlight.has(key) || ['completed', 'failed'].includes(b.status?.phase)) return;
    this.inFlight.add(key);
    const clusterName: string = b.spec?.cluster?.name ?? '';
    const method = b.spec?.method ?? 'barmanObjectStore';
    const set = (status: any) => store.mutate(BACKUPS, ns, name, (o) => void (o.status = { ...o.status, ...status }), true);
    const fail = (error: string, warn: string) => {
      this.inFlight.delete(key);
      const cur = store.get(BACKUPS, ns, name);
      if (!cur) return;
      set({ phase: 'failed', error, method, stoppedAt: iso(this.ctx.now()) });
      this.ctx.events.record(cur, 'Warning', 'Failed', warn, SRC);
      const c = store.get(CLUSTERS, ns, clusterName);
      if (c) this.markBackup(c, false, error);
    };
    const cluster = store.get(CLUSTERS, ns, clusterName);
    if (!cluster) {
      this.ctx.events.record(b, 'Warning', 'FindingCluster', `Unknown cluster ${clusterName}, will retry in 30 seconds`, SRC);
      return fail(`while getting cluster ${clusterName}: clusters.postgresql.cnpg.io "${clusterName}" not found`, `Backup failed: unknown cluster ${clusterName}`);
    }
    set({ phase: 'pending', method });
    this.ctx.sched.after(600, () => {
      const primary = cluster.status?.currentPrimary ?? `${clusterName}-1`;
      const pod = store.get('pods', ns, primary);
      if ((ns === 'data' && clusterName === 'postgres' && world.postgresDown) || !pod || !podReady(pod)) {
        return fail(`cannot take a backup: the primary instance ${primary} is not ready`, 'Backup failed: no ready primary instance');
      }
      const run = world.backups.begin(this.ctx.now());
      const started = iso(this.ctx.now());
      const cur = store.get(BACKUPS, ns, name);
      if (cur) this.ctx.events.record(cur, 'Normal', 'Starting', `Starting backup for cluster ${clusterName}`, SRC);
      set({ phase: 'started', startedAt: started, method, online: true, instanceID: { podName: primary, ContainerID: pod.status?.containerStatuses?.[0]?.containerID } });
      this.ctx.sched.after(900, () => {
        set({ phase: 'running', backupId: run.id, backupName: `backup-${run.id}`, destinationPath: 's3://sunbeam-backups/postgres', serverName: clusterName, beginWal: run.beginWal, beginLSN: run.beginLsn, endpointURL: 'https://s3.fr-par.scw.cloud' });
        this.ctx.sched.after(2_000, () => {
          const rec = run.finish(this.ctx.now());
          this.inFlight.delete(key);
          set({ phase: 'completed', stoppedAt: iso(rec.stoppedAt), endWal: rec.endWal, endLSN: rec.endLsn });
          const done = store.get(BACKUPS, ns, name);
          if (done) this.ctx.events.record(done, 'Normal', 'Completed', 'Backup completed', SRC);
          const c = store.get(CLUSTERS, ns, clusterName);
          if (c) this.markBackup(c, true);
        });
      });
    });
  }

  /** Record a backup's outcome on the Cluster (also used by `barman backup` in data/barman-0). */
  markBackup(c: K8sObject, ok: boolean, error?: string): void {
    const now = iso(this.ctx.now());
    this.ctx.store.mutate(CLUSTERS, c.metadata.namespace, c.metadata.name, (o) => {
      const conds: Condition[] = structuredClone(o.status?.conditions ?? []);
      setCondition(conds, ok
        ? { type: 'LastBackupSucceeded', status: 'True', reason: 'LastBackupSucceeded', message: 'Backup was successful' }
        : { type: 'LastBackupSucceeded', status: 'False', reason: 'LastBackupFailed', message: error ?? 'Backup failed' }, now);
      o.status = { ...o.status, conditions: conds };
      if (ok) {
        o.status.lastSuccessfulBackup = now;
        o.status.firstRecoverabilityPoint = iso(this.ctx.world.backups.first?.stoppedAt ?? this.ctx.now());
      } else o.status.lastFailedBackup = now;
    }, true);
  }
}
