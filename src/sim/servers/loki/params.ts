// The query parameters of Loki's HTTP API, read as Loki reads them (grafana/loki pkg/loghttp/params.go,
// query.go, tail.go) with its error messages, and its limits (pkg/validation/limits.go defaults; messages
// from pkg/util/validation/validate.go).
import { badRequest } from './errors.js';
import { parseDurationMs } from './logql/parse.js';

export interface LokiLimits {
  /** max_entries_limit_per_query (default 5000). */
  maxEntriesLimitPerQuery: number;
  /** max_query_length (default 721h), in ms. */
  maxQueryLengthMs: number;
  /** querier tail_max_duration (default 1h), in ms. */
  tailMaxDurationMs: number;
  /** max_concurrent_tail_requests (default 10). */
  maxConcurrentTailRequests: number;
}

export const DEFAULT_LIMITS: LokiLimits = { maxEntriesLimitPerQuery: 5000, maxQueryLengthMs: 721 * 3_600_000, tailMaxDurationMs: 3_600_000, maxConcurrentTailRequests: 10 };

const HOUR_MS = 3_600_000;

/** A time as nanoseconds since the epoch (BigInt). */
export type Nanos = bigint;

export const msToNs = (ms: number): Nanos => BigInt(Math.floor(ms)) * 1_000_000n;
export const nsToMs = (ns: Nanos): number => Number(ns / 1_000_000n);
export const nsString = (ns: Nanos): string => (ns < 0n ? '0' : ns.toString().padStart(19, '0'));

/** pkg/loghttp/params.go parseTimestamp: float seconds, seconds (up to 10 digits), nanoseconds, or RFC3339Nano. */
export function parseTimestamp(value: string | null, def: Nanos): Nanos {
  if (!value) return def;
  if (value.includes('.') && /^[+-]?\d*\.\d*(e[+-]?\d+)?$/i.test(value)) {
    const t = Number(value);
    const s = Math.trunc(t);
    const frac = Math.round((t - s) * 1000) / 1000;
    return BigInt(s) * 1_000_000_000n + BigInt(Math.round(frac * 1e9));
  }
  if (/^[+-]?\d+$/.test(value)) {
    const n = BigInt(value);
    return value.replace(/^[+-]/, '').length <= 10 ? n * 1_000_000_000n : n;
  }
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (m) {
    const ms = Date.parse(`${m[1]}${m[3]}`);
    if (!Number.isNaN(ms)) return msToNs(ms) + BigInt((m[2] ?? '.').slice(1).padEnd(9, '0') || '0');
  }
  throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
}

