// Silences as actions (tier change, y/N): add a silence for some label matchers, for a duration, with a
// required comment; expire silences by id. The equivalent commands are amtool's, exactly as it takes them. The
// preflight reads AlertManager through the session's client: the alerts the new silence would match now
// (karma's "affected alerts" preview; none is a warning), or the silence about to be expired and what it
// silences now. The writes go through the AlertManager writer; the verification reads the silence back.
import { formatMatcher, matchesAll } from '../../alerts/matchers.js';
import { parseDuration } from '../../logs/duration.js';
import { amtoolSilenceAdd, amtoolSilenceExpire } from '../../sources/alertmanager/amtool.js';
import type { AlertmanagerClient } from '../../sources/alertmanager/client.js';
import { alertRecords, silenceRecords } from '../../sources/alertmanager/records.js';
import type { AlertRecord, SilenceMatcher } from '../../store/alerts-slice.js';
import type { SourceClients } from '../../sources/source.js';
import { confirmationFor } from '../tiers.js';
import type { Action, ActionStep, PreflightLine, StepContext } from '../types.js';
import { equivalentOf } from './refs.js';

/** The sentence a dry run gives for what it did not send (the writer sent nothing). */
function dryRunSentence(what: string, url: string): string {
  return `Dry run: would ${what} at ${url}; nothing was sent.`;
}

/** The alerts a preflight lists one by one; more are counted. */
const LISTED = 8;

function readClient(clients: SourceClients): AlertmanagerClient {
  if (!clients.alertmanager) throw new Error('No AlertManager in this run: set ALERTMANAGER_URL or --alertmanager.url.');
  if (clients.alertmanager.problem) throw new Error(clients.alertmanager.problem);
  return clients.alertmanager;
}

function writer(ctx: StepContext) {
  const w = ctx.writers.alertmanager;
  if (!w) throw new Error('No AlertManager in this run: set ALERTMANAGER_URL or --alertmanager.url.');
  return w;
}

function alertLine(a: AlertRecord): string {
  const summary = a.annotations.summary ?? a.annotations.description ?? '';
  return `${a.alertname || '(no alertname)'} ${a.severity} ${a.state}${summary ? `: ${summary}` : ''}`;
}

/** The alerts that match the matchers now, as preflight lines (none matching is a warning: a typo?). */
export function matchedLines(alerts: readonly AlertRecord[], matchers: readonly SilenceMatcher[]): PreflightLine[] {
  const hit = alerts.filter((a) => matchesAll(matchers, a.labels));
  if (!hit.length) return [{ label: 'Would silence', value: 'no alert matches these matchers now (a silence for alerts yet to fire is allowed: check the matchers)', level: 'warn' }];
  const lines: PreflightLine[] = [{ label: 'Would silence', value: `${hit.length} alert${hit.length === 1 ? '' : 's'} firing now`, level: 'info' }];
  for (const a of hit.slice(0, LISTED)) lines.push({ label: 'Matches', value: alertLine(a), level: 'info' });
  if (hit.length > LISTED) lines.push({ label: 'Matches', value: `… and ${hit.length - LISTED} more`, level: 'info' });
  return lines;
}

export interface SilenceAddOptions {
  /** The AlertManager URL, for the equivalent command (the client's url). */
  url: string;
  matchers: SilenceMatcher[];
  /** createdBy (amtool's --author; default the OS user). */
  author: string;
  /** For the equivalent command shown before the params are given; the run reads params.duration and params.comment. */
  duration?: string;
  comment?: string;
}

/** The duration param as ms, or one sentence. */
export function silenceDurationMs(text: string | undefined): number {
  const ms = parseDuration(text ?? '');
  if (ms === undefined) throw new Error(`The duration must be such as 1h, 30m or 2h30m, not "${text ?? ''}".`);
  return ms;
}

