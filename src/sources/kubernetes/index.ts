// The Kubernetes source: informers (list + watch) for every collection the console shows, mapped to records
// and flushed to the store in batches (at most one applyKube every flushMs, through core/coalescer). Each
// informer that fails is restarted with backoff (core/backoff: 1 s doubling to 30 s, with jitter); the last
// known data stays in the store meanwhile. A custom resource whose CRD is missing leaves its collection empty
// and synced; a 403 on one collection keeps the others running. Health goes to the store as
// sources.kubernetes (core/health-reporter).
import { ListWatch, type KubernetesObject } from '@kubernetes/client-node';
import { describeKubeError, type KubeClients } from '../../kube/client.js';
import type { AppStore, KubeCollection, KubePatch } from '../../store/index.js';
import { createBackoff, type Backoff } from '../core/backoff.js';
import { createCoalescer, type Batch } from '../core/coalescer.js';
import { createHealthReporter } from '../core/health-reporter.js';
import type { Source } from '../source.js';
import { collectionSpecs, type CollectionSpec } from './collections.js';
import { describeSourceError, errorCode, failureKind } from './errors.js';
import { sourceHealth, type InformerStatus } from './health.js';
import { OwnerIndex } from './owner-index.js';
import { podRecord } from './pod-record.js';
import { StoppableWatch } from './stoppable-watch.js';

export type KubernetesSource = Source;

export interface KubernetesSourceOptions {
  /** The batching interval: at most one store write of records per this many ms (default 150). */
  flushMs?: number;
  /** Backoff bounds (ms) for restarting a failed informer; default 1000 doubling to 30000. */
  backoffMs?: [number, number];
  /** How often lastSuccess is refreshed while watches are live (default 5000). */
  heartbeatMs?: number;
}

interface Running {
  spec: CollectionSpec;
  informer: ListWatch<KubernetesObject>;
  status: InformerStatus;
  backoff: Backoff;
  timer?: NodeJS.Timeout;
  /** The first list (or a known-missing CRD) has happened. */
  settled: boolean;
}

const MISSING_RETRY_MS = 60_000;

function keyOf(o: KubernetesObject, target: KubeCollection, spec: CollectionSpec): string {
  const ns = o.metadata?.namespace;
  const name = o.metadata?.name ?? '';
  if (target === 'workloads') return `${spec.id === 'deployments' ? 'Deployment' : spec.id === 'statefulsets' ? 'StatefulSet' : 'DaemonSet'}/${ns}/${name}`;
  if (target === 'nodes') return name;
  return `${ns ?? ''}/${name}`;
}

function toPatches(batch: Batch<KubeCollection, unknown>): KubePatch[] {
  return [...batch].map(([collection, { upsert, remove }]) => ({ collection, upsert, remove }) as KubePatch);
}

/** Starts at once: the Kubernetes source as one call, for tests and callers outside the registry. */
export function startKubernetesSource(store: AppStore, clients: KubeClients, opts: KubernetesSourceOptions = {}): KubernetesSource {
  const source = createKubernetesSource(store, clients, opts);
  source.start();
  return source;
}

