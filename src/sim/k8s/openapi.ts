// A minimal OpenAPI v3 surface: the discovery root and one document per group-version listing each resource's
// PATCH and POST operations with the `fieldValidation` query parameter. That is what kubectl's query-parameter
// verifier looks for before it lets the server validate fields (`kubectl apply`, `kubectl create -f`).
// Schemas are not served; kubectl then builds patches from its compiled-in types, as it does for old servers.
import { createHash } from 'node:crypto';
import { RESOURCE_TYPES, type ResourceType } from './resources.js';
import { SERVER_VERSION } from './discovery.js';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const QUERY = (name: string) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });

function operations(t: ResourceType): Record<string, unknown> {
  const gvk = { group: t.group, version: t.version, kind: t.kind };
  const base = `/${gvPath(t.group, t.version)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}`;
  const op = (action: string) => ({
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    parameters: [QUERY('dryRun'), QUERY('fieldManager'), QUERY('fieldValidation')],
    responses: { '200': { description: 'OK' } },
  });
  return { [base]: { post: op('post') }, [`${base}/{name}`]: { patch: op('patch'), put: op('put') } };
}

export function openApiV3Root(): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  const seen = new Set<string>();
  for (const t of RESOURCE_TYPES) {
    const p = gvPath(t.group, t.version);
    if (seen.has(p)) continue;
    seen.add(p);
    const hash = createHash('sha256').update(JSON.stringify(openApiV3Doc(p))).digest('hex').slice(0, 32).toUpperCase();
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
  }
  return { paths };
}

/** The document for `api/v1` or `apis/<group>/<version>`, or undefined for any other path. */
export function openApiV3Doc(path: string): object | undefined {
  const types = RESOURCE_TYPES.filter((t) => gvPath(t.group, t.version) === path);
  if (!types.length) return undefined;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion },
    paths: Object.assign({}, ...types.map(operations)),
    components: { schemas: {} },
  };
}