/** `silence add MATCHER...`: a change, y/N; params duration and comment (both required). */
export function silenceAddAction(o: SilenceAddOptions): Action {
  if (!o.matchers.length) throw new Error('A silence needs at least one matcher, such as alertname=PostgresDown.');
  const text = o.matchers.map(formatMatcher).join(', ');
  const step: ActionStep = {
    title: `Silence {${text}}`,
    tier: 'change',
    dryRunnable: true,
    calls: [{ equivalent: equivalentOf(amtoolSilenceAdd(o.url, o.matchers, o.duration ?? '1h', o.comment ?? '<comment>', o.author)), method: 'POST', path: '/api/v2/silences' }],
    async preflight({ clients, params, now }) {
      const lines: PreflightLine[] = [];
      try {
        const ms = silenceDurationMs(params.duration ?? o.duration ?? '1h');
        lines.push({ label: 'Until', value: `${new Date(now() + ms).toISOString()} (${params.duration ?? o.duration ?? '1h'})`, level: 'ok' });
      } catch (err) {
        lines.push({ label: 'Duration', value: (err as Error).message, level: 'blocking' });
      }
      const alerts = alertRecords(await readClient(clients).alerts());
      return [...lines, ...matchedLines(alerts, o.matchers)];
    },
    async run(ctx) {
      const comment = (ctx.params.comment ?? '').trim();
      if (!comment) throw new Error('A silence needs a comment: say why (a ticket, what is being fixed).');
      const ms = silenceDurationMs(ctx.params.duration);
      const start = ctx.now();
      const w = writer(ctx);
      const { silenceID } = await w.createSilence({ matchers: o.matchers, startsAt: new Date(start).toISOString(), endsAt: new Date(start + ms).toISOString(), createdBy: o.author, comment });
      if (ctx.dryRun) return { ok: true, message: dryRunSentence(`silence {${text}} for ${ctx.params.duration}`, o.url) };
      return { ok: true, message: `Silence ${silenceID} made for {${text}} until ${new Date(start + ms).toISOString()}.`, facts: { silenceID }, lines: [silenceID] };
    },
    async verify(ctx, ran) {
      const id = String(ran.facts?.silenceID ?? '');
      const s = silenceRecords(await readClient(ctx.clients).silences()).find((x) => x.id === id);
      if (!s) return { ok: false, message: `AlertManager took the silence but does not list ${id}; check with sunbeam-console mon silence query.` };
      return { ok: s.state !== 'expired', message: s.state === 'expired' ? `Silence ${id} is already expired.` : `Silence ${id} is ${s.state} until ${s.endsAt}.` };
    },
  };
  return {
    id: 'silence-add',
    verb: 'silence alerts',
    title: `Silence alerts matching {${text}}`,
    target: { kind: 'Silence', namespace: '', name: `{${text}}` },
    tier: 'change',
    confirmation: confirmationFor('change', text),
    params: [
      { name: 'duration', prompt: 'how long (such as 1h, 30m)', example: '1h' },
      { name: 'comment', prompt: 'a comment: why (required)' },
    ],
    steps: [step],
  };
}

function expireStep(url: string, id: string): ActionStep {
  return {
    title: `Expire silence ${id}`,
    tier: 'change',
    dryRunnable: true,
    calls: [{ equivalent: equivalentOf(amtoolSilenceExpire(url, id)), method: 'DELETE', path: `/api/v2/silence/${id}` }],
    async preflight({ clients }) {
      const c = readClient(clients);
      const [silences, alerts] = await Promise.all([c.silences(), c.alerts()]);
      const s = silenceRecords(silences).find((x) => x.id === id);
      if (!s) return [{ label: `Silence ${id}`, value: 'AlertManager has no silence of that id (see sunbeam-console mon silence query)', level: 'blocking' }];
      if (s.state === 'expired') return [{ label: `Silence ${id}`, value: `already expired (at ${s.endsAt})`, level: 'blocking' }];
      const muted = alertRecords(alerts).filter((a) => a.silencedBy.includes(id));
      return [
        { label: `Silence ${id}`, value: `{${s.matchers.map(formatMatcher).join(', ')}} by ${s.createdBy || '?'} until ${s.endsAt}: ${s.comment}`, level: 'info' },
        { label: 'Would un-silence', value: muted.length ? `${muted.length} alert${muted.length === 1 ? '' : 's'} (${muted.slice(0, LISTED).map((a) => a.alertname).join(', ')}): they notify again` : 'no alert it silences now', level: muted.length ? 'warn' : 'info' },
      ];
    },
    async run(ctx) {
      await writer(ctx).expireSilence(id);
      if (ctx.dryRun) return { ok: true, message: dryRunSentence(`expire silence ${id}`, url) };
      return { ok: true, message: `Silence ${id} expired.` };
    },
    async verify(ctx) {
      const s = silenceRecords(await readClient(ctx.clients).silences()).find((x) => x.id === id);
      return !s || s.state === 'expired' ? { ok: true, message: `Silence ${id} is expired.` } : { ok: false, message: `Silence ${id} is still ${s.state}.` };
    },
  };
}

/** `silence expire ID...`: a change, y/N; one step per id. */
export function silenceExpireAction(url: string, ids: readonly string[]): Action {
  if (!ids.length) throw new Error('Give the id of the silence to expire (see sunbeam-console mon silence query).');
  const name = ids.join(' ');
  return {
    id: 'silence-expire',
    verb: 'expire silences',
    title: ids.length === 1 ? `Expire silence ${ids[0]}` : `Expire ${ids.length} silences`,
    target: { kind: 'Silence', namespace: '', name },
    tier: 'change',
    confirmation: confirmationFor('change', name),
    params: [],
    steps: ids.map((id) => expireStep(url, id)),
  };
}
