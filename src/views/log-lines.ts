// The Logs pane's rows (rungs 3 and 7), pure: from a view's ring and display state, the lines that pass the
// include and exclude regexes, newest at the bottom, cut to the pane's height (wrapped or truncated to its
// width), with a colour per pod, the pod told apart by what its name adds to the others', JSON lines shown as
// level + message, the highlight regex's matches marked, and the counts the title shows (matched, arrived while
// paused, dropped). Scrolling and pausing keep the same lines on screen while new ones arrive below.
import { compileLogRegex } from '../logs/filter.js';
import { formatStamp, type LogRecord } from '../logs/record.js';
import type { LogRing } from '../logs/ring.js';
import type { LogViewDisplay } from '../store/logs-slice.js';
import { displayWidth, headToWidth, padToWidth, tailToWidth, wrapToWidth } from './text-width.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** A JSON log line's level, message and other fields (undefined: not a JSON object). */
export function jsonLine(text: string): { level?: LogLevel; message: string; fields: Record<string, unknown> } | undefined {
  if (text.charCodeAt(0) !== 123 /* { */) return undefined;
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const fields = obj as Record<string, unknown>;
  const level = levelWord(String(fields.level ?? fields.lvl ?? fields.severity ?? fields.levelname ?? ''));
  const message = fields.message ?? fields.msg ?? fields.MESSAGE;
  return { ...(level ? { level } : {}), message: typeof message === 'string' ? message : JSON.stringify(message ?? ''), fields };
}

function levelWord(w: string): LogLevel | undefined {
  const l = w.toLowerCase();
  if (/^(err|error|fatal|critical|crit|panic|emerg|alert|e|f)$/.test(l)) return 'error';
  if (/^(warn|warning|w)$/.test(l)) return 'warn';
  if (/^(info|information|notice|i|log)$/.test(l)) return 'info';
  if (/^(debug|trace|d)$/.test(l)) return 'debug';
  return undefined;
}

