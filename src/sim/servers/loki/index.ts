// Loki as a simulated server: the HTTP API of ops-apis.md §6 over the Box's log store (api.ts, tail.ts), on
// its own loopback HTTPS port with the run's certificate. It hands out LOKI_ADDR and LOKI_CA_CERT_PATH (as
// logcli names them; the same CA file as BAO_CACERT). No authentication: X-Scope-OrgID and Authorization
// are accepted and ignored. SimOptions.loki sets its limits (Loki's defaults otherwise).
import { existsSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { BodyTooLargeError, readBody } from '../../http/body.js';
import { sendJson, sendText } from '../../http/reply.js';
import { LOOPBACK, createTlsServer } from '../../http/tls-server.js';
import type { RunningServer, SimServer } from '../types.js';
import { handleApi } from './api.js';
import { DEFAULT_LIMITS, type LokiLimits } from './params.js';
import { createTailServer } from './tail.js';

export interface RunningLoki extends RunningServer {
  /** Closes every open tail WebSocket with 1011, as a Loki whose querier goes away. */
  closeTails(): void;
}

/** The run's CA file: the one OpenBao's server hands out as BAO_CACERT (written here too if it is not there yet). */
function caFile(dir: string, pem: string): string {
  const path = join(dir, 'openbao-ca.pem');
  if (!existsSync(path)) writeFileSync(path, pem, { mode: 0o600 });
  return path;
}

export const lokiApi: SimServer<RunningLoki> = {
  id: 'loki',
  async start({ box, tls, options, tmpDir }) {
    const limits: LokiLimits = { ...DEFAULT_LIMITS, ...options.loki };
    const now = () => Date.now();
    const tails = createTailServer(box.logs, limits, now);

    const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'https://loki');
      const q = new URLSearchParams(url.searchParams);
      if (req.method === 'POST') {
        try {
          const body = await readBody(req, 1024 * 1024);
          if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) for (const [k, v] of new URLSearchParams(body)) q.append(k, v);
        } catch (err) {
          if (err instanceof BodyTooLargeError) return sendText(res, 413, 'http: request body too large\n');
          return void req.socket.destroy();
        }
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendText(res, 405, 'method not allowed\n');
      }
      if (url.pathname === '/loki/api/v1/tail') return sendText(res, 400, 'websocket: the client is not using the websocket protocol: \'upgrade\' token not found in \'Connection\' header\n');
      try {
        const reply = handleApi(box.logs, url.pathname, q, now(), limits);
        if (typeof reply.body === 'string') sendText(res, reply.status, reply.body);
        else sendJson(res, reply.status, reply.body);
      } catch (err) {
        process.emitWarning(`sim loki: ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`);
        if (!res.headersSent) sendText(res, 500, `${String((err as Error)?.message ?? err)}\n`);
      }
    };
    const http = createTlsServer(tls, (req, res) => void onRequest(req, res));
    http.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'https://loki');
      if (url.pathname !== '/loki/api/v1/tail') return void socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 19\r\nConnection: close\r\n\r\n404 page not found\n');
      tails.upgrade(req, socket, head, url);
    });
    const port = await http.listen(0);
    const url = `https://${LOOPBACK}:${port}`;
    let caPath: string;
    try {
      caPath = caFile(tmpDir(), tls.caPem);
    } catch (err) {
      tails.stop();
      await http.close();
      throw err;
    }
    return {
      url,
      env: { LOKI_ADDR: url, LOKI_CA_CERT_PATH: caPath },
      closeTails: () => tails.closeAll(),
      stop: async () => {
        tails.stop();
        await http.close();
      },
    };
  },
};
