// The simulated Loki's HTTP API over the Box's log store (ops-apis.md §6): query_range, query, labels,
// label values, series, ready, buildinfo. Every reply is JSON in Loki's envelope; every refusal text/plain
// with Loki's own message (errors.ts). The tail WebSocket is tail.ts.
import type { LogStore } from '../../box/logs/log-store.js';
import { badRequest, LokiError } from './errors.js';
import type { LogQuery, Query } from './logql/ast.js';
import { evalLogQuery, evalMetricInstant, evalMetricRange } from './logql/engine.js';
import { parseLogQL } from './logql/parse.js';
import { selects } from './logql/pipeline.js';
import {
  type LokiLimits, boundsParams, checkEntriesLimit, checkQueryLength, directionParam, limitParam, msToNs, nsString, nsToMs, parseTimestamp, stepParam,
} from './params.js';
import { streamsSince } from './source.js';

export interface ApiReply {
  status: number;
  /** A JSON body, or text/plain when a string. */
  body: unknown;
}

const ok = (data: unknown): ApiReply => ({ status: 200, body: { status: 'success', data } });

/** grafana/loki pkg/logqlmodel/error.go ErrUnsupportedSyntaxForInstantQuery (pkg/querier/http.go InstantQueryHandler). */
const INSTANT_LOG_QUERY = 'log queries are not supported as an instant query type, please change your query to a range query type';

function stats(lines: number, bytes: number, returned: number, execMs: number): Record<string, unknown> {
  const execTime = execMs / 1000;
  const perSecond = (n: number) => (execTime > 0 ? Math.round(n / execTime) : n);
  return {
    summary: {
      bytesProcessedPerSecond: perSecond(bytes), linesProcessedPerSecond: perSecond(lines), totalBytesProcessed: bytes, totalLinesProcessed: lines,
      execTime, queueTime: 0, subqueries: 0, totalEntriesReturned: returned, splits: 0, shards: 0, totalPostFilterLines: returned, totalStructuredMetadataBytesProcessed: 0,
    },
    querier: { store: { totalChunksRef: 0, totalChunksDownloaded: 0, chunksDownloadTime: 0, chunk: { headChunkBytes: 0, headChunkLines: 0, decompressedBytes: 0, decompressedLines: 0, compressedBytes: 0, totalDuplicates: 0 } } },
    ingester: { totalReached: 1, totalChunksMatched: 0, totalBatches: 1, totalLinesSent: returned, store: { chunk: { headChunkBytes: bytes, headChunkLines: lines, decompressedBytes: 0, decompressedLines: 0, compressedBytes: 0, totalDuplicates: 0 } } },
  };
}

function parseQuery(q: URLSearchParams): Query {
  const text = q.get('query') ?? '';
  return parseLogQL(text);
}

function queryRange(logs: LogStore, q: URLSearchParams, nowMs: number, limits: LokiLimits): ApiReply {
  const t0 = performance.now();
  const { start, end } = boundsParams(q, nowMs);
  if (end < start) throw badRequest('end timestamp must not be before or equal to start time');
  const limit = limitParam(q);
  const direction = directionParam(q);
  const stepMs = stepParam(q, start, end);
  const query = parseQuery(q);
  checkQueryLength(start, end, limits);
  if (query.kind === 'log') {
    checkEntriesLimit(limit, limits);
    const r = evalLogQuery(query, streamsSince(logs, nsToMs(start)), { startNs: nsString(start), endNs: nsString(end), limit, direction });
    const returned = r.streams.reduce((n, s) => n + s.values.length, 0);
    return ok({ resultType: 'streams', result: r.streams, stats: stats(r.scanned.lines, r.scanned.bytes, returned, performance.now() - t0) });
  }
  const startMs = nsToMs(start);
  const endMs = nsToMs(end);
  const result = evalMetricRange(query, streamsSince(logs, startMs - longestRange(query)), { startMs, endMs, stepMs });
  return ok({ resultType: 'matrix', result, stats: stats(0, 0, 0, performance.now() - t0) });
}

