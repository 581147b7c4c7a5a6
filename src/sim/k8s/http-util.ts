// The Kubernetes-shaped side of HTTP for the simulated API server: Status errors, bodies whose failures are
// Status objects, and query parameters read as the API server reads them. Generic replies and body reading
// are in src/sim/http.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody as readRawBody } from '../http/body.js';
import { sendJson } from '../http/reply.js';
import { ApiError, errors, type K8sStatus } from './status.js';

export function sendStatus(res: ServerResponse, status: K8sStatus): void {
  sendJson(res, status.code, status);
}

/** Any thrown value as a Status reply: ApiErrors keep their code, anything else is a 500 InternalError. */
export function sendError(res: ServerResponse, err: unknown): void {
  const status = err instanceof ApiError ? err.status : errors.internal((err as Error)?.message ?? String(err)).status;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendStatus(res, status);
}

/** The body as text; one that is too large is a 400 BadRequest Status. */
export async function readBody(req: IncomingMessage): Promise<string> {
  try {
    return await readRawBody(req);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw errors.badRequest('the request body is too large');
    throw err;
  }
}

/** The body as JSON, or a 400 BadRequest Status shaped like the API server's decode error. */
export async function readJson(req: IncomingMessage): Promise<any> {
  const text = await readBody(req);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw errors.badRequest(`the body of the request could not be decoded: ${(err as Error).message}`);
  }
}

/** Query booleans as the API server reads them: "true", "1" (and for watch, any non-false value). */
export function queryBool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v !== null && v !== 'false' && v !== '0' && v !== '';
}

export function queryInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw errors.badRequest(`invalid value for ${name}: "${v}" is not an integer`);
  return n;
}