const TEXT_LEVEL: readonly [RegExp, LogLevel][] = [
  [/\blevel="?(error|fatal|crit\w*|panic|ERROR|FATAL|CRIT\w*|PANIC)\b|\[(ERROR|FATAL)\]|\b(ERROR|FATAL|PANIC|CRITICAL):|\sERROR\s|^[EF]\d{4} /, 'error'],
  [/\blevel="?(warn\w*|WARN\w*)|\[WARN\w*\]|\bWARNING:|\sWARN(ING)?\s|^W\d{4} /, 'warn'],
  [/\blevel="?(debug|DEBUG)|\[DEBUG\]|\bDEBUG:/, 'debug'],
];

/** The level a line says it has, in the formats the Box's programs write (JSON, logfmt, glog/klog, Postgres, OpenBao, Python). */
export function lineLevel(text: string): LogLevel | undefined {
  const j = jsonLine(text);
  if (j) return j.level;
  for (const [re, level] of TEXT_LEVEL) if (re.test(text)) return level;
  return undefined;
}

/** The include, exclude and highlight regexes of a display, compiled (case-insensitive, like k9s's filter); a bad one: its sentence. */
export interface LogFilters {
  include?: RegExp;
  exclude?: RegExp;
  highlight?: RegExp;
  /** One sentence per regex that does not compile (it is then ignored). */
  errors: string[];
}

export function compileFilters(d: Pick<LogViewDisplay, 'exclude' | 'highlight'> & { include: string }): LogFilters {
  const out: LogFilters = { errors: [] };
  for (const key of ['include', 'exclude', 'highlight'] as const) {
    if (!d[key]) continue;
    const r = compileLogRegex(d[key], key, { caseless: true });
    if (!r.ok) out.errors.push(r.error);
    // include and exclude test with a sticky-free copy (test() on a /g regex moves lastIndex); highlight scans with /g.
    else out[key] = key === 'highlight' ? r.re : new RegExp(r.re.source, r.re.flags.replace('g', ''));
  }
  return out;
}

export function passes(text: string, f: LogFilters): boolean {
  if (f.include && !f.include.test(text)) return false;
  if (f.exclude && f.exclude.test(text)) return false;
  return true;
}

/** Short names for a view's pods: what each adds to the name they all share ("sol-7d9c8-abcde" -> "abcde"). */
export function podLabels(pods: readonly string[]): Map<string, string> {
  const names = [...new Set(pods)];
  const out = new Map<string, string>();
  if (names.length <= 1) {
    for (const n of names) out.set(n, n);
    return out;
  }
  let prefix = names[0]!;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // Cut at a dash, so "openbao-0"/"openbao-1" read "0"/"1" and not a cut word.
  const cut = prefix.lastIndexOf('-') + 1;
  for (const n of names) out.set(n, n.slice(cut) || n);
  return out;
}

/** A stable colour slot for a pod (the pane maps slots to colours). */
export function podSlot(pod: string, slots: number): number {
  let h = 0;
  for (let i = 0; i < pod.length; i++) h = (h * 31 + pod.charCodeAt(i)) >>> 0;
  return h % slots;
}

export interface LogSegment {
  text: string;
  /** 'pod' segments carry the pod's colour slot. */
  kind: 'stamp' | 'pod' | 'level' | 'text' | 'match' | 'marker';
  slot?: number;
  level?: LogLevel;
}

export interface LogRow {
  key: string;
  segments: LogSegment[];
  /** The ring index of the line (the first row of a wrapped line carries it). */
  index: number;
  /** The line under the cursor (the bottom line while scrolled or paused). */
  cursor?: boolean;
}

export interface LogRowsInput {
  ring: LogRing;
  display: LogViewDisplay;
  filters: LogFilters;
  width: number;
  height: number;
  /** Pods of the view, for short names (default: the ones in the shown lines). */
  pods?: readonly string[];
  /** Show the container after the pod (a view with more than one container). */
  containers?: boolean;
  /** Colour slots for pods. */
  slots?: number;
}

export interface LogRowsResult {
  rows: LogRow[];
  /** Lines that passed the filters among those looked at (a lower bound when not every line was looked at). */
  shown: number;
  /** Lines that arrived since the view was paused. */
  arrived: number;
  /** The ring index of the line under the cursor, if any. */
  cursorIndex?: number;
}

/** How far up from the newest line the view starts: the scroll offset, plus what arrived since the pause. */
export function effectiveOffset(ring: LogRing, d: LogViewDisplay): number {
  return d.offset + (d.follow ? 0 : Math.max(0, ring.total - d.pausedAt));
}

function highlightSegments(text: string, re: RegExp | undefined): LogSegment[] {
  if (!re) return [{ text, kind: 'text' }];
  const out: LogSegment[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    if (m.index > last) out.push({ text: text.slice(last, m.index), kind: 'text' });
    out.push({ text: m[0], kind: 'match' });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), kind: 'text' });
  return out.length ? out : [{ text: '', kind: 'text' }];
}

/** One line's segments, before wrapping. */
export function lineSegments(r: LogRecord, opts: { timestamps: boolean; label: string; container?: boolean; slot: number; highlight?: RegExp }): LogSegment[] {
  const segs: LogSegment[] = [];
  if (opts.timestamps) segs.push({ text: `${formatStamp(r)} `, kind: 'stamp' });
  segs.push({ text: `${opts.label}${opts.container ? ` ${r.container}` : ''}${r.previous ? ' (previous)' : ''} `, kind: 'pod', slot: opts.slot });
  const j = jsonLine(r.text);
  if (j) {
    const level = j.level ?? 'info';
    segs.push({ text: `${level.toUpperCase().padEnd(5)} `, kind: 'level', level });
    segs.push(...highlightSegments(j.message, opts.highlight));
  } else {
    const level = lineLevel(r.text);
    const body = highlightSegments(r.text, opts.highlight);
    if (level === 'error' || level === 'warn') for (const b of body) if (b.kind === 'text') b.level = level;
    segs.push(...body);
  }
  return segs;
}

/** Cuts segments into rows of `width` columns (wrap) or one row cut at `width`. */
function layout(segs: LogSegment[], width: number, wrap: boolean): LogSegment[][] {
  if (!wrap) {
    const row: LogSegment[] = [];
    let left = width;
    for (const s of segs) {
      if (left <= 0) break;
      const t = headToWidth(s.text, left);
      row.push({ ...s, text: t });
      left -= displayWidth(t);
    }
    return [row];
  }
  const rows: LogSegment[][] = [[]];
  let used = 0;
  for (const s of segs) {
    let rest = s.text;
    while (rest) {
      const room = width - used;
      if (room <= 0) {
        rows.push([{ text: '  ', kind: 'marker' }]);
        used = 2;
        continue;
      }
      const part = displayWidth(rest) <= room ? rest : (wrapToWidth(rest, room)[0] ?? headToWidth(rest, room));
      const piece = part || headToWidth(rest, room);
      rows[rows.length - 1]!.push({ ...s, text: piece });
      used += displayWidth(piece);
      rest = rest.slice(piece.length).replace(/^ /, '');
      if (rest) used = width;
    }
  }
  return rows;
}

/** The rows the pane shows, newest at the bottom. */
export function logRows(input: LogRowsInput): LogRowsResult {
  const { ring, display, filters, width, height } = input;
  const slots = input.slots ?? 6;
  const offset = effectiveOffset(ring, display);
  const picked: number[] = [];
  let skipped = 0;
  let shown = 0;
  for (let i = ring.size - 1; i >= 0 && picked.length < height; i--) {
    const r = ring.at(i)!;
    if (!passes(r.text, filters)) continue;
    shown++;
    if (skipped < offset) {
      skipped++;
      continue;
    }
    picked.push(i);
  }
  const lines = picked.reverse().map((i) => ring.at(i)!);
  const labels = podLabels(input.pods ?? lines.map((l) => l.pod));
  // One column for the pod names on screen (at most a third of the width), so the texts line up.
  const labelWidth = Math.min(Math.floor(width / 3), Math.max(0, ...lines.map((l) => displayWidth(labels.get(l.pod) ?? l.pod))));
  // A name longer than the column keeps its end (a pod's own suffix), marked as cut.
  const fitName = (name: string) => (displayWidth(name) <= labelWidth ? name : `…${tailToWidth(name, labelWidth - 1)}`);
  const padded = (pod: string) => padToWidth(fitName(labels.get(pod) ?? pod), labelWidth);
  const cursorOn = offset > 0 || !display.follow;
  const rows: LogRow[] = [];
  lines.forEach((r, n) => {
    const index = picked[n]!;
    const segs = lineSegments(r, { timestamps: display.timestamps, label: padded(r.pod), container: input.containers, slot: podSlot(r.pod, slots), highlight: filters.highlight });
    const cut = layout(segs, Math.max(1, width), display.wrap);
    cut.forEach((segments, k) => rows.push({ key: `${index}:${r.time}:${r.nano}:${k}`, segments, index, ...(cursorOn && n === lines.length - 1 && k === 0 ? { cursor: true } : {}) }));
  });
  const visible = rows.slice(-height);
  const result: LogRowsResult = { rows: visible, shown, arrived: display.follow ? 0 : Math.max(0, ring.total - display.pausedAt) };
  if (cursorOn && picked.length) result.cursorIndex = picked[picked.length - 1];
  return result;
}

/** A line in full, for the full-text dialog (Enter): its stamp, pod and container, and a JSON line's every field. */
export function lineDetail(r: LogRecord): string[] {
  const head = `${formatStamp(r)} · ${r.namespace}/${r.pod} · ${r.container}${r.previous ? ' (previous instance)' : ''}`;
  const j = jsonLine(r.text);
  const labels = r.labels ? [`Labels: ${Object.entries(r.labels).map(([k, v]) => `${k}="${v}"`).join(', ')}`] : [];
  if (!j) return [head, ...labels, '', r.text];
  return [head, ...labels, '', `${(j.level ?? 'info').toUpperCase()} ${j.message}`, '', ...Object.entries(j.fields).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)];
}
