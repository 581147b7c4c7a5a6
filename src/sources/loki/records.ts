// Pure mappers over Loki's wire shapes (ops-apis.md §6): a query_range / query answer of resultType "streams"
// ({stream: labels, values: [[ns string, line], ...]}), a tail message ({streams, dropped_entries}, both
// omitted when empty), a labels list; the entries as LogRecords; nanosecond timestamps compared and moved as
// decimal strings (they do not fit a double).
import { fromEpochNs, type LogRecord } from '../../logs/record.js';
import { LokiError } from './errors.js';

/** One log entry as Loki sends it. */
export interface LokiEntry {
  /** ns since the epoch, a decimal string without leading zeros. */
  ns: string;
  labels: Readonly<Record<string, string>>;
  line: string;
}

export type Direction = 'forward' | 'backward';

function shapeError(what: string): LokiError {
  return new LokiError('error', `Loki answered ${what} that is not Loki's JSON; is LOKI_ADDR Loki's address?`);
}

const NS = /^\d{1,20}$/;

function normNs(v: unknown): string | undefined {
  if (typeof v !== 'string' || !NS.test(v)) return undefined;
  return v.replace(/^0+(?=\d)/, '');
}

/** a < b: negative; equal: 0 (decimal strings without leading zeros). */
export function compareNs(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** ns + n, as a string (n may be negative; never below 0). */
export function addNs(ns: string, n: number): string {
  const v = BigInt(ns) + BigInt(n);
  return (v < 0n ? 0n : v).toString();
}

/** ms since the epoch as Loki's ns string. */
export function msToNs(ms: number): string {
  return (BigInt(Math.floor(ms)) * 1_000_000n).toString();
}

function labelsOf(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** The entries of a list of streams ({stream, values}), in the order given; malformed values are skipped. */
function streamEntries(result: unknown): LokiEntry[] {
  if (!Array.isArray(result)) throw shapeError('a result');
  const out: LokiEntry[] = [];
  for (const s of result) {
    const labels = labelsOf((s as { stream?: unknown })?.stream);
    const values = (s as { values?: unknown })?.values;
    if (!labels || !Array.isArray(values)) continue;
    for (const v of values) {
      if (!Array.isArray(v)) continue;
      const ns = normNs(v[0]);
      if (ns !== undefined && typeof v[1] === 'string') out.push({ ns, labels, line: v[1] });
    }
  }
  return out;
}

/** query_range's (or query's) answer of resultType streams: every entry, sorted in the query's direction. */
export function parseStreams(body: unknown, direction: Direction = 'backward'): LokiEntry[] {
  const b = body as { status?: unknown; data?: { resultType?: unknown; result?: unknown } };
  if (!b || typeof b !== 'object' || !b.data || typeof b.data !== 'object') throw shapeError('something');
  if (b.status !== undefined && b.status !== 'success') throw new LokiError('error', `Loki answered status ${String(b.status)}.`);
  if (b.data.resultType !== 'streams') {
    throw new LokiError('refused', `Loki answered a ${String(b.data.resultType)} (a metric query); give a log query such as {level="error"} |= "timeout".`);
  }
  return sortEntries(streamEntries(b.data.result), direction);
}

/** A labels or label-values answer: {status, data: [names]}. */
export function parseNames(body: unknown): string[] {
  const data = (body as { data?: unknown })?.data;
  if (!Array.isArray(data)) throw shapeError('a label list');
  return data.filter((x): x is string => typeof x === 'string');
}

/** One tail WebSocket message: its entries (oldest first) and how many the server says it dropped. */
export function parseTailMessage(text: string): { entries: LokiEntry[]; dropped: number } {
  let msg: { streams?: unknown; dropped_entries?: unknown };
  try {
    msg = JSON.parse(text) as typeof msg;
  } catch {
    throw shapeError('a tail message');
  }
  const entries = msg.streams === undefined ? [] : sortEntries(streamEntries(msg.streams), 'forward');
  const dropped = Array.isArray(msg.dropped_entries) ? msg.dropped_entries.length : 0;
  return { entries, dropped };
}

/** Sorted by time in the direction (a stable sort: entries with one timestamp keep their order). */
export function sortEntries(entries: LokiEntry[], direction: Direction): LokiEntry[] {
  const sign = direction === 'forward' ? 1 : -1;
  return entries.sort((a, b) => sign * compareNs(a.ns, b.ns));
}

/** What makes an entry itself: its stream (the label set) and its line (Loki keeps one of identical entries of a stream at one timestamp). */
export function entryKey(e: LokiEntry): string {
  const labels = Object.keys(e.labels)
    .sort()
    .map((k) => `${k}=${e.labels[k]}`)
    .join(',');
  return `${labels}\n${e.line}`;
}

/** The entry as the log views and one-shots read a line. */
export function toRecord(e: LokiEntry): LogRecord {
  const { time, nano } = fromEpochNs(e.ns);
  return { time, nano, namespace: e.labels.namespace ?? '', pod: e.labels.pod ?? '', container: e.labels.container ?? '', text: e.line, labels: e.labels };
}

/** The service an entry comes from, as the summary groups it: its namespace and app label (service_name, else the container). */
export function serviceOf(labels: Readonly<Record<string, string>>): { namespace: string; app: string } {
  return { namespace: labels.namespace ?? '', app: labels.app ?? labels.service_name ?? labels.container ?? labels.job ?? '' };
}
