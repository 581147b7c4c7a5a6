// KV version 2 at secret/ over OpenBao's HTTP API: data/ (read, write with options.cas, patch, soft delete),
// metadata/ (read, list, update, delete), delete/, undelete/ and destroy/. The engine is the Box's
// (src/sim/box/openbao/kv.ts); this file only speaks its wire shapes.
import { KvError, type KvSecret, type KvStore } from '../../box/openbao/kv.js';
import { type BaoReply, type BaoRequest, envelope, fail, field, isList, noContent, ok, parseBody } from './wire.js';

const KV = { mount_type: 'kv' };

function versionMeta(version: number, v: { created: string; deleted: string; destroyed: boolean }, secret: KvSecret): Record<string, unknown> {
  return { created_time: v.created, custom_metadata: secret.customMetadata, deletion_time: v.deleted, destroyed: v.destroyed, version };
}

function versions(body: Record<string, unknown>): number[] | BaoReply {
  const vs = field(body, 'versions');
  if (!Array.isArray(vs) || !vs.length) return fail(400, 'no version number provided');
  const out = vs.map((v) => Number(v));
  if (out.some((n) => !Number.isInteger(n))) return fail(400, 'error converting input for field "versions"');
  return out;
}

/** Handles `secret/<kind>/<path>`; `rest` is what follows `secret/`. */
export function kvRequest(kv: KvStore, rest: string, req: BaoRequest): BaoReply {
  const slash = rest.indexOf('/');
  const kind = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1).replace(/\/+$/, '');
  const listing = isList(req);
  if (kind === 'metadata' && listing) {
    const keys = kv.list(path);
    return keys.length ? ok(envelope({ keys }, KV)) : fail(404);
  }
  if (!path) return fail(405);
  const parsed = req.method === 'GET' || req.method === 'DELETE' || req.method === 'HEAD' ? { value: {} } : parseBody(req);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  try {
    switch (kind) {
      case 'data':
        return data(kv, path, req, body);
      case 'metadata':
        return metadata(kv, path, req, body);
      case 'delete':
      case 'undelete':
      case 'destroy': {
        if (req.method !== 'POST' && req.method !== 'PUT') return fail(405);
        const vs = versions(body);
        if (!Array.isArray(vs)) return vs;
        if (kind === 'delete') kv.softDelete(path, vs);
        else if (kind === 'undelete') kv.undelete(path, vs);
        else kv.destroy(path, vs);
        return noContent();
      }
      default:
        return fail(404, `no handler for route "secret/${rest}". route entry not found.`);
    }
  } catch (err) {
    if (err instanceof KvError) return err.message ? fail(err.status, err.message) : fail(err.status);
    throw err;
  }
}

function data(kv: KvStore, path: string, req: BaoRequest, body: Record<string, unknown>): BaoReply {
  switch (req.method) {
    case 'GET': {
      const raw = req.query.get('version');
      const version = raw === null || raw === '' ? 0 : Number(raw);
      if (!Number.isInteger(version) || version < 0) return fail(400, `error converting input ${raw} for field "version": cannot parse '' as int: strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
      const got = kv.read(path, version);
      if (!got) return fail(404);
      const meta = versionMeta(got.version, got.entry, got.secret);
      // a deleted or destroyed version reads as a 404 that still carries its metadata
      if (got.entry.deleted || got.entry.destroyed) return { status: 404, body: envelope({ data: null, metadata: meta }, KV) };
      return ok(envelope({ data: got.entry.data, metadata: meta }, KV));
    }
    case 'POST':
    case 'PUT':
    case 'PATCH': {
      const d = field(body, 'data');
      if (d === undefined || d === null) return fail(400, 'no data provided');
      if (typeof d !== 'object' || Array.isArray(d)) return fail(400, 'data must be a JSON object');
      const options = field(body, 'options');
      const rawCas = options && typeof options === 'object' ? (options as Record<string, unknown>).cas : undefined;
      const cas = rawCas === undefined ? undefined : Number(rawCas);
      if (cas !== undefined && !Number.isInteger(cas)) return fail(400, 'invalid value for options.cas');
      if (req.method === 'PATCH' && !(req.headers['content-type'] ?? '').includes('application/merge-patch+json')) {
        return fail(415, 'PATCH requires Content-Type application/merge-patch+json');
      }
      const version = req.method === 'PATCH' ? kv.patch(path, d as Record<string, unknown>, cas) : kv.write(path, d as Record<string, unknown>, cas);
      const secret = kv.get(path)!;
      return ok(envelope(versionMeta(version, secret.versions.get(version)!, secret), KV));
    }
    case 'DELETE':
      kv.softDelete(path);
      return noContent();
    default:
      return fail(405);
  }
}

function metadata(kv: KvStore, path: string, req: BaoRequest, body: Record<string, unknown>): BaoReply {
  switch (req.method) {
    case 'GET': {
      const s = kv.get(path);
      if (!s) return fail(404);
      const vs = Object.fromEntries([...s.versions].map(([n, v]) => [String(n), { created_time: v.created, deletion_time: v.deleted, destroyed: v.destroyed }]));
      return ok(
        envelope(
          {
            cas_required: s.casRequired,
            created_time: s.created,
            current_version: s.current,
            custom_metadata: s.customMetadata,
            delete_version_after: '0s',
            max_versions: s.maxVersions,
            oldest_version: s.oldest,
            updated_time: s.updated,
            versions: vs,
          },
          KV,
        ),
      );
    }
    case 'POST':
    case 'PUT': {
      const max = field(body, 'max_versions');
      const cas = field(body, 'cas_required');
      const custom = field(body, 'custom_metadata');
      kv.setMetadata(path, {
        maxVersions: max === undefined ? undefined : Number(max),
        casRequired: cas === undefined ? undefined : cas === true || cas === 'true',
        customMetadata: custom && typeof custom === 'object' ? (custom as Record<string, string>) : undefined,
      });
      return noContent();
    }
    case 'DELETE':
      kv.deleteAll(path);
      return noContent();
    default:
      return fail(405);
  }
}
