// core/v1 Events for what the Box's controllers do: aggregated like the kubelet's recorder (same object,
// reason and message bump count and lastTimestamp), expired after an hour and bounded in number.
import type { K8sObject, ObjectStore } from '../k8s/object-store.js';
import { HOUR, hex, iso } from './util.js';

const MAX_EVENTS = 600;

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  /** dedup key -> event name */
  private readonly index = new Map<string, { ns: string; name: string }>();

  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => Date,
  ) {}

  record(obj: K8sObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const ns = obj.metadata.namespace ?? 'default';
    const at = iso(this.now());
    const dedup = `${obj.metadata.uid}|${reason}|${message}|${fieldPath ?? ''}`;
    const known = this.index.get(dedup);
    if (known) {
      const updated = this.store.mutate('events', known.ns, known.name, (e) => {
        e.count = (e.count ?? 1) + 1;
        e.lastTimestamp = at;
      });
      if (updated) return;
      this.index.delete(dedup);
    }
    const name = `${obj.metadata.name}.${hex(16)}`;
    this.store.create('events', {
      metadata: { name, namespace: ns },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata.name,
        namespace: obj.metadata.namespace,
        uid: obj.metadata.uid,
        resourceVersion: obj.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source,
      type,
      count: 1,
      firstTimestamp: at,
      lastTimestamp: at,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
    this.index.set(dedup, { ns, name });
    if (this.index.size > MAX_EVENTS) this.prune();
  }

  /** Seed an event that happened in the past. */
  seed(obj: K8sObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, first: Date, last = first, count = 1, fieldPath?: string): void {
    const ns = obj.metadata.namespace ?? 'default';
    const name = `${obj.metadata.name}.${hex(16)}`;
    this.store.create('events', {
      metadata: { name, namespace: ns, creationTimestamp: iso(first) },
      involvedObject: { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, ...(fieldPath ? { fieldPath } : {}) },
      reason,
      message,
      source,
      type,
      count,
      firstTimestamp: iso(first),
      lastTimestamp: iso(last),
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
    this.index.set(`${obj.metadata.uid}|${reason}|${message}|${fieldPath ?? ''}`, { ns, name });
  }

  /** Drop events older than an hour, and the oldest ones beyond the bound. */
  prune(): void {
    const all = this.store.list('events');
    const cutoff = this.now().getTime() - HOUR;
    const sorted = all.sort((a, b) => Date.parse(a.lastTimestamp) - Date.parse(b.lastTimestamp));
    const excess = sorted.length - MAX_EVENTS * 0.8;
    sorted.forEach((e, i) => {
      if (i < excess || Date.parse(e.lastTimestamp) < cutoff) {
        try {
          this.store.delete('events', e.metadata.namespace, e.metadata.name);
        } catch {
          // already gone
        }
      }
    });
    const live = new Set(this.store.list('events').map((e) => `${e.metadata.namespace}/${e.metadata.name}`));
    for (const [k, v] of this.index) if (!live.has(`${v.ns}/${v.name}`)) this.index.delete(k);
  }
}
