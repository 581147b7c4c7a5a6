// GET /loki/api/v1/tail over WebSocket, as Loki serves it (grafana/loki pkg/querier/tail/http.go, tail.go):
// first the lines since `start` (default 1 h ago; at most `limit`, the newest, sent oldest first), then each
// new line as the Box writes it, in messages {"streams":[...],"dropped_entries":[...]} (empty keys left out;
// one stream item per entry, at most 100 a message). A ping every second. At the tail's maximum duration, on closeAll(), or on
// a failure, the server closes with 1011 and the reason ("reached tail max duration limit").
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { LogStore } from '../../box/logs/log-store.js';
import { lokiLabels } from '../../box/logs/labels.js';
import { epochNs } from '../../box/logs/stamp.js';
import { LokiError, badRequest } from './errors.js';
import type { LogQuery } from './logql/ast.js';
import { type Entry, evalLogQuery } from './logql/engine.js';
import { parseLogQL } from './logql/parse.js';
import { type Labels, runPipeline, selects } from './logql/pipeline.js';
import { type LokiLimits, boundsParams, delayForParam, limitParam, msToNs, nsString, nsToMs } from './params.js';
import { streamsSince } from './source.js';

/** grafana/loki pkg/querier/tail/tail.go maxEntriesPerTailResponse. */
const MAX_ENTRIES_PER_MESSAGE = 100;
/** Past this much unsent data for one client, new entries are dropped and reported (Loki's blocked response channel). */
const MAX_BUFFERED = 8 * 1024 * 1024;
const PING_MS = 1000;
const CLOSED_BY_SIM = 'tail closed by the simulated Loki';

interface TailRequest {
  query: LogQuery;
  limit: number;
  start: bigint;
  delayMs: number;
}

function parseTail(q: URLSearchParams, nowMs: number): TailRequest {
  const query = parseLogQL(q.get('query') ?? '');
  if (query.kind !== 'log') throw badRequest('tail queries support log queries only');
  const limit = limitParam(q);
  const { start } = boundsParams(q, nowMs);
  return { query, limit, start, delayMs: delayForParam(q) * 1000 };
}

function refuse(socket: Duplex, status: number, text: string): void {
  const body = `${text}\n`;
  socket.end(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : 'Error'}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export interface TailServer {
  /** Handles an upgrade request for /loki/api/v1/tail. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void;
  /** Closes every open tail with 1011, as a Loki whose querier goes away. */
  closeAll(reason?: string): void;
  stop(): void;
}

export function createTailServer(logs: LogStore, limits: LokiLimits, now: () => number): TailServer {
  const wss = new WebSocketServer({ noServer: true });
  const closers = new Map<WebSocket, (reason: string) => void>();

  const serve = (ws: WebSocket, req: TailRequest) => {
    let pending: { labels: Labels; e: Entry }[] = [];
    let dropped: { labels: Labels; timestamp: string }[] = [];
    let flushTimer: NodeJS.Immediate | undefined;
    const send = (entries: { labels: Labels; e: Entry }[]) => {
      for (let i = 0; i < Math.max(entries.length, dropped.length ? 1 : 0); i += MAX_ENTRIES_PER_MESSAGE) {
        // one stream item per entry, in time order, as Loki's tailer builds its responses
        const streams = entries.slice(i, i + MAX_ENTRIES_PER_MESSAGE).map(({ labels, e }) => ({ stream: labels, values: [[e.ns, e.line]] }));
        const msg: Record<string, unknown> = {};
        if (streams.length) msg.streams = streams;
        if (dropped.length) {
          msg.dropped_entries = dropped;
          dropped = [];
        }
        if (msg.streams || msg.dropped_entries) ws.send(JSON.stringify(msg));
      }
    };
    const flush = () => {
      flushTimer = undefined;
      const out = pending;
      pending = [];
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED) {
        for (const { labels, e } of out) dropped.push({ labels, timestamp: e.ns });
        return;
      }
      if (req.delayMs) setTimeout(() => ws.readyState === ws.OPEN && send(out), req.delayMs);
      else send(out);
    };
    // Subscribe and read the history in the same turn of the event loop: no line falls between the two.
    const unsubscribe = logs.onAnyLine((where, line) => {
      const stream = lokiLabels(where, line.text);
      if (!selects(req.query.selector, stream)) return;
      const labels = runPipeline(req.query.stages, stream, line.text);
      if (!labels) return;
      pending.push({ labels, e: { ns: epochNs(line), line: line.text } });
      flushTimer ??= setImmediate(flush);
    });
    const nowMs = now();
    const history = evalLogQuery(req.query, streamsSince(logs, nsToMs(req.start)), { startNs: nsString(req.start), endNs: nsString(msToNs(nowMs + 1)), limit: req.limit, direction: 'backward' });
    const first = history.streams.flatMap((s) => s.values.map(([ns, line]) => ({ labels: s.stream, e: { ns, line } }))).sort((a, b) => (a.e.ns < b.e.ns ? -1 : 1));
    send(first);
    const ping = setInterval(() => ws.readyState === ws.OPEN && ws.ping(), PING_MS);
    let done = false;
    const close = (reason: string) => {
      if (done) return;
      done = true;
      cleanup();
      if (flushTimer) clearImmediate(flushTimer);
      if (ws.readyState === ws.OPEN) {
        // what was written before the close still goes out first
        if (pending.length) send(pending);
        ws.close(1011, reason);
      }
    };
    const maxDuration = setTimeout(() => close('reached tail max duration limit'), limits.tailMaxDurationMs);
    const cleanup = () => {
      unsubscribe();
      clearInterval(ping);
      clearTimeout(maxDuration);
      closers.delete(ws);
    };
    closers.set(ws, close);
    ws.on('close', () => {
      done = true;
      cleanup();
      if (flushTimer) clearImmediate(flushTimer);
    });
    ws.on('error', () => ws.terminate());
  };

  return {
    upgrade(req, socket, head, url) {
      let tail: TailRequest;
      try {
        tail = parseTail(url.searchParams, now());
      } catch (err) {
        if (err instanceof LokiError) return refuse(socket, err.status, err.message);
        return refuse(socket, 500, String((err as Error)?.message ?? err));
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (limits.maxConcurrentTailRequests > 0 && closers.size >= limits.maxConcurrentTailRequests) {
          // pkg/querier/tail/querier.go: the tail is refused after the upgrade, with the socket's close
          ws.close(1011, `max concurrent tail requests limit exceeded, count > limit (${closers.size + 1} > ${limits.maxConcurrentTailRequests})`);
          return;
        }
        serve(ws, tail);
      });
    },
    closeAll(reason = CLOSED_BY_SIM) {
      for (const close of [...closers.values()]) close(reason);
    },
    stop() {
      for (const close of [...closers.values()]) close(CLOSED_BY_SIM);
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
}
