// AlertManager as a simulated server: the API v2 of ops-apis.md §7.1 (api.ts) over the Box's alerts
// (box.alerts: what its Prometheus fires), the alerts clients post, silences and inhibition, on plain HTTP on
// loopback (ALERTMANAGER_URL), as an in-cluster AlertManager. The same routes under
// /api/alertmanager/grafana/api/v2/ are Grafana's built-in mirror and need `Authorization: Bearer
// <grafanaToken>` (on the handle, never in the environment). /-/healthy, /-/ready, and /metrics with the
// notification counters of the simulated pipeline (notify.ts): every group interval (the config's, divided by
// the speed, at most 10 s of real time so a counter moves within seconds in the demo) each firing group is
// sent to the receiver the Box answers for.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { bearerCheck, newToken } from '../../http/bearer.js';
import { BodyTooLargeError, readBody } from '../../http/body.js';
import { sendJson, sendText } from '../../http/reply.js';
import type { RunningServer, SimServer } from '../types.js';
import { AlertStore } from './alerts.js';
import { type AmState, type Flavour, VERSION, handleV2 } from './api.js';
import { parseAmConfig } from './config.js';
import { createPlainServer } from './http.js';
import { renderMetrics } from './metrics.js';
import { Notifier } from './notify.js';
import { Silences } from './silences.js';

export interface RunningAlertmanager extends RunningServer {
  /** Grafana's service-account token for the mirror under /api/alertmanager/grafana/ (a secret: not in env). */
  readonly grafanaToken: string;
  /** Runs one notification flush now (tests); returns how many groups were sent. */
  flushNotifications(): number;
}

const GRAFANA = '/api/alertmanager/grafana';
/** The longest real wait between two flushes, whatever the speed. */
const MAX_FLUSH_MS = 10_000;
const MAX_FIRST_FLUSH_MS = 2_000;

function sendReply(res: ServerResponse, status: number, json: unknown, head: boolean): void {
  if (json === undefined) {
    res.writeHead(status, { 'Content-Length': 0 });
    return void res.end();
  }
  if (head) {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    return void res.end();
  }
  sendJson(res, status, json);
}

export const alertmanagerApi: SimServer<RunningAlertmanager> = {
  id: 'alertmanager',
  async start({ box, speed }) {
    const now = () => Date.now();
    const silences = new Silences();
    const config = () => parseAmConfig(box.alerts.alertmanagerConfig());
    const state: AmState = {
      alerts: new AlertStore(box.alerts, silences),
      silences,
      config,
      configText: () => box.alerts.alertmanagerConfig(),
      startedAt: now(),
      peerName: `01${randomBytes(12).toString('hex').toUpperCase().slice(0, 24)}`,
    };
    const grafanaToken = `glsa_${newToken(24)}_${randomBytes(4).toString('hex')}`;
    const grafanaOk = bearerCheck(grafanaToken);
    const notifier = new Notifier(config().receivers, box.alerts.receiver());

    const flush = () => notifier.flush(state.alerts.routed(config(), now()), now(), box.alerts.receiver());
    const metrics = () => {
      const routed = state.alerts.routed(config(), now());
      const suppressed = routed.filter((r) => r.status.state === 'suppressed').length;
      return renderMetrics({ alerts: { active: routed.length - suppressed, suppressed, unprocessed: 0 }, silences: silences.counts(now()), receivers: notifier.snapshot(), version: VERSION });
    };

    const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://alertmanager');
      const method = req.method ?? 'GET';
      let path = url.pathname;
      let flavour: Flavour = 'alertmanager';
      if (path.startsWith(`${GRAFANA}/`)) {
        if (!grafanaOk(req)) return sendJson(res, 401, { extra: null, message: 'Unauthorized', messageId: 'auth.unauthorized', statusCode: 401, traceID: '' });
        flavour = 'grafana';
        path = path.slice(GRAFANA.length);
      }
      if (flavour === 'alertmanager' && (path === '/-/healthy' || path === '/-/ready')) {
        if (method === 'HEAD') return void res.writeHead(200, { 'Content-Length': 0 }).end();
        if (method === 'GET') return sendText(res, 200, 'OK');
        return sendText(res, 405, 'Method Not Allowed\n');
      }
      if (flavour === 'alertmanager' && path === '/metrics' && method === 'GET') {
        const text = metrics();
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
        return void res.end(text);
      }
      if (!path.startsWith('/api/v2/')) return sendText(res, 404, '404 page not found\n');
      let body = '';
      if (method === 'POST') {
        try {
          body = await readBody(req, 1024 * 1024);
        } catch (err) {
          if (err instanceof BodyTooLargeError) return sendJson(res, 413, { code: 413, message: 'request body too large' });
          return void req.socket.destroy();
        }
      }
      try {
        const reply = handleV2(state, flavour, method, path.slice('/api/v2'.length), url.searchParams, body, now());
        sendReply(res, reply.status, reply.json, method === 'HEAD');
      } catch (err) {
        process.emitWarning(`sim alertmanager: ${method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`);
        if (!res.headersSent) sendJson(res, 500, String((err as Error)?.message ?? err));
      }
    };

    const http = createPlainServer((req, res) => void onRequest(req, res));
    const port = await http.listen(0);
    const url = `http://127.0.0.1:${port}`;
    const route = config().route;
    const first = setTimeout(flush, Math.min(MAX_FIRST_FLUSH_MS, route.groupWaitMs / speed));
    const every = setInterval(flush, Math.max(50, Math.min(MAX_FLUSH_MS, route.groupIntervalMs / speed)));
    first.unref();
    every.unref();
    return {
      url,
      env: { ALERTMANAGER_URL: url },
      grafanaToken,
      flushNotifications: flush,
      stop: async () => {
        clearTimeout(first);
        clearInterval(every);
        await http.close();
      },
    };
  },
};
