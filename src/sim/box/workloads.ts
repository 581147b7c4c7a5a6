// The workload controllers: Deployment -> ReplicaSet -> Pods (rolling updates with surge 1), StatefulSet ->
// Pods `<name>-N` (ordered, rolling from the highest ordinal), DaemonSet -> one pod, and Endpoints.
import { randomUUID } from 'node:crypto';
import type { K8sObject, StoreEvent } from '../k8s/object-store.js';
import { randomSuffix } from '../k8s/object-store.js';
import { type Ctx, birth } from './context.js';
import { runJob } from './batch.js';
import { syncEndpoints } from './endpoints.js';
import { newPod } from './pods.js';
import { type Condition, active, controllerOf, iso, ownedBy, podReady, refTo, safeHash, setCondition } from './util.js';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
const DEPLOY = 'deployments.apps';
const RS = 'replicasets.apps';
const STS = 'statefulsets.apps';
const DS = 'daemonsets.apps';

export class WorkloadControllers {
  private unsubscribe?: () => void;

  constructor(private readonly ctx: Ctx) {}

  /** Reconcile everything once (seeding, and start). */
  resyncAll(): void {
    for (const d of this.ctx.store.list(DEPLOY)) this.deployment(d.metadata.namespace!, d.metadata.name);
    for (const r of this.ctx.store.list(RS)) this.replicaSet(r.metadata.namespace!, r.metadata.name);
    for (const s of this.ctx.store.list(STS)) this.statefulSet(s.metadata.namespace!, s.metadata.name);
    for (const s of this.ctx.store.list(DS)) this.daemonSet(s.metadata.namespace!, s.metadata.name);
    for (const d of this.ctx.store.list(DEPLOY)) this.deployment(d.metadata.namespace!, d.metadata.name);
    for (const n of new Set(this.ctx.store.list('services').map((s) => s.metadata.namespace!))) this.endpoints(n);
  }

  start(): void {
    this.unsubscribe = this.ctx.store.subscribe((e) => this.onEvent(e));
  }

  stop(): void {
    this.unsubscribe?.();
  }

  private onEvent(e: StoreEvent): void {
    const o = e.object;
    const ns = o.metadata.namespace!;
    const soon = (key: string, fn: () => void) => this.ctx.sched.soon(key, fn);
    switch (e.key) {
      case DEPLOY:
        soon(`deploy/${ns}/${o.metadata.name}`, () => this.deployment(ns, o.metadata.name));
        break;
      case RS: {
        soon(`rs/${ns}/${o.metadata.name}`, () => this.replicaSet(ns, o.metadata.name));
        const owner = controllerOf(o);
        if (owner?.kind === 'Deployment') soon(`deploy/${ns}/${owner.name}`, () => this.deployment(ns, owner.name));
        break;
      }
      case STS:
        soon(`sts/${ns}/${o.metadata.name}`, () => this.statefulSet(ns, o.metadata.name));
        break;
      case DS:
        soon(`ds/${ns}/${o.metadata.name}`, () => this.daemonSet(ns, o.metadata.name));
        break;
      case 'pods': {
        const owner = controllerOf(o);
        if (owner?.kind === 'ReplicaSet') soon(`rs/${ns}/${owner.name}`, () => this.replicaSet(ns, owner.name));
        if (owner?.kind === 'StatefulSet') soon(`sts/${ns}/${owner.name}`, () => this.statefulSet(ns, owner.name));
        if (owner?.kind === 'DaemonSet') soon(`ds/${ns}/${owner.name}`, () => this.daemonSet(ns, owner.name));
        if (owner?.kind === 'Job') soon(`job/${ns}/${owner.name}`, () => this.job(ns, owner.name));
        soon(`ep/${ns}`, () => this.endpoints(ns));
        break;
      }
      case 'jobs.batch':
        if (e.type === 'ADDED') soon(`job/${ns}/${o.metadata.name}`, () => this.job(ns, o.metadata.name));
        break;
      case 'services':
        soon(`ep/${ns}`, () => this.endpoints(ns));
        break;
    }
  }

  /** A changed restartedAt annotation is a restart of the workload: it clears the workload's fault. */
  private noteRestart(ns: string, name: string, prevTemplate: any, nextTemplate: any): void {
    const a = prevTemplate?.metadata?.annotations?.[RESTARTED_AT];
    const b = nextTemplate?.metadata?.annotations?.[RESTARTED_AT];
    if (b && a !== b) this.ctx.world.clearFault(`${ns}/${name}`);
  }

