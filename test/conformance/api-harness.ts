// Test harness: the simulated API server over a plain ObjectStore with tiny in-test log and exec providers,
// for checks that do not need the Box's controllers.
import { KubeConfig } from '@kubernetes/client-node';
import { request as httpsRequest } from 'node:https';
import { createApiServer, type ApiServer, type ApiServerOptions } from '../../src/sim/k8s/server.js';
import { ObjectStore, type K8sObject } from '../../src/sim/k8s/object-store.js';
import type { ExecProvider, LogLine, LogProvider } from '../../src/sim/k8s/providers.js';
import { kubeconfigYaml } from '../../src/sim/servers/kubernetes/kubeconfig.js';
import { generateTls } from '../../src/sim/http/tls.js';
import { waitFor } from '../helpers/wait-for.js';

export interface TestApi {
  url: string;
  token: string;
  caPem: string;
  store: ObjectStore;
  api: ApiServer;
  kc: KubeConfig;
  /** Appends a line to a container's log (and to its followers). */
  writeLog(ns: string, pod: string, container: string, text: string, time?: Date): void;
  requests: string[];
  req(method: string, path: string, opts?: { body?: unknown; headers?: Record<string, string>; token?: string | null }): Promise<{ code: number; headers: Record<string, unknown>; text: string; json: any }>;
  close(): Promise<void>;
}

export function pod(ns: string, name: string, opts: { labels?: Record<string, string>; containers?: string[]; phase?: string; statuses?: any[]; node?: string } = {}): K8sObject {
  const containers = opts.containers ?? ['main'];
  return {
    metadata: { name, namespace: ns, labels: opts.labels ?? { app: name } },
    spec: { nodeName: opts.node ?? 'sunbeam-1', containers: containers.map((c) => ({ name: c, image: `example/${c}:1` })) },
    status: {
      phase: opts.phase ?? 'Running',
      podIP: '10.42.0.7',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses:
        opts.statuses ?? containers.map((c) => ({ name: c, ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } })),
    },
  };
}

export async function startTestApi(extra: Partial<ApiServerOptions> = {}): Promise<TestApi> {
  const store = new ObjectStore();
  const tls = await generateTls();
  const token = 'test-token-' + Math.random().toString(36).slice(2);
  const history = new Map<string, LogLine[]>();
  const followers = new Map<string, Set<(l: LogLine) => void>>();
  const logs: LogProvider = {
    history: (ns, p, c) => (store.get('pods', ns, p) ? [...(history.get(`${ns}/${p}/${c}`) ?? [])] : undefined),
    follow(ns, p, c, on) {
      const k = `${ns}/${p}/${c}`;
      if (!followers.has(k)) followers.set(k, new Set());
      followers.get(k)!.add(on);
      return () => followers.get(k)!.delete(on);
    },
  };
  const exec: ExecProvider = {
    async run(req, io) {
      const [cmd, ...args] = req.command;
      if (cmd === 'echo') {
        io.stdout(args.join(' ') + '\n');
        return 0;
      }
      if (cmd === 'fail') {
        io.stderr('failing on purpose\n');
        return Number(args[0] ?? 1);
      }
      io.stderr(`exec: "${cmd}": executable file not found in $PATH\n`);
      return 127;
    },
  };
  const requests: string[] = [];
  const api = createApiServer({ store, logs, exec, token, tls, watchLifetimeMs: [60_000, 60_000], onRequest: (m, u) => requests.push(`${m} ${u}`), ...extra });
  const port = await api.listen(0);
  const url = `https://127.0.0.1:${port}`;
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml({ server: url, caPem: tls.caPem, token }));
  store.create('namespaces', { metadata: { name: 'default' } });
  return {
    url,
    token,
    caPem: tls.caPem,
    store,
    api,
    kc,
    requests,
    writeLog(ns, p, c, text, time = new Date()) {
      const k = `${ns}/${p}/${c}`;
      const line = { time, text };
      if (!history.has(k)) history.set(k, []);
      history.get(k)!.push(line);
      for (const f of followers.get(k) ?? []) f(line);
    },
    req(method, path, opts = {}) {
      return new Promise((resolve, reject) => {
        const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
        const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
        if (opts.token !== null) headers.Authorization = `Bearer ${opts.token ?? token}`;
        if (body !== undefined) {
          headers['Content-Type'] ??= 'application/json';
          headers['Content-Length'] = String(Buffer.byteLength(body));
        }
        const r = httpsRequest(`${url}${path}`, { method, headers, ca: tls.caPem }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: any;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ code: res.statusCode ?? 0, headers: res.headers, text, json });
          });
        });
        r.on('error', reject);
        if (body !== undefined) r.write(body);
        r.end();
      });
    },
    close: () => api.close(),
  };
}

/** Opens a watch and collects its events until `stop()` or the server closes it. */
export function openWatch(t: TestApi, path: string): { events: any[]; closed: Promise<void>; stop(): void; waitFor(pred: (evs: any[]) => boolean, ms?: number): Promise<any[]> } {
  const events: any[] = [];
  let buf = '';
  let req: ReturnType<typeof httpsRequest>;
  const closed = new Promise<void>((resolve) => {
    req = httpsRequest(`${t.url}${path}`, { headers: { Authorization: `Bearer ${t.token}` }, ca: t.caPem }, (res) => {
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buf.slice(0, i)));
          buf = buf.slice(i + 1);
        }
      });
      res.on('end', () => resolve());
      res.on('close', () => resolve());
    });
    req.on('error', () => resolve());
    req.end();
  });
  return {
    events,
    closed,
    stop: () => req.destroy(),
    async waitFor(pred, ms = 5000) {
      await waitFor(() => pred(events), { timeoutMs: ms }).catch(() => {
        throw new Error(`watch condition not met; events: ${JSON.stringify(events.map((e) => [e.type, e.object?.metadata?.name]))}`);
      });
      return events;
    },
  };
}
