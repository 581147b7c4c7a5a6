// Rung 6's rows, pure: the header (which AlertManager, its version, how old the data is, or why it cannot tell),
// the firing alerts grouped by severity (critical, warning, then the rest) and alertname with a count each,
// every alert with its age, state, where it fires (namespace/pod or instance) and summary; the silenced and
// inhibited alerts muted below them; then the active and pending silences with their matchers, author, comment
// and end. Also the
// detail of an alert (labels, annotations, generator link, receivers, what silences it, the affected pods) and
// of a silence, and the filter (amtool's matchers, or a regular expression).
import { formatMatcher, matchesAll, parseMatchers } from '../alerts/matchers.js';
import { humanDuration } from '../ladder/age.js';
import { rungEntry } from '../ladder/rung-table.js';
import { sourceStateWords } from '../ladder/source-state.js';
import type { AlertRecord, AlertsSlice, SilenceRecord } from '../store/alerts-slice.js';
import type { PodRecord, SourceHealth } from '../store/records.js';
import { compileFilter, fit, truncate } from './format.js';

type Tone = 'ok' | 'warn' | 'failing' | 'muted';
type Alerts = AlertsSlice['alerts'];

export interface AlertLine {
  key: string;
  text: string;
  tone?: Tone;
  bold?: boolean;
}

export interface AlertRow extends AlertLine {
  /** What the row is: a group or section heading, an alert, a silence, or a line of text. */
  kind: 'group' | 'section' | 'alert' | 'silence' | 'note';
  /** An alert's fingerprint or a silence's id (the selectable rows). */
  ref?: string;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, error: 1, warning: 2, warn: 2 };
const rank = (severity: string) => SEVERITY_RANK[severity] ?? (severity === 'none' ? 4 : 3);

const ago = (ms: number) => humanDuration(Math.max(0, ms));

function since(iso: string | undefined, now: number): string {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? '?' : ago(now - t);
}

/** Which AlertManager: "AlertManager 0.25.0 at URL" or "Grafana's Alertmanager at URL". */
function serverName(alerts: Alerts): string {
  const who = alerts.flavour === 'grafana' ? "Grafana's Alertmanager" : `AlertManager${alerts.version && alerts.version !== 'N/A' ? ` ${alerts.version}` : ''}`;
  return `${who}${alerts.url ? ` at ${alerts.url}` : ''}`;
}

/** Whether the pane's data is AlertManager's answer now (anything else: it cannot tell what fires). */
export function alertsLive(health: SourceHealth | undefined, alerts: Alerts): boolean {
  return Boolean(health && (health.state === 'ok' || health.state === 'degraded') && alerts.checkedAt);
}

/**
 * The header: where the alerts come from and how old they are; when AlertManager does not answer (connecting,
 * unreachable, 401...), why, and the age of the last data it gave, which the rows below still show.
 */
export function alertsHeader(alerts: Alerts, health: SourceHealth | undefined, now: number): AlertLine[] {
  if (!health || health.state === 'not-connected') {
    return [
      { key: 'head', text: 'not connected — set ALERTMANAGER_URL (or --alertmanager.url; for Grafana its /api/alertmanager/grafana URL and GRAFANA_TOKEN), or try --demo.', tone: 'muted' },
      { key: 'by-hand', text: `By hand meanwhile: ${rungEntry(6).command}` },
    ];
  }
  const where = serverName(alerts);
  const age = alerts.checkedAt ? ago(now - alerts.checkedAt) : undefined;
  if (alertsLive(health, alerts)) {
    const cluster = alerts.cluster && alerts.cluster !== 'disabled' ? ` · cluster ${alerts.cluster}` : '';
    const who = alerts.flavour === 'grafana' ? "Grafana's Alertmanager" : `AlertManager${alerts.version && alerts.version !== 'N/A' ? ` ${alerts.version}` : ''}`;
    const lines: AlertLine[] = [{ key: 'head', text: `${who} · checked ${age} ago${alerts.url ? ` · ${alerts.url}` : ''}${cluster}`, tone: health.state === 'degraded' ? 'warn' : undefined }];
    if (health.state === 'degraded' && health.lastError) lines.push({ key: 'head-why', text: health.lastError, tone: 'warn' });
    return lines;
  }
  if (health.state === 'connecting' || (health.state === 'ok' && !alerts.checkedAt)) {
    return [{ key: 'head', text: `Asking ${where}…${age ? ` (the last data is ${age} old)` : ''}`, tone: 'muted' }];
  }
  const why = health.lastError ?? `${where} ${sourceStateWords(health.state)}.`;
  const last = age ? `The last data is ${age} old: cannot tell what fires now.` : 'No data yet: cannot tell what fires.';
  return [
    { key: 'head', text: why, tone: 'warn', bold: true },
    { key: 'head-age', text: last, tone: 'warn' },
  ];
}

