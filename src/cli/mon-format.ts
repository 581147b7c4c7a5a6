// What `mon loki logs` prints, as logcli prints it (pkg/logcli/output): default `TIME {labels} LINE` with the
// time in RFC3339 (local zone, as logcli's -z Local) and the labels sorted and padded to one width, the labels
// every line shares said once on stderr ("Common labels: {...}") and left out of each line; `raw` the line
// alone; `json` one JSON object a line (logcli's jsonl: labels, line, timestamp in RFC3339Nano). And its flags'
// values: --limit (0: every line); --since is src/logs/duration.ts.
import { formatStamp } from '../logs/record.js';
import { fromEpochNs } from '../logs/record.js';
import type { LokiEntry } from '../sources/loki/records.js';

export type MonOutput = 'default' | 'raw' | 'json';

/** `{a="1", b="2"}`, sorted by name, values quoted as Prometheus quotes them. */
export function labelsText(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(', ')}}`;
}

/** The labels (name and value) that every entry has. */
export function commonLabels(entries: readonly LokiEntry[]): Record<string, string> {
  if (entries.length === 0) return {};
  const common: Record<string, string> = { ...entries[0]!.labels };
  for (const e of entries) for (const k of Object.keys(common)) if (e.labels[k] !== common[k]) delete common[k];
  return common;
}

function without(labels: Readonly<Record<string, string>>, common: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (common[k] !== v) out[k] = v;
  return out;
}

/** RFC3339 in the local zone, to the second (logcli's default timestamp). */
export function localStamp(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const pad = (n: number, w = 2) => String(Math.trunc(Math.abs(n))).padStart(w, '0');
  const zone = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${pad(off / 60)}:${pad(off % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}

export interface Formatter {
  /** The lines for these entries (in the order given), each without its newline. */
  lines(entries: readonly LokiEntry[]): string[];
}

/** `common`: labels left out of each line (said once on stderr); the default format pads labels to the widest seen so far. */
export function formatter(output: MonOutput, common: Readonly<Record<string, string>> = {}): Formatter {
  let width = 0;
  return {
    lines(entries) {
      if (output === 'raw') return entries.map((e) => e.line);
      if (output === 'json') return entries.map((e) => JSON.stringify({ labels: e.labels, line: e.line, timestamp: formatStamp(fromEpochNs(e.ns)) }));
      const texts = entries.map((e) => labelsText(without(e.labels, common)));
      for (const t of texts) width = Math.max(width, t.length);
      return entries.map((e, i) => `${localStamp(fromEpochNs(e.ns).time)} ${texts[i]!.padEnd(width)} ${e.line}`);
    },
  };
}
