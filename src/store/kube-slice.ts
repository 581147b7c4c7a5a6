// The Kubernetes slice: records keyed by `key`, replaced whole on each (batched) flush so that selectors see
// new references only for what changed. The Kubernetes source is its only writer.
import type {
  CertificateRecord,
  EventRecord,
  NodeRecord,
  PgBackupRecord,
  PgClusterRecord,
  PgScheduledBackupRecord,
  PodRecord,
  PvcRecord,
  WorkloadRecord,
} from './records.js';
import type { GetState, SetState } from './slice.js';

export interface KubeData {
  pods: Record<string, PodRecord>;
  workloads: Record<string, WorkloadRecord>;
  nodes: Record<string, NodeRecord>;
  events: Record<string, EventRecord>;
  certificates: Record<string, CertificateRecord>;
  pgClusters: Record<string, PgClusterRecord>;
  pgBackups: Record<string, PgBackupRecord>;
  pgScheduledBackups: Record<string, PgScheduledBackupRecord>;
  pvcs: Record<string, PvcRecord>;
  namespaces: string[];
}

export type KubeCollection = Exclude<keyof KubeData, 'namespaces'>;

export interface KubeSlice {
  kube: KubeData & {
    /** Context name and API server address, for the top bar. */
    context: string;
    server: string;
    /** Which collections have completed their first list (a pane is "populated" when its collections have). */
    synced: Partial<Record<KubeCollection, boolean>>;
  };
}

export function emptyKube(): KubeSlice['kube'] {
  return {
    pods: {},
    workloads: {},
    nodes: {},
    events: {},
    certificates: {},
    pgClusters: {},
    pgBackups: {},
    pgScheduledBackups: {},
    pvcs: {},
    namespaces: [],
    context: '',
    server: '',
    synced: {},
  };
}

/** A batch of changes to one collection: upserts by key and deletions by key. */
export interface KubePatch<C extends KubeCollection = KubeCollection> {
  collection: C;
  upsert?: KubeData[C][string][];
  remove?: string[];
  /** Replace the whole collection (after a list). */
  replace?: boolean;
}

export interface KubeActions {
  applyKube(patches: KubePatch[]): void;
  setKubeContext(context: string, server: string): void;
  markSynced(collection: KubeCollection): void;
}

export function kubeActions(set: SetState<KubeSlice>, get: GetState<KubeSlice>): KubeActions {
  return {
    applyKube(patches) {
      if (patches.length === 0) return;
      const kube = { ...get().kube };
      for (const p of patches) {
        const cur = p.replace ? {} : { ...(kube[p.collection] as Record<string, unknown>) };
        for (const r of p.upsert ?? []) cur[(r as { key?: string; name: string }).key ?? (r as { name: string }).name] = r;
        for (const k of p.remove ?? []) delete cur[k];
        (kube as Record<string, unknown>)[p.collection] = cur;
        if (p.collection === 'pods' || p.collection === 'workloads') {
          const ns = new Set<string>();
          for (const r of Object.values(kube.pods)) ns.add(r.namespace);
          for (const r of Object.values(kube.workloads)) ns.add(r.namespace);
          const list = [...ns].sort();
          if (list.join() !== kube.namespaces.join()) kube.namespaces = list;
        }
      }
      set({ kube });
    },
    setKubeContext(context, server) {
      set({ kube: { ...get().kube, context, server } });
    },
    markSynced(collection) {
      const k = get().kube;
      if (k.synced[collection]) return;
      set({ kube: { ...k, synced: { ...k.synced, [collection]: true } } });
    },
  };
}
