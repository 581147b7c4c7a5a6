// The Loki client of a session, over LOKI_ADDR (loki-env.ts): query_range, query, labels and label values
// over node:http(s), and the live tail over a WebSocket (`ws`, /loki/api/v1/tail) with the same CA, tenant and
// credentials. Every failure is a LokiError of one sentence (errors.ts); the credentials stay in this closure
// and are scrubbed from anything a server sends back. Reads only: Loki has nothing to write.
import http from 'node:http';
import https from 'node:https';
import WebSocket from 'ws';
import { lokiAuthWords, type LokiSettings } from '../../session/loki-env.js';
import { httpError, LokiError, tailCloseError, transportError } from './errors.js';
import { parseNames, parseStreams, parseTailMessage, type Direction, type LokiEntry } from './records.js';

export interface RangeParams {
  query: string;
  /** ns, inclusive. */
  start: string;
  /** ns, exclusive. */
  end: string;
  limit: number;
  direction: Direction;
}

export interface TailParams {
  query: string;
  /** ns, inclusive (Loki's default is an hour ago). */
  start?: string;
  limit?: number;
  /** Seconds the querier waits for late lines, at most 5. */
  delayFor?: number;
}

export interface TailHandlers {
  /** The upgrade was accepted. */
  onOpen?(): void;
  /** One message's entries, oldest first, and how many the server dropped (it was too slow for them). */
  onEntries(entries: LokiEntry[], dropped: number): void;
  /** The tail ended on its own (not by close()): why, in one sentence. Called once. */
  onEnd(err: LokiError): void;
}

export interface TailHandle {
  /** Ends the tail; onEnd is not called. */
  close(): void;
}

export interface LokiClient {
  /** LOKI_ADDR. */
  addr: string;
  /** Where the credentials come from, for messages; absent without credentials. */
  authWords?: string;
  orgId?: string;
  /** A setting that cannot be used (one sentence); nothing is sent then. */
  problem?: string;
  /** A log query over a range: its entries, sorted in the direction (one request: see pager.ts for more). */
  queryRange(p: RangeParams, signal?: AbortSignal): Promise<LokiEntry[]>;
  /** An instant query: its result type and result as Loki gives them (streams parsed into entries). */
  query(p: { query: string; time?: string; limit?: number; direction?: Direction }, signal?: AbortSignal): Promise<{ resultType: string; result: unknown; entries?: LokiEntry[] }>;
  labels(p?: { start?: string; end?: string; query?: string }, signal?: AbortSignal): Promise<string[]>;
  labelValues(name: string, p?: { start?: string; end?: string; query?: string }, signal?: AbortSignal): Promise<string[]>;
  tail(p: TailParams, handlers: TailHandlers): TailHandle;
  /** Requests sent so far (tails included). */
  requests(): number;
}

export interface LokiClientOptions {
  /** Per request (and per tail upgrade), default 10 s. */
  timeoutMs?: number;
  /** A tail with neither a message nor a ping this long is dropped (Loki pings every second); default 30 s. */
  tailIdleMs?: number;
}

const MAX_BODY = 64 * 1024 * 1024;

function timeoutError(): Error {
  return Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
}

