// The resource types the simulated API server knows: discovery, routing and storage all read this table.

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

export interface ResourceType {
  /** '' for the core group. */
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  /** Subresources served besides the object itself, e.g. ['status'], ['log', 'exec'] for pods. */
  subresources: string[];
  /** True for the CustomResourceDefinition-backed types (cert-manager, CloudNativePG). */
  custom: boolean;
  /** additionalPrinterColumns for custom resources. */
  printerColumns?: PrinterColumn[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function rt(
  group: string,
  version: string,
  kind: string,
  plural: string,
  opts: Partial<Omit<ResourceType, 'group' | 'version' | 'kind' | 'plural'>> = {},
): ResourceType {
  return {
    group,
    version,
    kind,
    plural,
    singular: opts.singular ?? kind.toLowerCase(),
    listKind: `${kind}List`,
    namespaced: opts.namespaced ?? true,
    shortNames: opts.shortNames,
    categories: opts.categories,
    verbs: opts.verbs ?? ALL_VERBS,
    subresources: opts.subresources ?? [],
    custom: opts.custom ?? false,
    printerColumns: opts.printerColumns,
  };
}

const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

export const RESOURCE_TYPES: ResourceType[] = [
  // core/v1
  rt('', 'v1', 'Namespace', 'namespaces', { namespaced: false, shortNames: ['ns'], subresources: ['status'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  rt('', 'v1', 'Node', 'nodes', { namespaced: false, shortNames: ['no'], subresources: ['status'] }),
  rt('', 'v1', 'Pod', 'pods', { shortNames: ['po'], categories: ['all'], subresources: ['status', 'log', 'exec', 'proxy'] }),
  rt('', 'v1', 'Service', 'services', { shortNames: ['svc'], categories: ['all'], subresources: ['status'] }),
  rt('', 'v1', 'Endpoints', 'endpoints', { singular: 'endpoints', shortNames: ['ep'] }),
  rt('', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
  rt('', 'v1', 'ConfigMap', 'configmaps', { shortNames: ['cm'] }),
  rt('', 'v1', 'Secret', 'secrets'),
  rt('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', { shortNames: ['pvc'], subresources: ['status'] }),
  rt('', 'v1', 'ServiceAccount', 'serviceaccounts', { shortNames: ['sa'] }),
  // apps/v1
  rt('apps', 'v1', 'Deployment', 'deployments', { shortNames: ['deploy'], categories: ['all'], subresources: ['status', 'scale'] }),
  rt('apps', 'v1', 'StatefulSet', 'statefulsets', { shortNames: ['sts'], categories: ['all'], subresources: ['status', 'scale'] }),
  rt('apps', 'v1', 'ReplicaSet', 'replicasets', { shortNames: ['rs'], categories: ['all'], subresources: ['status', 'scale'] }),
  rt('apps', 'v1', 'DaemonSet', 'daemonsets', { shortNames: ['ds'], categories: ['all'], subresources: ['status'] }),
  rt('apps', 'v1', 'ControllerRevision', 'controllerrevisions'),
  // batch/v1
  rt('batch', 'v1', 'Job', 'jobs', { categories: ['all'], subresources: ['status'] }),
  rt('batch', 'v1', 'CronJob', 'cronjobs', { shortNames: ['cj'], categories: ['all'], subresources: ['status'] }),
  // networking.k8s.io/v1
  rt('networking.k8s.io', 'v1', 'Ingress', 'ingresses', { shortNames: ['ing'], subresources: ['status'] }),
  // policy/v1
  rt('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', { shortNames: ['pdb'], subresources: ['status'] }),
  // authorization.k8s.io/v1: answered from the simulated RBAC (the forbid rules), never stored
  rt('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', { namespaced: false, verbs: ['create'] }),
  // apiextensions.k8s.io/v1
  rt('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', {
    namespaced: false,
    shortNames: ['crd', 'crds'],
    subresources: ['status'],
  }),
  // cert-manager.io/v1
  rt('cert-manager.io', 'v1', 'Certificate', 'certificates', {
    shortNames: ['cert', 'certs'],
    categories: ['cert-manager'],
    subresources: ['status'],
    custom: true,
    printerColumns: [
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Secret', type: 'string', jsonPath: '.spec.secretName' },
      { name: 'Issuer', type: 'string', jsonPath: '.spec.issuerRef.name', priority: 1 },
      { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message', priority: 1 },
      { name: 'Expiration', type: 'string', jsonPath: '.status.notAfter', priority: 1 },
      AGE,
    ],
  }),
  rt('cert-manager.io', 'v1', 'CertificateRequest', 'certificaterequests', {
    shortNames: ['cr', 'crs'],
    categories: ['cert-manager'],
    subresources: ['status'],
    custom: true,
    printerColumns: [
      { name: 'Approved', type: 'string', jsonPath: '.status.conditions[?(@.type=="Approved")].status' },
      { name: 'Denied', type: 'string', jsonPath: '.status.conditions[?(@.type=="Denied")].status' },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Issuer', type: 'string', jsonPath: '.spec.issuerRef.name' },
      { name: 'Requester', type: 'string', jsonPath: '.spec.username' },
      AGE,
    ],
  }),
  rt('cert-manager.io', 'v1', 'Issuer', 'issuers', {
    categories: ['cert-manager'],
    subresources: ['status'],
    custom: true,
    printerColumns: [{ name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' }, AGE],
  }),
  rt('cert-manager.io', 'v1', 'ClusterIssuer', 'clusterissuers', {
    namespaced: false,
    categories: ['cert-manager'],
    subresources: ['status'],
    custom: true,
    printerColumns: [{ name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' }, AGE],
  }),
  // acme.cert-manager.io/v1
  rt('acme.cert-manager.io', 'v1', 'Order', 'orders', {
    categories: ['cert-manager', 'cert-manager-acme'],
    subresources: ['status'],
    custom: true,
    printerColumns: [
      { name: 'State', type: 'string', jsonPath: '.status.state' },
      { name: 'Issuer', type: 'string', jsonPath: '.spec.issuerRef.name', priority: 1 },
      { name: 'Reason', type: 'string', jsonPath: '.status.reason', priority: 1 },
      AGE,
    ],
  }),
  rt('acme.cert-manager.io', 'v1', 'Challenge', 'challenges', {
    categories: ['cert-manager', 'cert-manager-acme'],
    subresources: ['status'],
    custom: true,
    printerColumns: [
      { name: 'State', type: 'string', jsonPath: '.status.state' },
      { name: 'Domain', type: 'string', jsonPath: '.spec.dnsName' },
      { name: 'Reason', type: 'string', jsonPath: '.status.reason', priority: 1 },
      AGE,
    ],
  }),
  // postgresql.cnpg.io/v1
  rt('postgresql.cnpg.io', 'v1', 'Cluster', 'clusters', {
    categories: ['all'],
    subresources: ['status', 'scale'],
    custom: true,
    printerColumns: [
      AGE,
      { name: 'Instances', type: 'integer', jsonPath: '.status.instances', description: 'Number of instances' },
      { name: 'Ready', type: 'integer', jsonPath: '.status.readyInstances', description: 'Number of ready instances' },
      { name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'Cluster current status' },
      { name: 'Primary', type: 'string', jsonPath: '.status.currentPrimary', description: 'Primary pod' },
    ],
  }),
  rt('postgresql.cnpg.io', 'v1', 'Backup', 'backups', {
    categories: ['all'],
    subresources: ['status'],
    custom: true,
    printerColumns: [
      AGE,
      { name: 'Cluster', type: 'string', jsonPath: '.spec.cluster.name' },
      { name: 'Method', type: 'string', jsonPath: '.spec.method' },
      { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
      { name: 'Error', type: 'string', jsonPath: '.status.error' },
    ],
  }),
  rt('postgresql.cnpg.io', 'v1', 'ScheduledBackup', 'scheduledbackups', {
    categories: ['all'],
    subresources: ['status'],
    custom: true,
    printerColumns: [
      AGE,
      { name: 'Cluster', type: 'string', jsonPath: '.spec.cluster.name' },
      { name: 'Last Backup', type: 'date', jsonPath: '.status.lastScheduleTime' },
    ],
  }),
  // secrets.hashicorp.com/v1beta1: the Vault Secrets Operator's sync rules (it speaks to OpenBao as to Vault)
  rt('secrets.hashicorp.com', 'v1beta1', 'VaultStaticSecret', 'vaultstaticsecrets', {
    shortNames: ['vss'],
    subresources: ['status'],
    custom: true,
    printerColumns: [
      { name: 'Path', type: 'string', jsonPath: '.spec.path' },
      { name: 'Destination', type: 'string', jsonPath: '.spec.destination.name' },
      { name: 'Version', type: 'string', jsonPath: '.status.lastGeneration', priority: 1 },
      AGE,
    ],
  }),
  rt('secrets.hashicorp.com', 'v1beta1', 'VaultDynamicSecret', 'vaultdynamicsecrets', {
    shortNames: ['vds'],
    subresources: ['status'],
    custom: true,
    printerColumns: [
      { name: 'Path', type: 'string', jsonPath: '.spec.path' },
      { name: 'Destination', type: 'string', jsonPath: '.spec.destination.name' },
      { name: 'Last Renewal', type: 'string', jsonPath: '.status.lastRenewalTime', priority: 1 },
      AGE,
    ],
  }),
];

/** 'pods', 'deployments.apps', 'certificates.cert-manager.io': the key the store files objects under. */
export function typeKey(t: Pick<ResourceType, 'plural' | 'group'>): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

const BY_KEY = new Map(RESOURCE_TYPES.map((t) => [typeKey(t), t]));

export function resourceType(key: string): ResourceType {
  const t = BY_KEY.get(key);
  if (!t) throw new Error(`unknown resource type ${key}`);
  return t;
}

export function findResourceType(group: string, version: string, plural: string): ResourceType | undefined {
  const t = BY_KEY.get(group ? `${plural}.${group}` : plural);
  return t && t.version === version ? t : undefined;
}

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** The groups served under /apis, in discovery order. */
export function apiGroups(): { name: string; version: string }[] {
  const seen = new Map<string, string>();
  for (const t of RESOURCE_TYPES) if (t.group && !seen.has(t.group)) seen.set(t.group, t.version);
  return [...seen].map(([name, version]) => ({ name, version }));
}
