// Rung 7's verdict, from the Loki slice's error summary and the Loki source's health: 'not connected' without
// LOKI_ADDR, unknown while connecting, when Loki does not answer or its summary has gone stale, warn or
// failing with the error bursts (rules/loki.ts), and ok ("no errors in 15m", "4 errors in 15m, no burst")
// only when Loki answers now.
import type { LokiSlice } from '../store/loki-slice.js';
import type { SourceHealth } from '../store/records.js';
import { humanDuration } from './age.js';
import { errorBursts, lokiLive } from './rules/loki.js';
import { sourceStateWords } from './source-state.js';
import type { RungVerdict } from './types.js';

type Judged = Pick<RungVerdict, 'verdict' | 'summary'>;

/** A summary older than this is not "now" (the source writes one at least every 15 s while it runs). */
export const ERRORS_STALE_MS = 2 * 60_000;

export function errorsVerdict(loki: LokiSlice['loki'] | undefined, health: SourceHealth | undefined, now: number): Judged {
  if (!health || health.state === 'not-connected') return { verdict: 'not-connected', summary: 'not connected' };
  if (!loki || !lokiLive(loki, health)) {
    if (health.state === 'connecting' || (health.state !== 'forbidden' && !loki?.checkedAt && (health.state === 'ok' || health.state === 'degraded'))) return { verdict: 'unknown', summary: 'connecting' };
    return { verdict: 'unknown', summary: sourceStateWords(health.state) };
  }
  if (now - loki.checkedAt! > ERRORS_STALE_MS) return { verdict: 'unknown', summary: `stale (${humanDuration(now - loki.checkedAt!)} old)` };
  const window = humanDuration(loki.windowMs);
  const bursts = errorBursts(loki);
  const total = loki.services.reduce((n, s) => n + s.count, 0);
  if (bursts.length) {
    const verdict = bursts.some((b) => b.severity === 'failing') ? 'failing' : 'warn';
    const first = bursts[0]!.service;
    const summary = bursts.length === 1 ? `${first.namespace}/${first.app} ${first.count} errors` : `${bursts.length} bursts, ${total} errors`;
    return { verdict, summary };
  }
  if (health.state === 'degraded') return { verdict: 'unknown', summary: health.lastError?.startsWith('Loki refused the query') ? 'query refused' : 'degraded' };
  return { verdict: 'ok', summary: total === 0 ? `no errors in ${window}` : `${total} error${total === 1 ? '' : 's'} in ${window}, no burst` };
}