export function lokiClient(settings: LokiSettings, opts: LokiClientOptions = {}): LokiClient {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const tailIdleMs = opts.tailIdleMs ?? 30_000;
  const { addr } = settings;
  const authWords = lokiAuthWords(settings.auth);
  const secrets = settings.auth ? (settings.auth.kind === 'bearer' ? [settings.auth.token] : [settings.auth.password, Buffer.from(`${settings.auth.username}:${settings.auth.password}`).toString('base64')]) : [];
  const headers: Record<string, string> = { 'User-Agent': 'sunbeam-console', Accept: 'application/json' };
  if (settings.orgId) headers['X-Scope-OrgID'] = settings.orgId;
  if (settings.auth?.kind === 'bearer') headers.Authorization = `Bearer ${settings.auth.token}`;
  else if (settings.auth?.kind === 'basic') headers.Authorization = `Basic ${Buffer.from(`${settings.auth.username}:${settings.auth.password}`).toString('base64')}`;
  const tls = { ...(settings.ca ? { ca: settings.ca } : {}), rejectUnauthorized: !settings.skipVerify };
  let count = 0;

  function url(path: string, params: Record<string, string | number | undefined>): URL {
    const u = new URL(`${addr}${path}`);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u;
  }

  function get(path: string, params: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<unknown> {
    if (settings.problem) return Promise.reject(new LokiError('error', settings.problem));
    const u = url(path, params);
    const mod = u.protocol === 'https:' ? https : http;
    count++;
    return new Promise((resolve, reject) => {
      const req = mod.request(u, { method: 'GET', headers, ...(u.protocol === 'https:' ? tls : {}), ...(signal ? { signal } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) req.destroy(new LokiError('error', `Loki at ${addr} sent more than ${MAX_BODY / 1024 / 1024} MB for one request; narrow the query or lower --limit.`));
          else chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(httpError(res.statusCode ?? 0, text, addr, authWords, secrets));
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new LokiError('error', `Loki at ${addr} answered something that is not JSON; is LOKI_ADDR Loki's address?`));
          }
        });
        res.on('error', (err) => reject(transportError(err, addr, timeoutMs)));
      });
      req.setTimeout(timeoutMs, () => req.destroy(timeoutError()));
      req.on('error', (err) => reject((err as Error).name === 'AbortError' ? err : transportError(err, addr, timeoutMs)));
      req.end();
    });
  }

  function tail(p: TailParams, h: TailHandlers): TailHandle {
    let ended = false;
    let idle: NodeJS.Timeout | undefined;
    let lastHeard = Date.now();
    const end = (err: LokiError) => {
      if (ended) return;
      ended = true;
      clearInterval(idle);
      h.onEnd(err);
    };
    if (settings.problem) {
      queueMicrotask(() => end(new LokiError('error', settings.problem!)));
      return { close: () => void (ended = true) };
    }
    const u = url('/loki/api/v1/tail', { query: p.query, start: p.start, limit: p.limit, delay_for: p.delayFor });
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    count++;
    const ws = new WebSocket(u, { headers, ...tls, handshakeTimeout: timeoutMs, perMessageDeflate: false });
    const heard = () => void (lastHeard = Date.now());
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        end(httpError(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), addr, authWords, secrets));
        ws.terminate();
      });
      res.on('error', () => end(httpError(res.statusCode ?? 0, '', addr, authWords, secrets)));
    });
    ws.on('open', () => {
      heard();
      idle = setInterval(() => {
        if (Date.now() - lastHeard < tailIdleMs) return;
        end(new LokiError('closed', `Loki at ${addr} went silent on the tail (no message or ping for ${Math.round(tailIdleMs / 1000)} s).`));
        ws.terminate();
      }, Math.min(5000, tailIdleMs / 2));
      idle.unref();
      if (!ended) h.onOpen?.();
    });
    ws.on('ping', heard);
    ws.on('message', (data) => {
      heard();
      if (ended) return;
      let parsed;
      try {
        parsed = parseTailMessage(data.toString());
      } catch (err) {
        end(err as LokiError);
        ws.terminate();
        return;
      }
      if (parsed.entries.length || parsed.dropped) h.onEntries(parsed.entries, parsed.dropped);
    });
    ws.on('close', (code, reason) => end(tailCloseError(code, reason.toString(), addr)));
    ws.on('error', (err) => end(transportError(err, addr, timeoutMs)));
    return {
      close() {
        if (ended) return;
        ended = true;
        clearInterval(idle);
        ws.removeAllListeners('message');
        ws.on('error', () => {});
        if (ws.readyState === WebSocket.OPEN) ws.close(1000);
        else ws.terminate();
      },
    };
  }

  const client: LokiClient = {
    addr,
    async queryRange(p, signal) {
      const body = await get('/loki/api/v1/query_range', { query: p.query, start: p.start, end: p.end, limit: p.limit, direction: p.direction }, signal);
      return parseStreams(body, p.direction);
    },
    async query(p, signal) {
      const body = (await get('/loki/api/v1/query', { query: p.query, time: p.time, limit: p.limit, direction: p.direction }, signal)) as { data?: { resultType?: string; result?: unknown } };
      const resultType = String(body?.data?.resultType ?? '');
      return resultType === 'streams' ? { resultType, result: body.data!.result, entries: parseStreams(body, p.direction ?? 'backward') } : { resultType, result: body?.data?.result };
    },
    async labels(p = {}, signal) {
      return parseNames(await get('/loki/api/v1/labels', p, signal));
    },
    async labelValues(name, p = {}, signal) {
      return parseNames(await get(`/loki/api/v1/label/${encodeURIComponent(name)}/values`, p, signal));
    },
    tail,
    requests: () => count,
  };
  if (authWords) client.authWords = authWords;
  if (settings.orgId) client.orgId = settings.orgId;
  if (settings.problem) client.problem = settings.problem;
  return client;
}
