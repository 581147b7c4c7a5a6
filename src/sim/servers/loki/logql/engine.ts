// Evaluates parsed LogQL over a set of streams (each one's entries oldest first, with nanosecond string
// timestamps), as Loki's engine answers query_range and query: log queries give streams (the `limit` newest
// entries for direction backward, the oldest for forward; start inclusive, end exclusive), metric queries a
// matrix over the steps (or a vector at one time), with range windows (t - range, t].
import type { LogQuery, MetricQuery, RangeOp, VectorOp } from './ast.js';
import { type Labels, runPipeline, selects } from './pipeline.js';

export interface Entry {
  /** Nanoseconds since the epoch, as a decimal string (19 digits; compare as strings). */
  ns: string;
  line: string;
}

export interface Stream {
  labels: Labels;
  /** Oldest first. */
  entries: Entry[];
}

export interface StreamResult {
  stream: Labels;
  values: [string, string][];
}

export interface SeriesResult {
  metric: Labels;
  values: [number, string][];
}

export type Direction = 'forward' | 'backward';

/** A label set's identity: its pairs sorted by name. */
export function labelsKey(l: Labels): string {
  return Object.keys(l)
    .sort()
    .map((k) => `${k}=${JSON.stringify(l[k])}`)
    .join(',');
}

function sortedLabels(l: Labels): Labels {
  return Object.fromEntries(Object.keys(l).sort().map((k) => [k, l[k]!]));
}

/** The index of the first entry at or after ns (entries oldest first). */
function lowerBound(entries: Entry[], ns: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.ns < ns) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface LogResult {
  streams: StreamResult[];
  /** Entries the query read (for the stats object). */
  scanned: { lines: number; bytes: number };
}

/** A log query over [startNs, endNs): at most `limit` entries, the newest (backward) or the oldest (forward). */
export function evalLogQuery(q: LogQuery, source: Stream[], opts: { startNs: string; endNs: string; limit: number; direction: Direction }): LogResult {
  const picked: { key: string; labels: Labels; e: Entry }[] = [];
  const scanned = { lines: 0, bytes: 0 };
  for (const s of source) {
    if (!selects(q.selector, s.labels)) continue;
    const from = lowerBound(s.entries, opts.startNs);
    const to = lowerBound(s.entries, opts.endNs);
    // the global `limit` newest (oldest) entries are among each stream's `limit` newest (oldest)
    let taken = 0;
    const backward = opts.direction === 'backward';
    for (let i = backward ? to - 1 : from; backward ? i >= from : i < to; i += backward ? -1 : 1) {
      const e = s.entries[i]!;
      scanned.lines++;
      scanned.bytes += e.line.length;
      const labels = runPipeline(q.stages, s.labels, e.line);
      if (!labels) continue;
      picked.push({ key: labelsKey(labels), labels, e });
      if (++taken >= opts.limit) break;
    }
  }
  picked.sort((a, b) => (a.e.ns < b.e.ns ? -1 : a.e.ns > b.e.ns ? 1 : 0));
  const kept = opts.direction === 'backward' ? picked.slice(-opts.limit).reverse() : picked.slice(0, opts.limit);
  const byKey = new Map<string, StreamResult>();
  for (const p of kept) {
    let r = byKey.get(p.key);
    if (!r) byKey.set(p.key, (r = { stream: sortedLabels(p.labels), values: [] }));
    r.values.push([p.e.ns, p.e.line]);
  }
  return { streams: [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r), scanned };
}

const nsToMs = (ns: string) => Number(ns.slice(0, -6)) + Number(ns.slice(-6)) / 1e6;

interface Samples {
  labels: Labels;
  /** ms timestamps and line sizes, oldest first. */
  at: number[];
  bytes: number[];
}

function rangeValue(op: RangeOp, count: number, bytes: number, rangeMs: number): number {
  switch (op) {
    case 'count_over_time':
      return count;
    case 'rate':
      return count / (rangeMs / 1000);
    case 'bytes_over_time':
      return bytes;
    case 'bytes_rate':
      return bytes / (rangeMs / 1000);
  }
}

function vectorValue(op: VectorOp, vs: number[]): number {
  switch (op) {
    case 'sum':
      return vs.reduce((a, b) => a + b, 0);
    case 'count':
      return vs.length;
    case 'max':
      return Math.max(...vs);
    case 'min':
      return Math.min(...vs);
    case 'avg':
      return vs.reduce((a, b) => a + b, 0) / vs.length;
  }
}

