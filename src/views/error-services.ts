// Rung 7's table of services with error lines in the window, pure: each one's count, the last minute's, and a
// sparkline of its per-bucket counts (oldest left), busiest first.
import type { ErrorService } from '../store/loki-slice.js';
import { padToWidth, headToWidth } from './text-width.js';

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of counts: ' ' for none, ▁..█ scaled to the largest. */
export function sparkline(counts: readonly number[]): string {
  const max = Math.max(0, ...counts);
  return counts.map((c) => (c <= 0 || max === 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor(((c - 1) / Math.max(1, max - 1)) * (BARS.length - 1)))])).join('');
}

export interface ErrorServiceRow {
  key: string;
  text: string;
  tone: 'failing' | 'warn' | 'muted';
}

/** One row per service, at most `max`, with the rest counted in a last row. */
export function errorServiceRows(services: readonly ErrorService[], width: number, max: number, bucket = '1m'): ErrorServiceRow[] {
  const shown = services.slice(0, Math.max(0, services.length > max ? max - 1 : max));
  const nameW = Math.min(36, Math.max(12, ...shown.map((s) => s.namespace.length + 1 + s.app.length)));
  const rows: ErrorServiceRow[] = shown.map((s) => {
    const last = s.buckets[s.buckets.length - 1] ?? 0;
    const text = `${padToWidth(headToWidth(`${s.namespace}/${s.app}`, nameW), nameW)} ${String(s.count).padStart(5)}  ${sparkline(s.buckets)}  ${last} in the last ${bucket}`;
    return { key: `${s.namespace}/${s.app}`, text: headToWidth(text, width), tone: last > 0 ? 'failing' : 'warn' };
  });
  if (services.length > shown.length) rows.push({ key: 'more', text: `… ${services.length - shown.length} more services with errors`, tone: 'muted' });
  return rows;
}