  private pods(ns: string, owner: K8sObject): K8sObject[] {
    return this.ctx.store.list('pods', ns).filter((p) => ownedBy(p, owner));
  }

  private event(o: K8sObject, reason: string, message: string, component: string, type: 'Normal' | 'Warning' = 'Normal'): void {
    if (!this.ctx.seeding) this.ctx.events.record(o, type, reason, message, { component });
  }

  deployment(ns: string, name: string): void {
    const { store } = this.ctx;
    const d = store.get(DEPLOY, ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const desired = d.spec.replicas ?? 1;
    const hash = safeHash(d.spec.template);
    const rss = store.list(RS, ns).filter((r) => ownedBy(r, d));
    let newRS = rss.find((r) => r.metadata.labels?.['pod-template-hash'] === hash);
    const revisions = rss.map((r) => Number(r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0));
    if (!newRS) {
      const prev = rss.filter((r) => (r.spec.replicas ?? 0) > 0).sort((a, b) => b.metadata.creationTimestamp!.localeCompare(a.metadata.creationTimestamp!))[0];
      if (prev) this.noteRestart(ns, name, prev.spec.template, d.spec.template);
      const template = structuredClone(d.spec.template);
      template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, 'pod-template-hash': hash } };
      const start = rss.length ? 0 : desired;
      newRS = store.create(RS, {
        metadata: {
          name: `${name}-${hash}`,
          namespace: ns,
          labels: template.metadata.labels,
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(desired),
            'deployment.kubernetes.io/max-replicas': String(desired + 1),
            'deployment.kubernetes.io/revision': String(Math.max(0, ...revisions) + 1),
          },
          ownerReferences: [refTo(DEPLOY, d)],
          creationTimestamp: birth(this.ctx, d.metadata.creationTimestamp),
        },
        spec: { replicas: start, selector: { matchLabels: { ...d.spec.selector.matchLabels, 'pod-template-hash': hash } }, template },
      });
      this.event(d, 'ScalingReplicaSet', `Scaled up replica set ${newRS.metadata.name} from 0 to ${Math.max(1, start)}`, 'deployment-controller');
      if (start === 0) this.scale(newRS, 1, d);
      if (this.ctx.seeding) this.replicaSet(ns, newRS.metadata.name);
      return;
    }
    // rollout undo (or a template that returns to an older one): the old ReplicaSet becomes the newest revision
    const top = Math.max(0, ...revisions);
    const mine = Number(newRS.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    if (mine < top) {
      newRS = store.mutate(RS, ns, newRS.metadata.name, (r) => {
        r.metadata.annotations = { ...r.metadata.annotations, 'deployment.kubernetes.io/revision': String(top + 1) };
      })!;
    }
    const old = rss.filter((r) => r.metadata.uid !== newRS!.metadata.uid);
    const surge = Math.max(1, Math.ceil(desired * 0.25));
    const maxUnavailable = Math.floor(desired * 0.25);
    const specOf = (r: K8sObject) => r.spec.replicas ?? 0;
    const availOf = (r: K8sObject) => r.status?.availableReplicas ?? 0;
    const total = rss.reduce((n, r) => n + specOf(r), 0);
    if (specOf(newRS) < desired && total < desired + surge) {
      this.scale(newRS, Math.min(desired, specOf(newRS) + desired + surge - total), d);
    } else if (specOf(newRS) > desired) {
      this.scale(newRS, desired, d);
    } else {
      const minAvailable = desired - maxUnavailable;
      const newUnavailable = specOf(newRS) - availOf(newRS);
      let cleanup = total - minAvailable - newUnavailable;
      for (const r of old) {
        if (cleanup <= 0) break;
        const unhealthy = specOf(r) - availOf(r);
        const n = Math.min(unhealthy, cleanup);
        if (n > 0) {
          this.scale(r, specOf(r) - n, d);
          cleanup -= n;
          r.spec.replicas = specOf(r) - n;
        }
      }
      let canDown = rss.reduce((n, r) => n + availOf(r), 0) - minAvailable;
      for (const r of old) {
        if (canDown <= 0) break;
        const n = Math.min(specOf(r), canDown);
        if (n > 0) {
          this.scale(r, specOf(r) - n, d);
          canDown -= n;
        }
      }
    }
    this.cleanupHistory(d, newRS);
    this.deploymentStatus(d, newRS, store.list(RS, ns).filter((r) => ownedBy(r, d)));
  }

  /** Old ReplicaSets scaled to zero beyond revisionHistoryLimit are deleted, oldest first. */
  private cleanupHistory(d: K8sObject, newRS: K8sObject): void {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const idle = this.ctx.store
      .list(RS, d.metadata.namespace)
      .filter((r) => ownedBy(r, d) && r.metadata.uid !== newRS.metadata.uid && (r.spec.replicas ?? 0) === 0 && !(r.status?.replicas ?? 0))
      .sort((a, b) => Number(a.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0) - Number(b.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0));
    for (const r of idle.slice(0, Math.max(0, idle.length - limit))) this.ctx.store.delete(RS, r.metadata.namespace, r.metadata.name);
  }

  private scale(rs: K8sObject, n: number, d: K8sObject): void {
    const from = rs.spec.replicas ?? 0;
    if (from === n) return;
    this.ctx.store.mutate(RS, rs.metadata.namespace, rs.metadata.name, (r) => {
      r.spec.replicas = n;
      r.metadata.annotations = { ...r.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1) };
    });
    if (n > from && from > 0) this.event(d, 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from ${from} to ${n}`, 'deployment-controller');
    if (n < from) this.event(d, 'ScalingReplicaSet', `Scaled down replica set ${rs.metadata.name} from ${from} to ${n}`, 'deployment-controller');
    if (this.ctx.seeding) this.replicaSet(rs.metadata.namespace!, rs.metadata.name);
  }

  private deploymentStatus(d: K8sObject, newRS: K8sObject, rss: K8sObject[]): void {
    const desired = d.spec.replicas ?? 1;
    const sum = (f: (r: K8sObject) => number) => rss.reduce((n, r) => n + f(r), 0);
    const newCur = rss.find((r) => r.metadata.uid === newRS.metadata.uid) ?? newRS;
    const replicas = sum((r) => r.status?.replicas ?? 0);
    const updated = newCur.status?.replicas ?? 0;
    const ready = sum((r) => r.status?.readyReplicas ?? 0);
    const available = sum((r) => r.status?.availableReplicas ?? 0);
    const unavailable = Math.max(0, sum((r) => r.spec.replicas ?? 0) - available);
    const now = iso(this.ctx.now());
    const rsName = newCur.metadata.name;
    const revision = newCur.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '1';
    const complete = updated === desired && replicas === desired && available === desired && (newCur.status?.observedGeneration ?? 0) >= (newCur.metadata.generation ?? 1);
    const rolling = rss.some((r) => r.metadata.uid !== newCur.metadata.uid && (r.spec.replicas ?? 0) > 0) || (newCur.spec.replicas ?? 0) < desired;
    this.ctx.store.mutate(DEPLOY, d.metadata.namespace, d.metadata.name, (o) => {
      if (o.metadata.annotations?.['deployment.kubernetes.io/revision'] !== revision) {
        o.metadata.annotations = { ...o.metadata.annotations, 'deployment.kubernetes.io/revision': revision };
      }
      const conds: Condition[] = structuredClone(o.status?.conditions ?? []);
      const first = this.ctx.seeding ? newCur.metadata.creationTimestamp : undefined;
      setCondition(conds, available >= desired - Math.floor(desired * 0.25)
        ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastTransitionTime: first }
        : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }, now, true);
      const prog = conds.find((c) => c.type === 'Progressing');
      if (complete) {
        setCondition(conds, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.`, lastTransitionTime: first }, now, true);
      } else if (rolling || !prog || !prog.message?.includes(`"${rsName}"`)) {
        setCondition(conds, { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` }, now, true);
      }
      if (first) for (const c of conds) c.lastUpdateTime = c.lastTransitionTime = first;
      conds.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0));
      o.status = omitZero({ observedGeneration: o.metadata.generation, replicas, updatedReplicas: updated, readyReplicas: ready, availableReplicas: available, unavailableReplicas: unavailable });
      o.status.conditions = conds;
    });
  }

  replicaSet(ns: string, name: string): void {
    const { store } = this.ctx;
    const rs = store.get(RS, ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const desired = rs.spec.replicas ?? 0;
    let pods = this.pods(ns, rs).filter(active);
    if (pods.length < desired) {
      for (let i = pods.length; i < desired; i++) {
        const pod = newPod(rs.spec.template, ns, `${name}-${randomSuffix(5)}`, {}, refTo(RS, rs), birth(this.ctx, rs.metadata.creationTimestamp));
        pod.metadata.generateName = `${name}-`;
        const p = store.create('pods', pod);
        this.event(rs, 'SuccessfulCreate', `Created pod: ${p.metadata.name}`, 'replicaset-controller');
      }
    } else if (pods.length > desired) {
      const victims = [...pods]
        .sort((a, b) => Number(podReady(a)) - Number(podReady(b)) || b.metadata.creationTimestamp!.localeCompare(a.metadata.creationTimestamp!))
        .slice(0, pods.length - desired);
      for (const v of victims) {
        store.delete('pods', ns, v.metadata.name, { graceful: true });
        this.event(rs, 'SuccessfulDelete', `Deleted pod: ${v.metadata.name}`, 'replicaset-controller');
      }
    }
    pods = this.pods(ns, rs).filter(active);
    const ready = pods.filter(podReady).length;
    store.mutate(RS, ns, name, (o) => {
      o.status = omitZero({ replicas: pods.length, fullyLabeledReplicas: pods.length, readyReplicas: ready, availableReplicas: ready, observedGeneration: o.metadata.generation });
      o.status.replicas = pods.length;
    }, true);
    const owner = controllerOf(rs);
    if (this.ctx.seeding && owner?.kind === 'Deployment') this.deployment(ns, owner.name);
  }

  statefulSet(ns: string, name: string): void {
    const { store } = this.ctx;
    const s = store.get(STS, ns, name);
    if (!s || s.metadata.deletionTimestamp) return;
    const desired = s.spec.replicas ?? 1;
    const updateRevision = `${name}-${safeHash(s.spec.template)}`;
    const prevUpdate: string | undefined = s.status?.updateRevision;
    if (!store.get('controllerrevisions.apps', ns, updateRevision)) {
      const revs = store.list('controllerrevisions.apps', ns).filter((r) => ownedBy(r, s));
      const prev = revs.find((r) => r.metadata.name === prevUpdate);
      if (prev) this.noteRestart(ns, name, prev.data?.spec?.template, s.spec.template);
      store.create('controllerrevisions.apps', {
        metadata: { name: updateRevision, namespace: ns, labels: { ...s.spec.selector.matchLabels, 'controller.kubernetes.io/hash': updateRevision.slice(name.length + 1) }, ownerReferences: [refTo(STS, s)], creationTimestamp: birth(this.ctx, s.metadata.creationTimestamp) },
        data: { spec: { template: { ...s.spec.template, $patch: 'replace' } } },
        revision: revs.length + 1,
      });
    }
    const currentRevision: string = s.status?.currentRevision ?? updateRevision;
    const all = this.pods(ns, s);
    const byOrd = new Map(all.map((p) => [Number(p.metadata.name.slice(name.length + 1)), p]));
    const live = all.filter(active);
    const terminating = all.some((p) => p.metadata.deletionTimestamp);
    let acted = false;
    for (let i = 0; i < desired && !acted; i++) {
      const p = byOrd.get(i);
      if (!p) {
        const podName = `${name}-${i}`;
        const tpl = structuredClone(s.spec.template);
        const pod = newPod(tpl, ns, podName, { 'controller-revision-hash': updateRevision, 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': String(i) }, refTo(STS, s), birth(this.ctx, s.metadata.creationTimestamp));
        pod.spec.hostname = podName;
        pod.spec.subdomain = s.spec.serviceName;
        for (const vct of s.spec.volumeClaimTemplates ?? []) {
          const vol = vct.metadata.name;
          this.ensureClaim(s, vct, `${vol}-${podName}`);
          pod.spec.volumes = [{ name: vol, persistentVolumeClaim: { claimName: `${vol}-${podName}` } }, ...(pod.spec.volumes ?? [])];
          for (const c of pod.spec.containers) c.volumeMounts = [{ name: vol, mountPath: `/${vol}` }, ...(c.volumeMounts ?? [])];
        }
        store.create('pods', pod);
        this.event(s, 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${name} successful`, 'statefulset-controller');
        acted = true;
      } else if (!podReady(p) || p.metadata.deletionTimestamp) {
        acted = !this.ctx.seeding;
      }
    }
    for (const p of live) {
      const ord = Number(p.metadata.name.slice(name.length + 1));
      if (ord >= desired && !acted) {
        store.delete('pods', ns, p.metadata.name, { graceful: true });
        this.event(s, 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, 'statefulset-controller');
        acted = true;
      }
    }
    if (!acted && !terminating) {
      const stale = live
        .filter((p) => p.metadata.labels?.['controller-revision-hash'] !== updateRevision)
        .sort((a, b) => b.metadata.name.localeCompare(a.metadata.name, undefined, { numeric: true }))[0];
      if (stale) {
        store.delete('pods', ns, stale.metadata.name, { graceful: true });
        this.event(s, 'SuccessfulDelete', `delete Pod ${stale.metadata.name} in StatefulSet ${name} successful`, 'statefulset-controller');
      }
    }
    const now = this.pods(ns, s).filter(active);
    const ready = now.filter(podReady).length;
    const updated = now.filter((p) => p.metadata.labels?.['controller-revision-hash'] === updateRevision).length;
    let current = now.filter((p) => p.metadata.labels?.['controller-revision-hash'] === currentRevision).length;
    let cur = currentRevision;
    if (updated === desired && ready === desired && now.length === desired) {
      cur = updateRevision;
      current = updated;
    }
    store.mutate(STS, ns, name, (o) => {
      o.status = omitZero({ observedGeneration: o.metadata.generation, replicas: now.length, readyReplicas: ready, currentReplicas: current, updatedReplicas: updated, availableReplicas: ready });
      o.status.replicas = now.length;
      o.status.currentRevision = cur;
      o.status.updateRevision = updateRevision;
      o.status.collisionCount = 0;
    }, true);
  }

  /** The PersistentVolumeClaim of a volumeClaimTemplate for one ordinal, bound at once (local-path). */
  private ensureClaim(s: K8sObject, vct: any, name: string): void {
    const ns = s.metadata.namespace!;
    if (this.ctx.store.get('persistentvolumeclaims', ns, name)) return;
    const storage = vct.spec?.resources?.requests?.storage ?? '1Gi';
    this.ctx.store.create('persistentvolumeclaims', {
      metadata: { name, namespace: ns, labels: { ...s.spec.selector.matchLabels }, annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'volume.kubernetes.io/selected-node': 'sunbeam-1' }, creationTimestamp: this.ctx.seeding ? s.metadata.creationTimestamp : birth(this.ctx) },
      spec: { accessModes: vct.spec?.accessModes ?? ['ReadWriteOnce'], resources: { requests: { storage } }, storageClassName: vct.spec?.storageClassName ?? 'local-path', volumeMode: 'Filesystem', volumeName: `pvc-${randomUUID()}` },
      status: { phase: 'Bound', accessModes: vct.spec?.accessModes ?? ['ReadWriteOnce'], capacity: { storage } },
    });
  }

  daemonSet(ns: string, name: string): void {
    const { store } = this.ctx;
    const ds = store.get(DS, ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const hash = safeHash(ds.spec.template);
    const pods = this.pods(ns, ds);
    const live = pods.filter(active);
    if (!pods.length) {
      const p = store.create('pods', newPod(ds.spec.template, ns, `${name}-${randomSuffix(5)}`, { 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) }, refTo(DS, ds), birth(this.ctx, ds.metadata.creationTimestamp)));
      this.event(ds, 'SuccessfulCreate', `Created pod: ${p.metadata.name}`, 'daemonset-controller');
    } else {
      for (const p of live) {
        if (p.metadata.labels?.['controller-revision-hash'] !== hash) {
          store.delete('pods', ns, p.metadata.name, { graceful: true });
          this.event(ds, 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'daemonset-controller');
        }
      }
    }
    const now = this.pods(ns, ds).filter(active);
    const ready = now.filter(podReady).length;
    const updated = now.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length;
    store.mutate(DS, ns, name, (o) => {
      o.status = { currentNumberScheduled: now.length, desiredNumberScheduled: 1, numberMisscheduled: 0, numberReady: ready, numberAvailable: ready, updatedNumberScheduled: updated, observedGeneration: o.metadata.generation };
      if (ready < 1) o.status.numberUnavailable = 1;
    }, true);
  }

  job(ns: string, name: string): void {
    runJob(this.ctx, ns, name);
  }

  endpoints(ns: string): void {
    syncEndpoints(this.ctx, ns);
  }

}

function omitZero(o: Record<string, number | undefined>): Record<string, any> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== 0));
}