export function createKubernetesSource(store: AppStore, clients: KubeClients, opts: KubernetesSourceOptions = {}): KubernetesSource {
  const [backoffMin, backoffMax] = opts.backoffMs ?? [1000, 30_000];
  const actions = () => store.getState().actions;
  const owners = new OwnerIndex();
  let started = false;
  let stopped = false;
  let heartbeat: NodeJS.Timeout | undefined;
  const toMarkSynced = new Set<KubeCollection>();
  const markedSynced = new Set<KubeCollection>();
  let resolveSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((r) => (resolveSynced = r));
  const health = createHealthReporter((h) => actions().setSource('kubernetes', h));
  const buffer = createCoalescer<KubeCollection, unknown>({ flushMs: opts.flushMs ?? 150, flush });

  const running: Running[] = [];
  const byId = new Map<string, Running>();

  const put = (collection: KubeCollection, key: string, rec: unknown | null) => buffer.put(collection, key, rec);

  function flush(batch: Batch<KubeCollection, unknown>): void {
    const patches = toPatches(batch);
    if (patches.length) actions().applyKube(patches);
    for (const c of toMarkSynced) {
      actions().markSynced(c);
      markedSynced.add(c);
    }
    toMarkSynced.clear();
    publishHealth();
    // After the store holds the first lists: synced() means "the store is filled".
    if (running.every((x) => x.settled)) resolveSynced();
  }

  function podKeyOf(o: KubernetesObject): string {
    return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
  }

  function onPod(o: any, deleted: boolean): void {
    const key = podKeyOf(o);
    if (deleted) {
      owners.forgetPod(key);
      put('pods', key, null);
      return;
    }
    put('pods', key, podRecord(o, owners.ownerOfPod(key, o)));
  }

  function onReplicaSet(o: any, deleted: boolean): void {
    const affected = deleted ? owners.removeReplicaSet(o) : owners.setReplicaSet(o);
    const pods = byId.get('pods')?.informer;
    if (!pods) return;
    for (const podKey of affected) {
      const [ns, name] = podKey.split('/') as [string, string];
      const pod = pods.get(name, ns);
      if (pod) put('pods', podKey, podRecord(pod as any, owners.ownerOfPod(podKey, pod as any)));
    }
  }

  function onObject(r: Running, o: any, deleted: boolean): void {
    health.succeeded();
    r.backoff.reset();
    const { spec } = r;
    if (spec.id === 'pods') return onPod(o, deleted);
    if (spec.id === 'replicasets') return onReplicaSet(o, deleted);
    if (!spec.target || !spec.toRecord) return;
    const key = keyOf(o, spec.target, spec);
    put(spec.target, key, deleted ? null : spec.toRecord(o));
  }

  function settle(r: Running): void {
    r.settled = true;
    // A store collection is synced when every informer feeding it has listed (pods also wait for the
    // ReplicaSets, so that their owners are resolved on first paint). Re-checked on every list, so that a
    // collection forbidden at first becomes synced once it is allowed.
    for (const c of new Set(running.map((x) => x.spec.target).filter(Boolean) as KubeCollection[])) {
      if (markedSynced.has(c) || toMarkSynced.has(c)) continue;
      const feeders = running.filter((x) => x.spec.target === c || (c === 'pods' && x.spec.id === 'replicasets'));
      // A forbidden ReplicaSet list only costs owner resolution (pods fall back to the pod-template-hash rule).
      const ready = (x: Running) => x.settled && (x.status.state === 'ok' || x.status.state === 'missing' || (x.spec.id === 'replicasets' && x.status.state === 'forbidden'));
      if (feeders.every(ready)) toMarkSynced.add(c);
    }
    buffer.schedule();
  }

  /** The health from the informers' states; `fresh` also writes a moved lastSuccess (the heartbeat). */
  function publishHealth(fresh = false): void {
    health.publish(sourceHealth(running.map((r) => r.status)), fresh);
  }

  function restartLater(r: Running, ms: number): void {
    if (stopped) return;
    clearTimeout(r.timer);
    r.timer = setTimeout(() => {
      r.timer = undefined;
      if (stopped) return;
      // Re-list on every restart (not just re-watch from the last resourceVersion): the list refreshes what
      // changed while we were cut off, including deletions, and proves the collection healthy again even when
      // nothing changes. ListWatch keeps the version in a field it re-lists on when empty.
      (r.informer as unknown as { resourceVersion: string }).resourceVersion = '';
      r.informer.start().catch((err: unknown) => onError(r, err));
    }, ms);
  }

  function onError(r: Running, err: unknown): void {
    if (stopped) return;
    const code = errorCode(err);
    if (code === 404 && r.spec.crd) {
      r.status = { ...r.status, state: 'missing', error: undefined, kind: undefined };
      settle(r);
      publishHealth();
      restartLater(r, MISSING_RETRY_MS);
      return;
    }
    if (code === 403) {
      r.status = { ...r.status, state: 'forbidden', error: describeKubeError(err, `Listing ${r.spec.label}`), kind: 'forbidden' };
      settle(r);
    } else {
      r.status = { ...r.status, state: 'failing', error: describeSourceError(err), kind: failureKind(err) };
    }
    publishHealth();
    restartLater(r, r.backoff.next());
  }

  const watch = new StoppableWatch(clients.kc);
  for (const spec of collectionSpecs(clients)) {
    let self: Running;
    const list = async () => {
      const result = await spec.list();
      // Stopped meanwhile: fail the list so that the informer does not go on to open a watch.
      if (stopped) throw new Error('stopped');
      // Runs before the informer applies the items (it awaits this promise); the flush that marks the
      // collection synced is a timer, so it runs after them.
      health.succeeded();
      // The backoff resets on events, not here: a collection whose list works but whose watch keeps failing
      // must not turn into a list every second.
      self.status = { id: spec.id, label: spec.label, state: 'ok' };
      settle(self);
      return result;
    };
    // What makeInformer builds, with a watch that stop() can always end.
    const informer = new ListWatch<KubernetesObject>(spec.path, watch, list, false);
    self = {
      spec,
      informer,
      status: { id: spec.id, label: spec.label, state: 'connecting' },
      backoff: createBackoff({ minMs: backoffMin, maxMs: backoffMax }),
      settled: false,
    };
    informer.on('add', (o) => onObject(self, o, false));
    informer.on('update', (o) => onObject(self, o, false));
    informer.on('delete', (o) => onObject(self, o, true));
    informer.on('error', (err) => onError(self, err));
    running.push(self);
    byId.set(spec.id, self);
  }

  return {
    id: 'kubernetes',
    start() {
      if (started || stopped) return;
      started = true;
      health.publish({ state: 'connecting' }, true);
      for (const r of running) r.informer.start().catch((err: unknown) => onError(r, err));
      heartbeat = setInterval(() => {
        if (running.some((r) => r.status.state === 'ok')) health.succeeded();
        publishHealth(true);
      }, opts.heartbeatMs ?? 5000);
      heartbeat.unref();
    },
    synced: () => syncedPromise,
    health: () => health.current(),
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(heartbeat);
      buffer.stop();
      health.stop();
      watch.stopAll();
      for (const r of running) {
        clearTimeout(r.timer);
        r.informer.stop().catch(() => {});
      }
    },
  };
}
