// A log view's title info and status line, pure: what it follows and how (window, previous), the streams'
// state (streaming, reconnecting, ended), how many lines it holds and dropped, whether it is paused and how
// many lines arrived since, and the filters in force (a bad regex says so).
import { logWindow } from '../logs/record.js';
import type { LogView } from '../store/logs-slice.js';
import type { LogFilters } from './log-lines.js';

const n = (x: number) => x.toLocaleString('en-US');

/** The title's right side: "Deployment matrix/sol (2 pods) · tail · previous". */
export function logTitleInfo(view: LogView): string {
  const what = view.source.describe ?? view.title;
  const window = view.spec?.sinceTime ? `from ${new Date(view.spec.sinceTime).toISOString().slice(11, 19)}` : logWindow(view.window).label;
  return [what, view.kind === 'kubernetes' ? window : '', view.spec?.previous ? 'previous instances' : ''].filter(Boolean).join(' · ');
}

export interface LogStatus {
  text: string;
  tone?: 'ok' | 'warn' | 'failing' | 'muted';
}

/** The status line under the title. */
export function logStatus(view: LogView, filters: LogFilters, arrived: number, include: string): LogStatus[] {
  const out: LogStatus[] = [];
  const s = view.source;
  if (s.status === 'error') return [{ text: s.error ?? 'The view cannot follow.', tone: 'failing' }];
  if (s.status === 'resolving') out.push({ text: view.kind === 'loki' ? 'Asking Loki…' : `Finding ${view.title}…`, tone: 'muted' });
  const streaming = s.streams.filter((x) => x.state === 'streaming').length;
  const reconnecting = s.streams.filter((x) => x.state === 'reconnecting').length;
  const ended = s.streams.filter((x) => x.state === 'ended').length;
  const failed = s.streams.filter((x) => x.state === 'error');
  if (s.status !== 'resolving') {
    const parts = [view.kind === 'loki' ? (streaming ? 'live' : 'not live') : `${streaming} streaming`];
    if (reconnecting) parts.push(`${reconnecting} reconnecting`);
    if (ended) parts.push(`${ended} ended`);
    if (s.resumes) parts.push(`${s.resumes} resumed`);
    if (s.status === 'done') parts.push('read once');
    out.push({ text: parts.join(', '), tone: reconnecting || failed.length ? 'warn' : streaming ? 'ok' : 'muted' });
  }
  if (s.error) out.push({ text: s.error, tone: 'warn' });
  for (const f of failed.slice(0, 1)) out.push({ text: `${f.pod}/${f.container}: ${f.error ?? 'failed'}`, tone: 'warn' });
  out.push({ text: `${n(view.ring.size)} lines${view.ring.dropped ? `, ${n(view.ring.dropped)} dropped` : ''}`, tone: view.ring.dropped ? 'warn' : 'muted' });
  if (!view.display.follow || view.display.offset > 0) out.push({ text: view.display.follow ? 'scrolled (G follows)' : `PAUSED · ${n(arrived)} new (s follows)`, tone: 'warn' });
  const f = [include ? `/${include}/` : '', view.display.exclude ? `-/${view.display.exclude}/` : '', view.display.highlight ? `*${view.display.highlight}*` : ''].filter(Boolean);
  if (f.length) out.push({ text: f.join(' '), tone: 'muted' });
  for (const e of filters.errors) out.push({ text: e, tone: 'failing' });
  return out;
}