function positiveInt(q: URLSearchParams, name: string, def: number): number {
  const v = q.get(name);
  if (!v) return def;
  if (!/^[+-]?\d+$/.test(v)) throw badRequest(`strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
  const n = Number(v);
  if (n <= 0) throw badRequest('limit must be a positive value');
  return n;
}

/** pkg/loghttp/params.go limit: default 100, positive. */
export const limitParam = (q: URLSearchParams) => positiveInt(q, 'limit', 100);

export function directionParam(q: URLSearchParams): 'forward' | 'backward' {
  const v = q.get('direction');
  if (!v) return 'backward';
  const d = v.toLowerCase();
  if (d !== 'forward' && d !== 'backward') throw badRequest(`invalid direction '${v}'`);
  return d;
}

/** pkg/loghttp/params.go determineBounds: end defaults to now, start to end (or now) minus `since` (default `defSinceMs`). */
export function boundsParams(q: URLSearchParams, nowMs: number, defSinceMs = HOUR_MS): { start: Nanos; end: Nanos } {
  let since = defSinceMs;
  const sinceRaw = q.get('since');
  if (sinceRaw) {
    const d = parseDurationMs(sinceRaw);
    if (d === undefined || /ns|us|µs/.test(sinceRaw)) throw badRequest(`could not parse 'since' parameter: not a valid duration string: ${JSON.stringify(sinceRaw)}`);
    since = d;
  }
  const now = msToNs(nowMs);
  let end: Nanos;
  try {
    end = parseTimestamp(q.get('end'), now);
  } catch (err) {
    throw badRequest(`could not parse 'end' parameter: ${(err as Error).message}`);
  }
  const endOrNow = end > now ? now : end;
  try {
    return { start: parseTimestamp(q.get('start'), endOrNow - msToNs(since)), end };
  } catch (err) {
    throw badRequest(`could not parse 'start' parameter: ${(err as Error).message}`);
  }
}

/** pkg/loghttp/params.go parseSecondsOrDuration, in ms. */
export function stepParam(q: URLSearchParams, start: Nanos, end: Nanos): number {
  const v = q.get('step');
  const spanS = Number(end - start) / 1e9;
  if (!v) return Math.max(Math.floor(spanS / 250), 1) * 1000;
  const n = Number(v);
  const ms = Number.isFinite(n) && v.trim() !== '' ? n * 1000 : parseDurationMs(v);
  if (ms === undefined) throw badRequest(`cannot parse ${JSON.stringify(v)} to a valid duration`);
  if (ms <= 0) throw badRequest('zero or negative query resolution step widths are not accepted. Try a positive integer');
  if (spanS * 1000 / ms > 11000) throw badRequest('exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter');
  return ms;
}

/** Go's time.Duration String (722h0m0s, 1m30s, 500ms). */
export function goDuration(ms: number): string {
  if (ms < 1000) return ms === 0 ? '0s' : `${ms}ms`;
  const h = Math.floor(ms / HOUR_MS);
  const m = Math.floor((ms % HOUR_MS) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${String(s)}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}

/** Prometheus' model.Duration String (721h is 30d1h; years and weeks only when exact). */
export function promDuration(ms: number): string {
  if (ms === 0) return '0s';
  let r = '';
  let left = Math.floor(ms);
  const units: [string, number, boolean][] = [['y', 365 * 24 * HOUR_MS, true], ['w', 7 * 24 * HOUR_MS, true], ['d', 24 * HOUR_MS, false], ['h', HOUR_MS, false], ['m', 60_000, false], ['s', 1000, false], ['ms', 1, false]];
  for (const [unit, mult, exact] of units) {
    if (exact && left % mult !== 0) continue;
    const v = Math.floor(left / mult);
    if (v > 0) {
      r += `${v}${unit}`;
      left -= v * mult;
    }
  }
  return r;
}

/** max_query_length: pkg/util/validation/validate.go ErrQueryTooLong. */
export function checkQueryLength(start: Nanos, end: Nanos, limits: LokiLimits): void {
  const lenMs = Number((end - start) / 1_000_000n);
  if (limits.maxQueryLengthMs > 0 && lenMs > limits.maxQueryLengthMs) {
    throw badRequest(`the query time range exceeds the limit (query length: ${goDuration(lenMs)}, limit: ${promDuration(limits.maxQueryLengthMs)})`);
  }
}

/** max_entries_limit_per_query for log queries: pkg/util/validation/validate.go ErrMaxEntriesLimit (pkg/querier/http.go validateMaxEntriesLimits). */
export function checkEntriesLimit(limit: number, limits: LokiLimits): void {
  if (limits.maxEntriesLimitPerQuery > 0 && limit > limits.maxEntriesLimitPerQuery) {
    throw badRequest(`max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${limits.maxEntriesLimitPerQuery})`);
  }
}

/** pkg/loghttp/tail.go: delay_for in seconds, at most 5. */
export function delayForParam(q: URLSearchParams): number {
  const v = q.get('delay_for');
  if (!v) return 0;
  if (!/^[+-]?\d+$/.test(v)) throw badRequest(`strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
  const n = Number(v);
  if (n < 0) throw badRequest(`delay_for value ${n} is out of range [0, 4294967295]`);
  if (n > 5) throw badRequest("delay_for can't be greater than 5");
  return n;
}