/** Where an alert fires: namespace/pod (or service, job), else the instance. */
export function alertWhere(a: AlertRecord): string {
  const l = a.labels;
  const thing = l.pod ?? l.service ?? l.deployment ?? l.statefulset ?? l.job ?? '';
  if (l.namespace) return thing ? `${l.namespace}/${thing}` : l.namespace;
  return l.instance ?? thing;
}

/** The alert's summary (or description, or message). */
function summaryOf(a: AlertRecord): string {
  return a.annotations.summary ?? a.annotations.description ?? a.annotations.message ?? '';
}

/**
 * The pane's filter over an alert: amtool's matchers when the text is matchers (`severity=critical
 * namespace=~"data|matrix"`), else a case-insensitive regular expression over its labels and summary.
 */
export function alertFilter(filter: string): { test: (a: AlertRecord) => boolean; error?: string } {
  const text = filter.trim();
  if (!text) return { test: () => true };
  if (/[=~]/.test(text)) {
    try {
      const matchers = parseMatchers(splitMatcherArgs(text));
      return { test: (a) => matchesAll(matchers, a.labels) };
    } catch (err) {
      return { test: () => false, error: `${(err as Error).message} Esc clears it.` };
    }
  }
  const { re, error } = compileFilter(text);
  if (!re) return { test: () => false, error };
  return { test: (a) => re.test(`${Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).join(' ')} ${summaryOf(a)}`) };
}

