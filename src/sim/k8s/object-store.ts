// The simulator's etcd: every object of every resource type, one resourceVersion counter, a bounded event
// history for watches, owner-reference garbage collection. The HTTP layer and the controllers both use it.
import { randomUUID } from 'node:crypto';
import { apiVersionOf, resourceType, type ResourceType } from './resources.js';
import { errors } from './status.js';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  generateName?: string;
  [k: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [k: string]: any;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  /** typeKey, e.g. 'pods' or 'deployments.apps'. */
  key: string;
  object: K8sObject;
  /** The object before the change (MODIFIED and DELETED). */
  old?: K8sObject;
  rv: number;
}

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

// A real API server keeps about 100 events per resource type in its watch cache; 4,000 across all types is
// generous for resuming watches, and bounds the simulator's memory in long drills (each event holds a full
// copy of its object).
const HISTORY = 4_000;

function objKey(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function sameSpec(a: K8sObject, b: K8sObject): boolean {
  const strip = (o: K8sObject) => {
    const { metadata, status, apiVersion, kind, ...rest } = o;
    return JSON.stringify(rest);
  };
  return strip(a) === strip(b);
}

export class ObjectStore {
  private readonly objects = new Map<string, Map<string, K8sObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private rv = 1000;

  /** The current resourceVersion, as a number. */
  get resourceVersion(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch can still resume from; older ones are 410 Expired. */
  get oldestResumableVersion(): number {
    return this.history.length ? this.history[0]!.rv - 1 : this.rv;
  }

  private bucket(key: string): Map<string, K8sObject> {
    let b = this.objects.get(key);
    if (!b) this.objects.set(key, (b = new Map()));
    return b;
  }

  get(key: string, ns: string | undefined, name: string): K8sObject | undefined {
    const o = this.objects.get(key)?.get(objKey(ns, name));
    return o ? clone(o) : undefined;
  }

  /** Like get, but a 404 Status error when missing. */
  mustGet(key: string, ns: string | undefined, name: string): K8sObject {
    const o = this.get(key, ns, name);
    if (!o) {
      const t = resourceType(key);
      throw errors.notFound(t.plural, t.group, name);
    }
    return o;
  }

  /** All objects of a type, in one namespace or all, sorted by namespace then name. */
  list(key: string, ns?: string): K8sObject[] {
    const b = this.objects.get(key);
    if (!b) return [];
    const out: K8sObject[] = [];
    for (const o of b.values()) if (ns === undefined || o.metadata.namespace === ns) out.push(clone(o));
    return out.sort(
      (a, z) =>
        (a.metadata.namespace ?? '').localeCompare(z.metadata.namespace ?? '') || a.metadata.name.localeCompare(z.metadata.name),
    );
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        // A listener must never break the store; the controllers log their own failures.
        process.emitWarning(`sim store listener failed: ${(err as Error).message}`);
      }
    }
  }

  /** Every change, for controllers. Returns an unsubscribe function. */
  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Events after `fromRv` for a type (and namespace), or an Expired error when that version is too old. */
  eventsSince(key: string, ns: string | undefined, fromRv: number): StoreEvent[] {
    if (fromRv < this.oldestResumableVersion) {
      throw errors.expired(`too old resource version: ${fromRv} (${this.oldestResumableVersion + 1})`);
    }
    return this.history.filter((e) => e.rv > fromRv && e.key === key && (ns === undefined || e.object.metadata.namespace === ns));
  }

  /**
   * Forget the event history, as an etcd compaction does: every watch resuming from an older version gets
   * 410 Expired. Tests use it to force clients to re-list.
   */
  compact(): void {
    this.history.splice(0, this.history.length);
  }

  /** With `dryRun`, everything is validated and the would-be object returned, but nothing is stored. */
  create(key: string, input: K8sObject, opts: { dryRun?: boolean } = {}): K8sObject {
    const t = resourceType(key);
    const obj = clone(input);
    obj.apiVersion = apiVersionOf(t);
    obj.kind = t.kind;
    const meta = obj.metadata ?? ({} as ObjectMeta);
    obj.metadata = meta;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    if (!meta.name) throw errors.invalid(t.kind, '', [{ reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
    if (t.namespaced && !meta.namespace) meta.namespace = 'default';
    if (!t.namespaced) delete meta.namespace;
    const b = this.bucket(key);
    const k = objKey(meta.namespace, meta.name);
    if (b.has(k)) throw errors.alreadyExists(t.plural, t.group, meta.name);
    meta.uid = randomUUID();
    meta.creationTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    meta.generation = 1;
    if (opts.dryRun) return clone(obj);
    meta.resourceVersion = String(++this.rv);
    b.set(k, obj);
    this.emit({ type: 'ADDED', key, object: clone(obj), rv: this.rv });
    return clone(obj);
  }

  /**
   * Replace an object. With `expectRv`, a different stored resourceVersion is a 409 Conflict.
   * `statusOnly` keeps the stored spec and metadata and takes only `status` (the status subresource);
   * otherwise the stored status is kept unless `keepStatus` is false.
   */
  update(
    key: string,
    input: K8sObject,
    opts: { expectRv?: string; statusOnly?: boolean; keepStatus?: boolean; dryRun?: boolean } = {},
  ): K8sObject {
    const t = resourceType(key);
    const b = this.bucket(key);
    const k = objKey(t.namespaced ? input.metadata.namespace : undefined, input.metadata.name);
    const old = b.get(k);
    if (!old) throw errors.notFound(t.plural, t.group, input.metadata.name);
    if (opts.expectRv && opts.expectRv !== old.metadata.resourceVersion) throw errors.conflict(t.plural, t.group, input.metadata.name);
    let next: K8sObject;
    if (opts.statusOnly) {
      next = clone(old);
      next.status = clone(input.status);
    } else {
      next = clone(input);
      next.apiVersion = apiVersionOf(t);
      next.kind = t.kind;
      next.metadata = {
        ...clone(input.metadata),
        name: old.metadata.name,
        namespace: old.metadata.namespace,
        uid: old.metadata.uid,
        creationTimestamp: old.metadata.creationTimestamp,
        generation: old.metadata.generation,
        deletionTimestamp: old.metadata.deletionTimestamp,
      };
      if (!t.namespaced) delete next.metadata.namespace;
      if (opts.keepStatus !== false && (t.subresources.includes('status') || input.status === undefined)) next.status = clone(old.status);
      if (!sameSpec(old, next)) next.metadata.generation = (old.metadata.generation ?? 1) + 1;
    }
    if (JSON.stringify({ ...next, metadata: { ...next.metadata, resourceVersion: '' } }) === JSON.stringify({ ...old, metadata: { ...old.metadata, resourceVersion: '' } })) {
      return clone(old); // no-op writes do not bump the resourceVersion, as on a real server
    }
    if (opts.dryRun) return clone({ ...next, metadata: { ...next.metadata, resourceVersion: old.metadata.resourceVersion } });
    next.metadata.resourceVersion = String(++this.rv);
    b.set(k, next);
    this.emit({ type: 'MODIFIED', key, object: clone(next), old: clone(old), rv: this.rv });
    if (next.metadata.deletionTimestamp && !(next.metadata.finalizers?.length)) this.remove(key, next, 'Background');
    return clone(next);
  }

  /** Read-modify-write helper for controllers: `fn` mutates a copy; nothing is written when it returns false. */
  mutate(key: string, ns: string | undefined, name: string, fn: (o: K8sObject) => void | boolean, statusOnly = false): K8sObject | undefined {
    const cur = this.get(key, ns, name);
    if (!cur) return undefined;
    if (fn(cur) === false) return cur;
    return this.update(key, cur, { statusOnly, keepStatus: false });
  }

  /**
   * Delete an object. Objects with finalizers, and pods (which terminate gracefully), get a deletionTimestamp
   * first; `graceful` false removes at once. Dependents (ownerReferences) are collected unless propagation is Orphan.
   */
  delete(
    key: string,
    ns: string | undefined,
    name: string,
    opts: { propagation?: Propagation; graceful?: boolean; dryRun?: boolean } = {},
  ): K8sObject {
    const t = resourceType(key);
    const cur = this.objects.get(key)?.get(objKey(t.namespaced ? ns : undefined, name));
    if (!cur) throw errors.notFound(t.plural, t.group, name);
    if (cur.metadata.finalizers?.length || opts.graceful) {
      if (cur.metadata.deletionTimestamp) return clone(cur);
      const next = clone(cur);
      next.metadata.deletionTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      if (opts.dryRun) return next;
      next.metadata.resourceVersion = String(++this.rv);
      this.bucket(key).set(objKey(next.metadata.namespace, name), next);
      this.emit({ type: 'MODIFIED', key, object: clone(next), old: clone(cur), rv: this.rv });
      return clone(next);
    }
    if (opts.dryRun) return clone(cur);
    return this.remove(key, cur, opts.propagation ?? 'Background');
  }

  /** Finish a graceful deletion (the kubelet's part for pods). */
  finalize(key: string, ns: string | undefined, name: string): void {
    const cur = this.objects.get(key)?.get(objKey(ns, name));
    if (cur) this.remove(key, cur, 'Background');
  }

  private remove(key: string, cur: K8sObject, propagation: Propagation): K8sObject {
    const b = this.bucket(key);
    b.delete(objKey(cur.metadata.namespace, cur.metadata.name));
    const gone = clone(cur);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ type: 'DELETED', key, object: clone(gone), old: clone(cur), rv: this.rv });
    const uid = cur.metadata.uid;
    for (const [depKey, bucket] of this.objects) {
      for (const dep of [...bucket.values()]) {
        const refs = dep.metadata.ownerReferences;
        if (!refs?.some((r) => r.uid === uid)) continue;
        if (propagation === 'Orphan') {
          this.mutate(depKey, dep.metadata.namespace, dep.metadata.name, (o) => {
            o.metadata.ownerReferences = o.metadata.ownerReferences?.filter((r) => r.uid !== uid);
          });
        } else {
          this.delete(depKey, dep.metadata.namespace, dep.metadata.name, { propagation, graceful: depKey === 'pods' });
        }
      }
    }
    return gone;
  }

  /** The types that have objects, for the controllers' and tests' convenience. */
  keys(): string[] {
    return [...this.objects.keys()];
  }
}

export function randomSuffix(n = 5): string {
  const chars = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < n; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

export function ownerRef(t: ResourceType, o: K8sObject): OwnerReference {
  return { apiVersion: apiVersionOf(t), kind: t.kind, name: o.metadata.name, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true };
}
