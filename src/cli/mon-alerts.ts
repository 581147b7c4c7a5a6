// `sunbeam-console mon alerts [MATCHER...] [--json]` (and `mon grafana alerts`): rung 6's "check AlertManager
// for firing alerts", as amtool's `alert query` shows them (Alertname, Starts At, Summary, State), grouped by
// severity (critical first) then alertname, with each alert's target (namespace/pod) and age. MATCHER... in amtool's syntax narrows them;
// -a / -s / -i keep only the active, silenced or inhibited ones. Exit 0 when no critical alert fires (the dead
// man's switch never counts), 1 when one does, 2 when AlertManager could not be asked (or bad usage).
import { MatcherError, matchesAll, parseMatchers } from '../alerts/matchers.js';
import { formatAge } from '../ladder/age.js';
import { isFiring } from '../ladder/alerts-verdict.js';
import { alertRecords, alertTarget } from '../sources/alertmanager/records.js';
import type { AlertRecord, AlertState } from '../store/alerts-slice.js';
import { UsageError, usageFailure } from './action-cli.js';
import { openAlertmanagerRun, type AlertmanagerValues } from './alertmanager-run.js';
import { table } from './table.js';

const NAME = 'mon alerts';

interface Values extends AlertmanagerValues {
  json?: boolean;
  active?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
}

const SEVERITY_ORDER = ['critical', 'error', 'warning', 'info', 'none'];

function severityRank(s: string): number {
  const i = SEVERITY_ORDER.indexOf(s);
  return i < 0 ? SEVERITY_ORDER.length - 1.5 : i;
}

/** Severity (critical first, unknown ones before info), then alertname, then the oldest first. */
export function sortAlerts(alerts: readonly AlertRecord[]): AlertRecord[] {
  return [...alerts].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.severity.localeCompare(b.severity) || a.alertname.localeCompare(b.alertname) || a.startsAt.localeCompare(b.startsAt) || a.fingerprint.localeCompare(b.fingerprint));
}

function summaryOf(a: AlertRecord): string {
  return (a.annotations.summary ?? a.annotations.description ?? a.annotations.message ?? '').split('\n')[0]!;
}

/** The text: one block per severity ("critical (2)"), each a table of Alertname, Target (namespace/pod), Starts At, Age, State, Summary. */
export function alertsText(alerts: readonly AlertRecord[], now: number): string {
  if (!alerts.length) return 'No alerts.';
  const blocks: string[] = [];
  const sorted = sortAlerts(alerts);
  const severities = [...new Set(sorted.map((a) => a.severity))];
  for (const sev of severities) {
    const group = sorted.filter((a) => a.severity === sev);
    const rows = group.map((a) => [a.alertname || '(none)', alertTarget(a) || '-', a.startsAt, formatAge(a.startsAt, now), a.state, summaryOf(a)]);
    blocks.push(`${sev} (${group.length})\n${table(['ALERTNAME', 'TARGET', 'STARTS AT', 'AGE', 'STATE', 'SUMMARY'], rows)}`);
  }
  return blocks.join('\n\n');
}

/** The states -a / -s / -i keep (all of them without any). */
function statesOf(v: Values): Set<AlertState> | undefined {
  const s = new Set<AlertState>();
  if (v.active) s.add('active');
  if (v.silenced) s.add('silenced');
  if (v.inhibited) s.add('inhibited');
  return s.size ? s : undefined;
}

export async function run(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const values = opts as Values;
  let matchers;
  try {
    matchers = parseMatchers(args);
  } catch (err) {
    if (err instanceof MatcherError) return usageFailure(NAME, err);
    throw err;
  }
  let r;
  try {
    r = await openAlertmanagerRun(values);
    const all = alertRecords(await r.client.alerts());
    const states = statesOf(values);
    const shown = sortAlerts(all.filter((a) => matchesAll(matchers, a.labels) && (!states || states.has(a.state))));
    if (values.json) process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    else process.stdout.write(`${alertsText(shown, Date.now())}\n`);
    return shown.some((a) => isFiring(a) && a.severity === 'critical') ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(NAME, err);
    process.stderr.write(`sunbeam-console ${NAME}: ${(err as Error).message.split('\n')[0]}\n`);
    return 2;
  } finally {
    await r?.stop();
  }
}
