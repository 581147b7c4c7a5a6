// The Box's log store as Loki streams: every line with the labels a collector gives it (labels.ts), one
// stream per unique label set, each stream's entries oldest first with nanosecond timestamps.
import type { LogStore } from '../../box/logs/log-store.js';
import { lokiLabels } from '../../box/logs/labels.js';
import { epochNs } from '../../box/logs/stamp.js';
import { type Stream, labelsKey } from './logql/engine.js';

/** The streams of every line written at or after `sinceMs`. */
export function streamsSince(logs: LogStore, sinceMs: number): Stream[] {
  const byKey = new Map<string, Stream & { merged: boolean }>();
  for (const c of logs.linesSince(new Date(sinceMs))) {
    const seen = new Set<string>();
    for (const l of c.lines) {
      const labels = lokiLabels(c, l.text);
      const key = labelsKey(labels);
      let s = byKey.get(key);
      if (!s) byKey.set(key, (s = { labels, entries: [], merged: false }));
      else if (!seen.has(key)) s.merged = true; // a pod name used again (a StatefulSet's pod recreated)
      seen.add(key);
      s.entries.push({ ns: epochNs(l), line: l.text });
    }
  }
  return [...byKey.values()].map(({ labels, entries, merged }) => ({ labels, entries: merged ? entries.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0)) : entries }));
}
