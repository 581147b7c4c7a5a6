// Rung 6's verdict, from the alerts slice and the AlertManager source's health: unknown while connecting, when
// AlertManager does not answer or its last poll has gone stale; failing with a firing critical alert, warn
// with a firing warning; ok ("nothing firing") only when AlertManager answers now. "Firing" is AlertManager's
// active state: a silenced or inhibited alert is counted apart, and the dead man's switch (Watchdog,
// InfoInhibitor, severity none) is always firing by design and never counts.
import type { AlertRecord, AlertsSlice } from '../store/alerts-slice.js';
import type { SourceHealth } from '../store/records.js';
import { humanDuration } from './age.js';
import { sourceStateWords } from './source-state.js';
import type { RungVerdict } from './types.js';

type Judged = Pick<RungVerdict, 'verdict' | 'summary'>;

/** A poll older than this is not "now" (the source polls every 5 s, backing off to 30 s). */
export const ALERTS_STALE_MS = 90_000;

/** Alerts that fire by design: the dead man's switch and its inhibitor. */
const BY_DESIGN = new Set(['Watchdog', 'InfoInhibitor', 'DeadMansSwitch']);

/** Whether an alert is one an engineer must look at: active, and not the dead man's switch. */
export function isFiring(a: AlertRecord): boolean {
  return a.state === 'active' && !BY_DESIGN.has(a.alertname) && a.severity !== 'none' && a.severity !== 'info';
}

export function alertsVerdict(alerts: AlertsSlice['alerts'] | undefined, health: SourceHealth | undefined, now: number): Judged {
  if (!health || health.state === 'not-connected') return { verdict: 'not-connected', summary: 'not connected' };
  if (!alerts?.checkedAt || (health.state !== 'ok' && health.state !== 'degraded')) {
    return { verdict: 'unknown', summary: health.state === 'connecting' || health.state === 'ok' ? 'connecting' : sourceStateWords(health.state) };
  }
  if (now - alerts.checkedAt > ALERTS_STALE_MS) return { verdict: 'unknown', summary: `stale (${humanDuration(now - alerts.checkedAt)} old)` };
  const firing = alerts.alerts.filter(isFiring);
  const critical = firing.filter((a) => a.severity === 'critical').length;
  const silenced = alerts.alerts.filter((a) => a.state === 'silenced').length;
  const muted = silenced ? ` · ${silenced} silenced` : '';
  if (critical) return { verdict: 'failing', summary: `${critical} critical firing${firing.length > critical ? `, ${firing.length - critical} more` : ''}${muted}` };
  if (firing.length) return { verdict: 'warn', summary: `${firing.length} firing${muted}` };
  return { verdict: 'ok', summary: `nothing firing${muted}` };
}
