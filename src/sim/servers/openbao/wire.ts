// The shapes of OpenBao's HTTP API, independent of how a request arrives (its own HTTPS port, or the
// Kubernetes API's pod proxy): a request is a method, a path under /v1, the query, the headers and the body;
// a reply is a status, a JSON body (or none) and headers. Errors are `{"errors": [...]}` as OpenBao writes them.
import { randomUUID } from 'node:crypto';

export interface BaoRequest {
  method: string;
  /** The path after /v1/, without a leading slash: 'sys/seal-status', 'secret/data/messages/x'. */
  path: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: string;
}

export interface BaoReply {
  status: number;
  /** Omitted for 204 and for HEAD. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** `{"errors": [...]}`: OpenBao's error body (an empty list for a plain 404 or 405). */
export function fail(status: number, ...errors: string[]): BaoReply {
  return { status, body: { errors } };
}

export const noContent = (): BaoReply => ({ status: 204 });

export const ok = (body: unknown): BaoReply => ({ status: 200, body });

/** The envelope of a logical response (a secret read, a token lookup...). */
export function envelope(data: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { request_id: randomUUID(), lease_id: '', renewable: false, lease_duration: 0, data, wrap_info: null, warnings: null, auth: null, ...extra };
}

export const SEALED = (): BaoReply => fail(503, 'Vault is sealed');
export const DENIED = (): BaoReply => fail(403, 'permission denied');

/** The JSON body, or a 400 in OpenBao's words; an empty body is an empty object. */
export function parseBody(req: BaoRequest): { value: Record<string, unknown> } | { error: BaoReply } {
  if (!req.body.trim()) return { value: {} };
  try {
    const v = JSON.parse(req.body) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { error: fail(400, 'failed to parse JSON input: json: cannot unmarshal into an object') };
    return { value: v as Record<string, unknown> };
  } catch (err) {
    return { error: fail(400, `failed to parse JSON input: ${(err as Error).message}`) };
  }
}

/** A field of a body decoded as Go decodes JSON into a struct: names match case-insensitively. */
export function field(body: Record<string, unknown>, name: string): unknown {
  const k = Object.keys(body).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : body[k];
}

/** Go's strconv.ParseBool, as OpenBao reads query flags. */
export function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** The token of a request: X-Vault-Token, or an `Authorization: Bearer` header as OpenBao also accepts. */
export function tokenOf(req: BaoRequest): string | undefined {
  const t = req.headers['x-vault-token'];
  if (t) return t;
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

/** A request listing keys: the LIST verb, or GET with ?list=true. */
export function isList(req: BaoRequest): boolean {
  return req.method === 'LIST' || (req.method === 'GET' && parseBool(req.query.get('list') ?? '') === true);
}
