// The AlertManager API v2 client of a session (alertmanager-env.ts says where and how to log in), over
// node:http(s) so that ALERTMANAGER_CA_CERT_PATH can add a CA: the reads (alerts, silences, status, and the
// Prometheus text of /metrics, which Grafana's built-in Alertmanager does not serve), and `send`, the transport
// the AlertManager writer (src/actions/writers/alertmanager.ts) posts and deletes silences through; nothing else
// writes. Each request has a timeout and is counted. Every failure is an AlertmanagerError of one sentence
// (errors.ts); the credentials stay in this closure and are scrubbed from anything a server sends back.
import http from 'node:http';
import https from 'node:https';
import { alertmanagerAuthWords, type AlertmanagerSettings, type AlertmanagerUrlFrom } from '../../session/alertmanager-env.js';
import { AlertmanagerError, httpError, transportError, type Where } from './errors.js';

export interface AlertmanagerClient {
  /** One sentence: a setting that cannot be used; the source shows it instead of reading. */
  readonly problem?: string;
  /** Where (no credentials). */
  readonly url: string;
  readonly flavour: 'alertmanager' | 'grafana';
  /** Which setting named the URL. */
  readonly from: AlertmanagerUrlFrom;
  /** GET /api/v2/alerts (active, silenced and inhibited: AlertManager's defaults), as AlertManager gives them. */
  alerts(signal?: AbortSignal): Promise<unknown[]>;
  /** GET /api/v2/silences. */
  silences(signal?: AbortSignal): Promise<unknown[]>;
  /** GET /api/v2/status. */
  status(signal?: AbortSignal): Promise<unknown>;
  /** GET /metrics (Prometheus text); undefined for Grafana, which has none per Alertmanager. */
  metrics(signal?: AbortSignal): Promise<string | undefined>;
  /** The writer's transport: a request to `${base}${path}`; resolves with the parsed JSON body (undefined when empty). */
  send(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<unknown>;
  /** Requests sent. */
  requests(): number;
}

export interface AlertmanagerClientOptions {
  /** Per request, default 10 s. */
  timeoutMs?: number;
}

const MAX_BODY = 32 * 1024 * 1024;

function timeoutError(): Error {
  return Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
}

export function alertmanagerClient(settings: AlertmanagerSettings, opts: AlertmanagerClientOptions = {}): AlertmanagerClient {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const auth = settings.auth;
  const secrets = auth ? (auth.kind === 'bearer' ? [auth.token] : [auth.password, Buffer.from(`${auth.username}:${auth.password}`).toString('base64')]) : [];
  const where: Where = { url: settings.url, flavour: settings.flavour, from: settings.from, secrets, ...(auth ? { authWords: alertmanagerAuthWords(auth)! } : {}) };
  const headers: Record<string, string> = { 'User-Agent': 'sunbeam-console' };
  if (auth?.kind === 'bearer') headers.Authorization = `Bearer ${auth.token}`;
  else if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const tls = settings.ca ? { ca: settings.ca } : {};
  let count = 0;

  function raw(method: string, path: string, body: unknown, accept: string, signal?: AbortSignal): Promise<string> {
    if (settings.problem) return Promise.reject(new AlertmanagerError('error', settings.problem));
    const u = new URL(`${settings.base}${path}`);
    const lib = u.protocol === 'https:' ? https : http;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const h: Record<string, string> = { ...headers, Accept: accept };
    if (payload !== undefined) {
      h['Content-Type'] = 'application/json';
      h['Content-Length'] = String(Buffer.byteLength(payload));
    }
    count++;
    return new Promise((resolve, reject) => {
      const req = lib.request(u, { method, headers: h, ...tls, ...(signal ? { signal } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) req.destroy(new AlertmanagerError('error', `${where.url} sent more than ${MAX_BODY / 1024 / 1024} MB.`));
          else chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) reject(httpError(status, text, where));
          else resolve(text);
        });
        res.on('error', (err) => reject(transportError(err, where, timeoutMs)));
      });
      req.setTimeout(timeoutMs, () => req.destroy(timeoutError()));
      req.on('error', (err) => reject((err as Error).name === 'AbortError' ? err : transportError(err, where, timeoutMs)));
      req.end(payload);
    });
  }

  async function json(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    const text = await raw(method, path, body, 'application/json', signal);
    if (!text.trim()) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new AlertmanagerError('error', `${where.url} answered something that is not JSON; is it AlertManager's address?`);
    }
  }

  async function list(path: string, signal?: AbortSignal): Promise<unknown[]> {
    const v = await json('GET', path, undefined, signal);
    if (!Array.isArray(v)) throw new AlertmanagerError('error', `${where.url} answered ${path} with something that is not a list; is it AlertManager's address?`);
    return v;
  }

  const client: AlertmanagerClient = {
    url: settings.url,
    flavour: settings.flavour,
    from: settings.from,
    alerts: (signal) => list('/api/v2/alerts', signal),
    silences: (signal) => list('/api/v2/silences', signal),
    status: (signal) => json('GET', '/api/v2/status', undefined, signal),
    async metrics(signal) {
      if (settings.flavour === 'grafana') return undefined;
      // /metrics sits beside the API, under the same path prefix.
      return raw('GET', '/metrics', undefined, 'text/plain', signal);
    },
    send: json,
    requests: () => count,
  };
  if (settings.problem) (client as { problem?: string }).problem = settings.problem;
  return client;
}