/** One metric series per label set, each with a value at some of the steps (ms). */
type Series = Map<string, { labels: Labels; points: Map<number, number> }>;

function evalRange(q: Extract<MetricQuery, { kind: 'range' }>, source: Stream[], steps: number[]): Series {
  const first = steps[0]! - q.rangeMs;
  const last = steps.at(-1)!;
  const groups = new Map<string, Samples>();
  const startNs = `${Math.floor(first)}000000`;
  for (const s of source) {
    if (!selects(q.log.selector, s.labels)) continue;
    for (let i = lowerBound(s.entries, startNs); i < s.entries.length; i++) {
      const e = s.entries[i]!;
      const ms = nsToMs(e.ns);
      if (ms > last) break;
      const labels = runPipeline(q.log.stages, s.labels, e.line);
      if (!labels) continue;
      const key = labelsKey(labels);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { labels, at: [], bytes: [] }));
      g.at.push(ms);
      g.bytes.push(Buffer.byteLength(e.line));
    }
  }
  const out: Series = new Map();
  for (const [key, g] of groups) {
    const order = g.at.map((_, i) => i).sort((a, b) => g.at[a]! - g.at[b]!);
    const at = order.map((i) => g.at[i]!);
    const bytes = order.map((i) => g.bytes[i]!);
    const points = new Map<number, number>();
    let lo = 0;
    let hi = 0;
    let sumBytes = 0;
    for (const t of steps) {
      while (hi < at.length && at[hi]! <= t) sumBytes += bytes[hi++]!;
      while (lo < hi && at[lo]! <= t - q.rangeMs) sumBytes -= bytes[lo++]!;
      const count = hi - lo;
      if (count > 0) points.set(t, rangeValue(q.op, count, sumBytes, q.rangeMs));
    }
    if (points.size) out.set(key, { labels: sortedLabels(g.labels), points });
  }
  return out;
}

function evalMetric(q: MetricQuery, source: Stream[], steps: number[]): Series {
  if (q.kind === 'range') return evalRange(q, source, steps);
  const inner = evalMetric(q.inner, source, steps);
  const groups: Series = new Map();
  const members = new Map<string, Map<number, number[]>>();
  for (const { labels, points } of inner.values()) {
    // no grouping keeps no label; `by` keeps those, `without` all but those
    const metric: Labels = {};
    if (q.by) for (const k of q.by) if (labels[k] !== undefined) metric[k] = labels[k]!;
    if (q.without) for (const [k, v] of Object.entries(labels)) if (!q.without.includes(k)) metric[k] = v;
    const key = labelsKey(metric);
    if (!groups.has(key)) groups.set(key, { labels: sortedLabels(metric), points: new Map() });
    let m = members.get(key);
    if (!m) members.set(key, (m = new Map()));
    for (const [t, v] of points) {
      const list = m.get(t) ?? [];
      list.push(v);
      m.set(t, list);
    }
  }
  for (const [key, m] of members) {
    const g = groups.get(key)!;
    for (const [t, vs] of m) g.points.set(t, vectorValue(q.op, vs));
  }
  return groups;
}

/** A metric query over the steps start, start+step, ... <= end (ms): Loki's matrix. */
export function evalMetricRange(q: MetricQuery, source: Stream[], opts: { startMs: number; endMs: number; stepMs: number }): SeriesResult[] {
  const steps: number[] = [];
  for (let t = opts.startMs; t <= opts.endMs; t += opts.stepMs) steps.push(t);
  if (!steps.length) return [];
  const series = evalMetric(q, source, steps);
  return [...series.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => ({ metric: s.labels, values: steps.filter((t) => s.points.has(t)).map((t) => [t / 1000, String(s.points.get(t)!)] as [number, string]) }));
}

/** A metric query at one time (ms): Loki's vector. */
export function evalMetricInstant(q: MetricQuery, source: Stream[], atMs: number): { metric: Labels; value: [number, string] }[] {
  return evalMetricRange(q, source, { startMs: atMs, endMs: atMs, stepMs: 1 }).map((s) => ({ metric: s.metric, value: s.values[0]! }));
}
