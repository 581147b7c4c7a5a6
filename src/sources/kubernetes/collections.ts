// What the Kubernetes source watches: one entry per informer, with its watch path, its list call, the store
// collection it feeds and the mapper from API object to record.
import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { KubeClients } from '../../kube/client.js';
import type { KubeCollection } from '../../store/index.js';
import { eventRecord, nodeRecord, pvcRecord, workloadRecord } from './core-records.js';
import { certificateRecord, pgBackupRecord, pgClusterRecord, pgScheduledBackupRecord } from './custom-records.js';

export interface CollectionSpec {
  /** Informer id: 'pods', 'deployments', ..., 'certificates', 'clusters', 'backups'. */
  id: string;
  /** For sentences: "pods", "cert-manager Certificates". */
  label: string;
  path: string;
  list: () => Promise<KubernetesListObject<KubernetesObject>>;
  /** The store collection it feeds; undefined for ReplicaSets (only used to resolve pod owners). */
  target?: KubeCollection;
  /** A custom resource: a 404 on list means its CRD is not installed. */
  crd?: string;
  /** Object -> record; pods are mapped by the source itself (owner resolution). */
  toRecord?: (o: any) => unknown;
}

type AnyList = Promise<KubernetesListObject<KubernetesObject>>;

function custom(c: KubeClients, group: string, version: string, plural: string): () => AnyList {
  return () => c.custom.listClusterCustomObject({ group, version, plural }) as AnyList;
}

export function collectionSpecs(c: KubeClients): CollectionSpec[] {
  return [
    { id: 'pods', label: 'pods', path: '/api/v1/pods', list: () => c.core.listPodForAllNamespaces() as AnyList, target: 'pods' },
    { id: 'replicasets', label: 'replicasets', path: '/apis/apps/v1/replicasets', list: () => c.apps.listReplicaSetForAllNamespaces() as AnyList },
    {
      id: 'deployments',
      label: 'deployments',
      path: '/apis/apps/v1/deployments',
      list: () => c.apps.listDeploymentForAllNamespaces() as AnyList,
      target: 'workloads',
      toRecord: (o) => workloadRecord('Deployment', o),
    },
    {
      id: 'statefulsets',
      label: 'statefulsets',
      path: '/apis/apps/v1/statefulsets',
      list: () => c.apps.listStatefulSetForAllNamespaces() as AnyList,
      target: 'workloads',
      toRecord: (o) => workloadRecord('StatefulSet', o),
    },
    {
      id: 'daemonsets',
      label: 'daemonsets',
      path: '/apis/apps/v1/daemonsets',
      list: () => c.apps.listDaemonSetForAllNamespaces() as AnyList,
      target: 'workloads',
      toRecord: (o) => workloadRecord('DaemonSet', o),
    },
    { id: 'nodes', label: 'nodes', path: '/api/v1/nodes', list: () => c.core.listNode() as AnyList, target: 'nodes', toRecord: nodeRecord },
    { id: 'events', label: 'events', path: '/api/v1/events', list: () => c.core.listEventForAllNamespaces() as AnyList, target: 'events', toRecord: eventRecord },
    {
      id: 'pvcs',
      label: 'persistent volume claims',
      path: '/api/v1/persistentvolumeclaims',
      list: () => c.core.listPersistentVolumeClaimForAllNamespaces() as AnyList,
      target: 'pvcs',
      toRecord: pvcRecord,
    },
    {
      id: 'certificates',
      label: 'cert-manager Certificates',
      path: '/apis/cert-manager.io/v1/certificates',
      list: custom(c, 'cert-manager.io', 'v1', 'certificates'),
      target: 'certificates',
      crd: 'certificates.cert-manager.io',
      toRecord: certificateRecord,
    },
    {
      id: 'clusters',
      label: 'CloudNativePG Clusters',
      path: '/apis/postgresql.cnpg.io/v1/clusters',
      list: custom(c, 'postgresql.cnpg.io', 'v1', 'clusters'),
      target: 'pgClusters',
      crd: 'clusters.postgresql.cnpg.io',
      toRecord: pgClusterRecord,
    },
    {
      id: 'backups',
      label: 'CloudNativePG Backups',
      path: '/apis/postgresql.cnpg.io/v1/backups',
      list: custom(c, 'postgresql.cnpg.io', 'v1', 'backups'),
      target: 'pgBackups',
      crd: 'backups.postgresql.cnpg.io',
      toRecord: pgBackupRecord,
    },
    {
      id: 'scheduledbackups',
      label: 'CloudNativePG ScheduledBackups',
      path: '/apis/postgresql.cnpg.io/v1/scheduledbackups',
      list: custom(c, 'postgresql.cnpg.io', 'v1', 'scheduledbackups'),
      target: 'pgScheduledBackups',
      crd: 'scheduledbackups.postgresql.cnpg.io',
      toRecord: pgScheduledBackupRecord,
    },
  ];
}
