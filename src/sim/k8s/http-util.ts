// Small HTTP helpers for the simulated API server: JSON replies, Status errors, request bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, errors, type K8sStatus } from './status.js';

const MAX_BODY = 8 * 1024 * 1024;

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

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

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(errors.badRequest('the request body is too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
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