function longestRange(q: Query): number {
  return q.kind === 'log' ? 0 : q.kind === 'range' ? q.rangeMs : longestRange(q.inner);
}

function instantQuery(logs: LogStore, q: URLSearchParams, nowMs: number, limits: LokiLimits): ApiReply {
  const t0 = performance.now();
  limitParam(q);
  let at: bigint;
  try {
    at = parseTimestamp(q.get('time'), msToNs(nowMs));
  } catch (err) {
    throw badRequest((err as Error).message);
  }
  directionParam(q);
  const query = parseQuery(q);
  if (query.kind === 'log') throw badRequest(INSTANT_LOG_QUERY);
  const atMs = nsToMs(at);
  checkQueryLength(0n, msToNs(longestRange(query)), limits);
  const result = evalMetricInstant(query, streamsSince(logs, atMs - longestRange(query)), atMs);
  return ok({ resultType: 'vector', result, stats: stats(0, 0, 0, performance.now() - t0) });
}

/** The streams a labels/values/series request covers: the window (default 6 h) and an optional selector. */
function labelSets(logs: LogStore, q: URLSearchParams, nowMs: number, selectors: LogQuery[] | undefined): Record<string, string>[] {
  const { start, end } = boundsParams(q, nowMs, 6 * 3_600_000);
  const startNs = nsString(start);
  const endNs = nsString(end);
  return streamsSince(logs, nsToMs(start))
    .filter((s) => s.entries.some((e) => e.ns >= startNs && e.ns < endNs))
    .filter((s) => !selectors || selectors.some((sel) => selects(sel.selector, s.labels)))
    .map((s) => s.labels);
}

function selectorParam(q: URLSearchParams, name: string): LogQuery[] | undefined {
  const raw = q.getAll(name).filter((s) => s !== '');
  if (!raw.length) return undefined;
  return raw.map((text) => {
    const parsed = parseLogQL(text);
    if (parsed.kind !== 'log') throw badRequest('only label matchers are supported');
    return parsed;
  });
}

const sortedUnique = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** Routes one request; `nowMs` is the simulator's clock. */
export function handleApi(logs: LogStore, path: string, q: URLSearchParams, nowMs: number, limits: LokiLimits): ApiReply {
  try {
    if (path === '/loki/api/v1/query_range') return queryRange(logs, q, nowMs, limits);
    if (path === '/loki/api/v1/query') return instantQuery(logs, q, nowMs, limits);
    if (path === '/loki/api/v1/labels') return ok(sortedUnique(labelSets(logs, q, nowMs, selectorParam(q, 'query')).flatMap((l) => Object.keys(l))));
    const values = /^\/loki\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
    if (values) {
      const name = decodeURIComponent(values[1]!);
      return ok(sortedUnique(labelSets(logs, q, nowMs, selectorParam(q, 'query')).flatMap((l) => (l[name] !== undefined ? [l[name]!] : []))));
    }
    if (path === '/loki/api/v1/series') {
      const sel = selectorParam(q, 'match[]') ?? selectorParam(q, 'match');
      const seen = new Map<string, Record<string, string>>();
      for (const l of labelSets(logs, q, nowMs, sel)) seen.set(JSON.stringify(l), l);
      return ok([...seen.values()]);
    }
    if (path === '/loki/api/v1/status/buildinfo') {
      return { status: 200, body: { version: '3.3.2', revision: 'sim', branch: 'HEAD', buildUser: 'sunbeam-console', buildDate: '', goVersion: '' } };
    }
    if (path === '/ready') return { status: 200, body: 'ready\n' };
    return { status: 404, body: '404 page not found\n' };
  } catch (err) {
    if (err instanceof LokiError) return { status: err.status, body: `${err.message}\n` };
    throw err;
  }
}
