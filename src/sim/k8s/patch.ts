// PATCH bodies: JSON patch (RFC 6902), JSON merge patch (RFC 7386) and Kubernetes strategic merge patch
// (the subset kubectl uses: maps merge, keyed lists merge by their merge key, `$patch` directives).
import { errors } from './status.js';

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- RFC 6902 ------------------------------------------------------------------------------------------

function unescape(tok: string): string {
  return tok.replace(/~1/g, '/').replace(/~0/g, '~');
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw errors.badRequest(`the server rejected our request due to an error in our request (invalid JSON pointer "${path}")`);
  return path.slice(1).split('/').map(unescape);
}

function parentOf(doc: any, toks: string[], path: string): any {
  let cur = doc;
  for (const t of toks.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(t)] : isObj(cur) ? cur[t] : undefined;
    if (cur === undefined) throw errors.unprocessable(`doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function getAt(doc: any, path: string): any {
  let cur = doc;
  for (const t of pointer(path)) {
    cur = Array.isArray(cur) ? cur[Number(t)] : isObj(cur) ? cur[t] : undefined;
    if (cur === undefined) throw errors.unprocessable(`doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function removeAt(doc: any, path: string): any {
  const toks = pointer(path);
  const parent = parentOf(doc, toks, path);
  const last = toks[toks.length - 1]!;
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) throw errors.unprocessable(`unable to remove nonexistent key: ${last}: missing value`);
    return parent.splice(i, 1)[0];
  }
  if (!isObj(parent) || !(last in parent)) throw errors.unprocessable(`unable to remove nonexistent key: ${last}: missing value`);
  const v = parent[last];
  delete parent[last];
  return v;
}

function addAt(doc: any, path: string, value: unknown, replace: boolean): any {
  const toks = pointer(path);
  if (toks.length === 0) return value;
  const parent = parentOf(doc, toks, path);
  const last = toks[toks.length - 1]!;
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length - (replace ? 1 : 0)) {
      throw errors.unprocessable(`unable to access invalid index: ${last}: invalid index referenced`);
    }
    parent.splice(i, replace ? 1 : 0, value);
  } else if (isObj(parent)) {
    if (replace && !(last in parent)) throw errors.unprocessable(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    parent[last] = value;
  } else {
    throw errors.unprocessable(`doc is missing path: "${path}": missing value`);
  }
  return doc;
}

export function applyJsonPatch(doc: unknown, ops: unknown): any {
  if (!Array.isArray(ops)) throw errors.badRequest('the server rejected our request due to an error in our request (json patch must be an array)');
  let out: any = structuredClone(doc);
  for (const op of ops) {
    if (!isObj(op) || typeof op.op !== 'string' || typeof op.path !== 'string') throw errors.badRequest('the server rejected our request due to an error in our request (invalid json patch operation)');
    switch (op.op) {
      case 'add':
        out = addAt(out, op.path, structuredClone(op.value), false);
        break;
      case 'replace':
        out = addAt(out, op.path, structuredClone(op.value), true);
        break;
      case 'remove':
        removeAt(out, op.path);
        break;
      case 'test':
        if (JSON.stringify(getAt(out, op.path)) !== JSON.stringify(op.value)) {
          throw errors.unprocessable(`testing value ${op.path} failed: test failed`);
        }
        break;
      case 'move': {
        if (typeof op.from !== 'string') throw errors.badRequest('json patch move needs "from"');
        const v = removeAt(out, op.from);
        out = addAt(out, op.path, v, false);
        break;
      }
      case 'copy': {
        if (typeof op.from !== 'string') throw errors.badRequest('json patch copy needs "from"');
        out = addAt(out, op.path, structuredClone(getAt(out, op.from)), false);
        break;
      }
      default:
        throw errors.badRequest(`Unexpected kind: ${op.op}`);
    }
  }
  return out;
}

// ---- RFC 7386 ------------------------------------------------------------------------------------------

export function applyMergePatch(target: unknown, patch: unknown): any {
  if (!isObj(patch)) return structuredClone(patch);
  const out: Record<string, any> = isObj(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

// ---- Strategic merge patch -----------------------------------------------------------------------------

/** Merge keys of the built-in types' keyed lists (patchMergeKey in the API types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  readinessGates: 'conditionType',
  taints: 'key',
  addresses: 'type',
};

function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

/** Lists of scalars the server merges as sets instead of replacing. */
const SET_LISTS = new Set(['finalizers']);

function smpList(field: string, cur: unknown, patch: unknown[]): unknown[] {
  const base = Array.isArray(cur) ? structuredClone(cur) : [];
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) return patch.filter((p) => !(isObj(p) && p.$patch === 'replace'));
  if (SET_LISTS.has(field)) {
    for (const p of patch) if (!base.some((b) => JSON.stringify(b) === JSON.stringify(p))) base.push(p);
    return base;
  }
  const key = mergeKeyFor(field, [...base, ...patch]);
  if (!key) return patch.map((p) => stripDirectives(p));
  for (const p of patch) {
    if (!isObj(p)) {
      base.push(p);
      continue;
    }
    const i = base.findIndex((b) => isObj(b) && b[key] === p[key]);
    if (p.$patch === 'delete') {
      if (i >= 0) base.splice(i, 1);
    } else if (i >= 0) {
      base[i] = applyStrategicMerge(base[i], p);
    } else {
      base.push(stripDirectives(p));
    }
  }
  return base;
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

export function applyStrategicMerge(target: unknown, patch: unknown): any {
  if (!isObj(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, any> = isObj(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field]) && Array.isArray(v)) out[field] = out[field].filter((x: unknown) => !v.includes(x));
      continue;
    }
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = smpList(k, out[k], v);
    else if (isObj(v)) {
      const merged = applyStrategicMerge(out[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  if (Array.isArray(patch.$retainKeys)) for (const k of Object.keys(out)) if (!patch.$retainKeys.includes(k)) delete out[k];
  return out;
}

/** Applies a PATCH body of the given content type; custom resources refuse strategic merge (415), as a real server does. */
export function applyPatch(contentType: string, current: unknown, body: unknown, custom: boolean): any {
  const ct = contentType.split(';')[0]!.trim().toLowerCase();
  const accepted: string[] = custom ? [PATCH_TYPES.json, PATCH_TYPES.merge] : [PATCH_TYPES.json, PATCH_TYPES.merge, PATCH_TYPES.strategic];
  if (ct === PATCH_TYPES.json) return applyJsonPatch(current, body);
  if (ct === PATCH_TYPES.merge) {
    if (!isObj(body)) throw errors.badRequest('the body of the request must be a JSON object for a merge patch');
    return applyMergePatch(current, body);
  }
  if (ct === PATCH_TYPES.strategic && !custom) {
    if (!isObj(body)) throw errors.badRequest('the body of the request must be a JSON object for a strategic merge patch');
    return applyStrategicMerge(current, body);
  }
  throw errors.unsupportedPatch(accepted);
}