/** amtool's arguments from one line: words split on spaces outside double quotes and braces. */
export function splitMatcherArgs(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && quoted) {
      cur += ch + (text[++i] ?? '');
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '{') depth++;
    else if (!quoted && ch === '}') depth = Math.max(0, depth - 1);
    if (/\s/.test(ch) && !quoted && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** The columns of an alert row: age, state and where take what they need, the summary the rest. */
function alertText(a: AlertRecord, now: number, width: number): string {
  const whereWidth = Math.max(14, Math.min(40, Math.floor(width * 0.3)));
  const head = `  ${fit(since(a.startsAt, now), 6)}${fit(a.state, 10)}${fit(alertWhere(a) || '-', whereWidth)} `;
  return truncate(head + summaryOf(a), width);
}

function groupRows(list: readonly AlertRecord[], now: number, width: number, prefix: string, muted: boolean): AlertRow[] {
  const groups = new Map<string, AlertRecord[]>();
  const sorted = [...list].sort((x, y) => rank(x.severity) - rank(y.severity) || x.severity.localeCompare(y.severity) || x.alertname.localeCompare(y.alertname) || Date.parse(x.startsAt) - Date.parse(y.startsAt) || x.fingerprint.localeCompare(y.fingerprint));
  for (const a of sorted) {
    const k = `${a.severity}\u0000${a.alertname}`;
    const g = groups.get(k);
    if (g) g.push(a);
    else groups.set(k, [a]);
  }
  const rows: AlertRow[] = [];
  for (const [k, g] of groups) {
    const sev = g[0]!.severity;
    const tone: Tone = muted ? 'muted' : rank(sev) === 0 ? 'failing' : rank(sev) <= 2 ? 'warn' : 'muted';
    rows.push({ kind: 'group', key: `${prefix}group:${k}`, text: truncate(`${sev.toUpperCase()} ${g[0]!.alertname || '(no alertname)'} (${g.length})`, width), tone, bold: !muted });
    for (const a of g) rows.push({ kind: 'alert', key: `${prefix}alert:${a.fingerprint}`, ref: a.fingerprint, text: alertText(a, now, width), tone: muted ? 'muted' : undefined });
  }
  return rows;
}

/** When a silence ends (or began, or ended), in words. */
export function silenceWhen(s: SilenceRecord, now: number): string {
  const start = Date.parse(s.startsAt);
  const end = Date.parse(s.endsAt);
  if (s.state === 'pending' && !Number.isNaN(start)) return `starts in ${ago(start - now)}`;
  if (s.state === 'expired') return Number.isNaN(end) ? 'ended' : `ended ${ago(now - end)} ago`;
  return Number.isNaN(end) ? 'no end' : `ends in ${ago(end - now)}`;
}

function silenceText(s: SilenceRecord, now: number, width: number): string {
  const matchers = s.matchers.map(formatMatcher).join(' ');
  return truncate(`  ${fit(s.state, 8)}${fit(silenceWhen(s, now), 16)}${matchers} · ${s.createdBy}: ${s.comment}`, width);
}

export interface AlertRowsInput {
  alerts: Alerts;
  now: number;
  width: number;
  /** Show the silenced and inhibited alerts. */
  showMuted: boolean;
  filter: string;
  /** Whether the data is AlertManager's answer now (else no "nothing firing"). */
  live: boolean;
}

/** The pane's rows: firing groups, the muted alerts, the silences. */
export function alertRows(input: AlertRowsInput): AlertRow[] {
  const { alerts, now, width, showMuted, live } = input;
  const f = alertFilter(input.filter);
  const shown = alerts.alerts.filter(f.test);
  const firing = shown.filter((a) => a.state === 'active' || a.state === 'unprocessed');
  const muted = shown.filter((a) => a.state === 'silenced' || a.state === 'inhibited');
  const rows: AlertRow[] = [];
  if (f.error) rows.push({ kind: 'note', key: 'filter-error', text: truncate(f.error, width), tone: 'warn' });
  const filtered = input.filter.trim() ? ` matching ${input.filter.trim()}` : '';
  if (firing.length) rows.push(...groupRows(firing, now, width, '', false));
  else if (live) rows.push({ kind: 'note', key: 'none-firing', text: truncate(`Nothing firing${filtered}.`, width), tone: 'ok' });
  else if (alerts.checkedAt) rows.push({ kind: 'note', key: 'none-firing', text: truncate(`Nothing was firing${filtered} in the last data.`, width), tone: 'muted' });
  if (muted.length) {
    const silenced = muted.filter((a) => a.state === 'silenced').length;
    const words = `${silenced} silenced, ${muted.length - silenced} inhibited`;
    rows.push({ kind: 'section', key: 'muted', text: truncate(showMuted ? `Silenced and inhibited (${words}) · m hides them` : `${words} hidden · m shows them`, width), tone: 'muted', bold: true });
    if (showMuted) rows.push(...groupRows(muted, now, width, 'muted:', true));
  }
  // Active first, then pending, each by when it ends; expired ones are only counted (amtool silence query --expired lists them).
  const listed = alerts.silences.filter((s) => s.state !== 'expired').sort((a, b) => (a.state === b.state ? 0 : a.state === 'active' ? -1 : 1) || Date.parse(a.endsAt) - Date.parse(b.endsAt));
  const expired = alerts.silences.length - listed.length;
  rows.push({ kind: 'section', key: 'silences', text: truncate(`Silences (${listed.length} active or pending${expired ? `, ${expired} expired not listed` : ''})`, width), bold: true });
  if (!listed.length && alerts.checkedAt) rows.push({ kind: 'note', key: 'no-silences', text: '  none', tone: 'muted' });
  for (const s of listed) rows.push({ kind: 'silence', key: `silence:${s.id}`, ref: s.id, text: silenceText(s, now, width) });
  return rows;
}

/** The pods of the Status rung an alert is about: its namespace and pod label, else its workload's pods. */
export function affectedPods(a: AlertRecord, pods: Readonly<Record<string, PodRecord>>): PodRecord[] {
  const l = a.labels;
  if (!l.namespace) return [];
  if (l.pod) {
    const p = pods[`${l.namespace}/${l.pod}`];
    return p ? [p] : [];
  }
  const owner = l.deployment ?? l.statefulset ?? l.daemonset ?? l.cluster ?? l.service ?? l.job;
  if (!owner) return [];
  return Object.values(pods).filter((p) => p.namespace === l.namespace && (p.ownerName === owner || p.labels.app === owner || p.labels['app.kubernetes.io/name'] === owner));
}

/** An alert in full: every label, every annotation, the generator link, receivers, what mutes it, the affected pods. */
export function alertDetailLines(a: AlertRecord, alerts: Alerts, pods: Readonly<Record<string, PodRecord>>, now: number): string[] {
  const lines = [`${a.severity.toUpperCase()} · ${a.alertname || '(no alertname)'} · ${a.state} · firing for ${since(a.startsAt, now)} (since ${a.startsAt})`, '', 'Labels'];
  for (const [k, v] of Object.entries(a.labels).sort(([x], [y]) => x.localeCompare(y))) lines.push(`  ${k}=${JSON.stringify(v)}`);
  lines.push('', 'Annotations');
  const ann = Object.entries(a.annotations).sort(([x], [y]) => x.localeCompare(y));
  if (!ann.length) lines.push('  none');
  for (const [k, v] of ann) lines.push(`  ${k}: ${v}`);
  lines.push('', `Generator: ${a.generatorURL || '-'}`, `Receivers: ${a.receivers.length ? a.receivers.join(', ') : '-'}`);
  for (const id of a.silencedBy) {
    const s = alerts.silences.find((x) => x.id === id);
    lines.push(`Silenced by ${id}${s ? `: ${s.matchers.map(formatMatcher).join(' ')} · ${s.createdBy}: ${s.comment} · ${silenceWhen(s, now)}` : ''}`);
  }
  for (const fp of a.inhibitedBy) {
    const by = alerts.alerts.find((x) => x.fingerprint === fp);
    lines.push(`Inhibited by ${by ? `${by.alertname} ${alertWhere(by)} (${fp})` : fp}`);
  }
  const affected = affectedPods(a, pods);
  lines.push('', 'Affected pods (Status rung)');
  if (!affected.length) lines.push(a.labels.namespace ? `  none found in ${a.labels.namespace} for its labels` : '  none: the alert names no namespace');
  for (const p of affected) lines.push(`  ${p.namespace}/${p.name} · ${p.status} · ${p.readyContainers}/${p.totalContainers} ready · ${p.restarts} restarts`);
  return lines;
}

/** A silence in full: matchers, who and why, when, and the alerts it matches now. */
export function silenceDetailLines(s: SilenceRecord, alerts: Alerts, now: number): string[] {
  const matched = alerts.alerts.filter((a) => matchesAll(s.matchers, a.labels));
  const lines = [`Silence ${s.id} · ${s.state} · ${silenceWhen(s, now)}`, '', 'Matchers'];
  for (const m of s.matchers) lines.push(`  ${formatMatcher(m)}`);
  lines.push('', `Created by: ${s.createdBy}`, `Comment: ${s.comment}`, `Starts: ${s.startsAt}`, `Ends: ${s.endsAt}`, '', `Matches now (${matched.length})`);
  for (const a of matched) lines.push(`  ${a.severity} ${a.alertname} ${alertWhere(a)} (${a.state})`);
  return lines;
}
