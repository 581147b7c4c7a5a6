// Turns a request path into what it addresses: a discovery document, or a resource type with an optional
// namespace, name and subresource.
import { findResourceType, RESOURCE_TYPES, typeKey, type ResourceType } from './resources.js';
import { errors } from './status.js';

export type Target =
  | { kind: 'discovery'; doc: 'version' | 'api' | 'apis' | 'group' | 'groupVersion'; group?: string; version?: string }
  | { kind: 'health'; path: string }
  | { kind: 'openapi'; path: string }
  | { kind: 'resource'; type: ResourceType; key: string; namespace?: string; name?: string; subresource?: string };

/** 404 for paths the server does not serve, with the real server's message. */
export const notFound = () => errors.pathNotFoundPlain();

export function route(pathname: string): Target {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/healthz' || path === '/readyz' || path === '/livez' || /^\/(healthz|readyz|livez)\/[\w-]+$/.test(path)) return { kind: 'health', path };
  if (path === '/version') return { kind: 'discovery', doc: 'version' };
  if (path === '/api') return { kind: 'discovery', doc: 'api' };
  if (path === '/apis') return { kind: 'discovery', doc: 'apis' };
  if (path === '/openapi/v3' || path.startsWith('/openapi/v3/')) return { kind: 'openapi', path: path.slice('/openapi/v3'.length).replace(/^\//, '') };
  let seg: string[];
  try {
    seg = path.split('/').slice(1).map((s) => decodeURIComponent(s));
  } catch {
    throw errors.badRequest(`malformed path: ${path}`);
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (seg[0] === 'api') {
    if (seg[1] !== 'v1') throw notFound();
    group = '';
    version = 'v1';
    rest = seg.slice(2);
  } else if (seg[0] === 'apis') {
    group = seg[1]!;
    if (seg.length === 2) {
      if (!RESOURCE_GROUPS.has(group)) throw notFound();
      return { kind: 'discovery', doc: 'group', group };
    }
    version = seg[2]!;
    rest = seg.slice(3);
  } else {
    throw notFound();
  }
  if (rest.length === 0) {
    if (!GROUP_VERSIONS.has(`${group}/${version}`)) throw notFound();
    return { kind: 'discovery', doc: 'groupVersion', group, version };
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && group === '' && (rest[2] === 'status' || rest[2] === 'finalize'))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  const type = findResourceType(group, version, plural!);
  if (!type || extra.length) throw notFound();
  if (namespace !== undefined && !type.namespaced) throw notFound();
  if (subresource && !type.subresources.includes(subresource)) throw notFound();
  return { kind: 'resource', type, key: typeKey(type), namespace, name, subresource };
}

const RESOURCE_GROUPS = new Set(RESOURCE_TYPES.map((t) => t.group).filter((g) => g !== ''));
const GROUP_VERSIONS = new Set(RESOURCE_TYPES.map((t) => `${t.group}/${t.version}`));
