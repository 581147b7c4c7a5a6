// The log line as every log source hands it on (the Kubernetes follower, the Loki source) and every log view,
// one-shot and export reads it: where it came from, when (to the nanosecond, as the kubelet and Loki stamp
// lines: the order of a merged view and the de-duplication of a resumed stream depend on it) and its text.
// Pure: parsing a kubelet `timestamps=true` line, comparing times, and k9s's time windows as data.

export interface LogRecord {
  /** ms since the epoch. */
  time: number;
  /** The part below the millisecond, in ns (0..999999): with `time`, the line's exact timestamp. */
  nano: number;
  namespace: string;
  pod: string;
  container: string;
  /** The line as written, without its timestamp and newline. */
  text: string;
  /** A Loki stream's labels (app, level...), when the line came from Loki. */
  labels?: Readonly<Record<string, string>>;
  /** The line came from the container's previous instance (`--previous`). */
  previous?: boolean;
}

/** Orders two lines by their timestamps (ties: 0, so a stable sort keeps their arrival order). */
export function compareTime(a: Pick<LogRecord, 'time' | 'nano'>, b: Pick<LogRecord, 'time' | 'nano'>): number {
  return a.time - b.time || a.nano - b.nano;
}

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

/** A kubelet line with `timestamps=true` ("2026-12-02T01:02:03.123456789Z text"): its time and its text; undefined without a stamp. */
export function parseStampedLine(line: string): { time: number; nano: number; text: string } | undefined {
  const m = STAMP.exec(line);
  if (!m) return undefined;
  const frac = (m[2] ?? '').padEnd(9, '0');
  const time = Date.parse(`${m[1]}.${frac.slice(0, 3)}${m[3]}`);
  if (Number.isNaN(time)) return undefined;
  return { time, nano: Number(frac.slice(3)), text: line.slice(m[0].length) };
}

/** RFC3339 with nanoseconds, as the kubelet writes it (trailing zeros of the fraction dropped). */
export function formatStamp(r: Pick<LogRecord, 'time' | 'nano'>): string {
  const iso = new Date(r.time).toISOString();
  const frac = (iso.slice(20, 23) + String(r.nano).padStart(6, '0')).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

/** A Loki entry's timestamp (ns since the epoch, as a decimal string) as time + nano. */
export function fromEpochNs(ns: string): { time: number; nano: number } {
  const digits = ns.replace(/^0+/, '') || '0';
  const ms = digits.length > 6 ? Number(digits.slice(0, -6)) : 0;
  const sub = Number(digits.slice(-6));
  return { time: ms, nano: sub };
}

/** time + nano as Loki's ns-epoch string. */
export function toEpochNs(r: Pick<LogRecord, 'time' | 'nano'>): string {
  return r.time === 0 ? String(r.nano) : `${r.time}${String(r.nano).padStart(6, '0')}`;
}

/** k9s's time windows on 0-6: what a log view asks the server for when it (re)opens. */
export type LogWindowId = 'tail' | '1m' | '5m' | '15m' | '30m' | '1h' | 'all';

export interface LogWindow {
  id: LogWindowId;
  /** The key that picks it in the Logs pane. */
  key: string;
  /** For the pane's title: "last 100 lines", "last 5m", "all". */
  label: string;
  /** sinceSeconds for the request, if the window is a duration. */
  seconds?: number;
  /** tailLines for the request, if the window is a line count (the configured tail). */
  tail?: boolean;
}

export const LOG_WINDOWS: readonly LogWindow[] = [
  { id: 'tail', key: '0', label: 'tail', tail: true },
  { id: '1m', key: '1', label: 'last 1m', seconds: 60 },
  { id: '5m', key: '2', label: 'last 5m', seconds: 300 },
  { id: '15m', key: '3', label: 'last 15m', seconds: 900 },
  { id: '30m', key: '4', label: 'last 30m', seconds: 1800 },
  { id: '1h', key: '5', label: 'last 1h', seconds: 3600 },
  { id: 'all', key: '6', label: 'all' },
];

export function logWindow(id: LogWindowId): LogWindow {
  return LOG_WINDOWS.find((w) => w.id === id)!;
}

/** The Logs pane's default tail (kubectl's and k9s's 100 lines would hide a crash loop's history less than stern's all). */
export const DEFAULT_TAIL_LINES = 100;
/** Lines kept per log view unless the config says otherwise (the oldest go first, and are counted). */
export const DEFAULT_LOG_BUFFER = 10_000;
