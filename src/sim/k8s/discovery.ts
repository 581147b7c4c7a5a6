// Legacy (unaggregated) discovery documents, and the CustomResourceDefinition objects for the custom types.
import type { K8sObject } from './object-store.js';
import { apiGroups, RESOURCE_TYPES, typeKey, type ResourceType } from './resources.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4',
  gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
  gitTreeState: 'clean',
  buildDate: '2024-12-10T18:36:04Z',
  goVersion: 'go1.22.10',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const CIDRS = (addr: string) => [{ clientCIDR: '0.0.0.0/0', serverAddress: addr }];

export function apiVersions(addr: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: CIDRS(addr) };
}

function groupDoc(name: string, version: string): object {
  const gv = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [gv], preferredVersion: gv };
}

export function apiGroupList(): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups().map((g) => groupDoc(g.name, g.version)) };
}

export function apiGroup(name: string): object {
  const g = apiGroups().find((x) => x.name === name)!;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(g.name, g.version) };
}

const SUB_VERBS: Record<string, string[]> = {
  status: ['get', 'patch', 'update'],
  scale: ['get', 'patch', 'update'],
  log: ['get'],
  exec: ['create', 'get'],
};

function subKind(t: ResourceType, sub: string): { kind: string; group?: string; version?: string } {
  if (sub === 'scale') return { kind: 'Scale', group: 'autoscaling', version: 'v1' };
  if (sub === 'exec') return { kind: 'PodExecOptions' };
  return { kind: t.kind };
}

export function apiResourceList(group: string, version: string): object {
  const resources: object[] = [];
  for (const t of RESOURCE_TYPES) {
    if (t.group !== group || t.version !== version) continue;
    const r: Record<string, unknown> = { name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs };
    if (t.shortNames?.length) r.shortNames = t.shortNames;
    if (t.categories?.length) r.categories = t.categories;
    r.storageVersionHash = Buffer.from(typeKey(t)).toString('base64').slice(0, 11);
    resources.push(r);
    for (const sub of t.subresources) {
      resources.push({ name: `${t.plural}/${sub}`, singularName: '', namespaced: t.namespaced, ...subKind(t, sub), verbs: SUB_VERBS[sub] ?? ['get'] });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

/** The CustomResourceDefinition a real cluster would hold for a custom type of the table. */
export function crdFor(t: ResourceType, created: string): K8sObject {
  const names: Record<string, unknown> = { plural: t.plural, singular: t.singular, kind: t.kind, listKind: t.listKind };
  if (t.shortNames?.length) names.shortNames = t.shortNames;
  if (t.categories?.length) names.categories = t.categories;
  const subresources: Record<string, unknown> = {};
  if (t.subresources.includes('status')) subresources.status = {};
  if (t.subresources.includes('scale')) {
    subresources.scale = { specReplicasPath: '.spec.instances', statusReplicasPath: '.status.instances', labelSelectorPath: '.status.selector' };
  }
  const version: Record<string, unknown> = {
    name: t.version,
    served: true,
    storage: true,
    schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    subresources,
  };
  if (t.printerColumns?.length) version.additionalPrinterColumns = t.printerColumns.map((c) => ({ ...c }));
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${t.plural}.${t.group}`,
      creationTimestamp: created,
      labels: { 'app.kubernetes.io/name': t.group.includes('cnpg') ? 'cloudnative-pg' : 'cert-manager' },
    },
    spec: { group: t.group, names, scope: t.namespaced ? 'Namespaced' : 'Cluster', versions: [version], conversion: { strategy: 'None' } },
    status: {
      acceptedNames: names,
      storedVersions: [t.version],
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: created },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: created },
      ],
    },
  };
}

export function customTypes(): ResourceType[] {
  return RESOURCE_TYPES.filter((t) => t.custom);
}

