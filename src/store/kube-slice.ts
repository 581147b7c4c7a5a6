// The Kubernetes slice: records keyed by `key`, replaced whole on each (batched) flush so that selectors see
// new references only for what changed.
import type {
  CertificateRecord,
  EventRecord,
  NodeRecord,
  PgBackupRecord,
  PgClusterRecord,
  PodRecord,
  PvcRecord,
  WorkloadRecord,
} from './records.js';

export interface KubeData {
  pods: Record<string, PodRecord>;
  workloads: Record<string, WorkloadRecord>;
  nodes: Record<string, NodeRecord>;
  events: Record<string, EventRecord>;
  certificates: Record<string, CertificateRecord>;
  pgClusters: Record<string, PgClusterRecord>;
  pgBackups: Record<string, PgBackupRecord>;
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
