// The Mistral API as a simulated server: POST /v1/chat/completions (streamed as data-only SSE when the body
// asks `stream: true`, honouring max_tokens) and GET /v1/models, on plain HTTP on loopback, behind a bearer key
// of the run's own (MISTRAL_API_KEY; anything else gets Mistral's 401). It hands out MISTRAL_BASE_URL and that
// demo key. It reads the request's model, messages, stream and max_tokens, nothing else, and logs no body.
//
// How the Box's faults reach it (World faults, so that the drills and the tests drive it as the Box does):
//   - 'matrix/sol' (the sol-crashloop drill): the API rate-limits, 429 with Retry-After (RATE_LIMIT_RETRY_S),
//     which is what Sol's crash lines say (src/sim/box/logs/lifecycle.ts, cause 'mistral'); Sol's restart clears it.
//   - 'mistral-api/stall': the stream opens (200 and its headers) and then sends nothing.
//   - 'mistral-api/server-error': 503, as when the API is overloaded.
//   - 'mistral-api/bad-stream': the stream sends a data line that is not JSON.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { newToken, bearerCheck } from '../../http/bearer.js';
import { BodyTooLargeError, readBody } from '../../http/body.js';
import { sendJson } from '../../http/reply.js';
import { LOOPBACK } from '../../http/tls-server.js';
import type { RunningServer, SimServer } from '../types.js';
import { completionBody, completionChunks, modelList, parseAsk, rateLimitedBody, SSE_DONE, sseData, unauthorizedBody } from './wire.js';

/** The Retry-After (seconds) of the sol-crashloop drill's 429. */
export const RATE_LIMIT_RETRY_S = 90;

export const MISTRAL_FAULTS = { stall: 'mistral-api/stall', serverError: 'mistral-api/server-error', badStream: 'mistral-api/bad-stream' } as const;

/** Between two streamed chunks (ms), so that a first token comes before the end, as from the real API. */
const CHUNK_GAP_MS = 15;

function sendError(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('x-kong-request-id', randomUUID().replace(/-/g, ''));
  sendJson(res, status, body);
}

export const mistralApi: SimServer = {
  id: 'mistral',
  async start({ box }) {
    const key = `sim-${newToken(24)}`;
    const authorised = bearerCheck(key);
    const world = box.world;
    const sockets = new Set<Socket>();
    const timers = new Set<NodeJS.Timeout>();
    const created = Math.floor(Date.now() / 1000);

    async function completions(req: IncomingMessage, res: ServerResponse): Promise<void> {
      let text: string;
      try {
        text = await readBody(req, 1024 * 1024);
      } catch (err) {
        if (err instanceof BodyTooLargeError) return sendError(res, 413, { object: 'error', message: 'Request body too large', type: 'invalid_request_error', param: null, code: null });
        return void req.socket.destroy();
      }
      const parsed = parseAsk(text);
      if ('invalid' in parsed) return sendError(res, 422, parsed.invalid);
      if (world.hasFault('matrix/sol')) return sendError(res, 429, rateLimitedBody(), { 'Retry-After': String(RATE_LIMIT_RETRY_S) });
      if (world.hasFault(MISTRAL_FAULTS.serverError)) return sendError(res, 503, { object: 'error', message: 'Service unavailable', type: 'service_unavailable', param: null, code: '3000' });
      const { ask, promptTokens } = parsed;
      const ids = { id: randomUUID().replace(/-/g, ''), created: Math.floor(Date.now() / 1000), model: ask.model };
      if (!ask.stream) return sendJson(res, 200, completionBody(ids, ask, promptTokens));
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'x-kong-request-id': ids.id });
      res.flushHeaders();
      if (world.hasFault(MISTRAL_FAULTS.stall)) return;
      const events = world.hasFault(MISTRAL_FAULTS.badStream) ? [sseData('{"id":"' + ids.id + '","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assist')] : [...completionChunks(ids, ask, promptTokens), SSE_DONE];
      const next = () => {
        if (res.destroyed) return;
        const e = events.shift();
        if (e === undefined) return void res.end();
        res.write(e);
        const t = setTimeout(() => (timers.delete(t), next()), CHUNK_GAP_MS);
        timers.add(t);
      };
      next();
    }

    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://mistral');
      const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
      if (route !== 'POST /v1/chat/completions' && route !== 'GET /v1/models') {
        return sendError(res, 404, { detail: 'Not Found' });
      }
      if (!authorised(req)) return sendError(res, 401, unauthorizedBody(randomUUID().replace(/-/g, '')));
      if (route === 'GET /v1/models') return sendJson(res, 200, modelList(created));
      void completions(req, res).catch(() => res.destroy());
    });
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.on('clientError', (_err, s) => s.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, LOOPBACK, () => (server.off('error', reject), resolve()));
    });
    const url = `http://${LOOPBACK}:${(server.address() as { port: number }).port}`;
    return {
      url,
      env: { MISTRAL_BASE_URL: url, MISTRAL_API_KEY: key },
      stop: () =>
        new Promise<void>((resolve) => {
          for (const t of timers) clearTimeout(t);
          server.close(() => resolve());
          for (const s of sockets) s.destroy();
        }),
    } satisfies RunningServer;
  },
};
