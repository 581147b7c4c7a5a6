// Silences (rung 6) as actions: add one from label matchers, for a duration, with a required comment, showing
// the alerts it would match before it is confirmed; expire silences by id. Both are changes (y/N), journaled by
// the executor, and go through the AlertManager writer (POST /api/v2/silences, DELETE /api/v2/silence/{id}); a
// dry run sends nothing. The equivalent is the amtool command exactly as a user would type it (amtool.ts).
// Two callers: the console gives what its pane shows (the alerts the matchers match now, from the store, and
// the silence record): the source polling AlertManager shows the outcome in the pane. The one-shots give no
// preview: the preflight then reads AlertManager through the session's client, and the verification reads the
// silence back (there is no pane to show it).
import { formatMatcher, matchesAll } from '../../alerts/matchers.js';
import { amtoolSilenceAdd, amtoolSilenceExpire } from '../../sources/alertmanager/amtool.js';
import type { AlertmanagerClient } from '../../sources/alertmanager/client.js';
import { alertRecords, alertTarget, silenceRecords } from '../../sources/alertmanager/records.js';
import type { SourceClients } from '../../sources/source.js';
import type { AlertRecord, SilenceMatcher, SilenceRecord } from '../../store/alerts-slice.js';
import { confirmationFor } from '../tiers.js';
import type { Action, ActionStep, PreflightLine, StepContext, StepRun, VerifyResult } from '../types.js';

const NOT_CONFIGURED = 'AlertManager is not configured: set ALERTMANAGER_URL (or --alertmanager.url), or try --demo.';

/** The alerts a preflight lists one by one; more are counted. */
const LISTED = 8;

/** A duration in ms as Go (amtool's --duration) writes it: 1h, 30m, 1h30m, 90s, 36h. */
export function goDuration(ms: number): string {
  let s = Math.max(1, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

function readClient(clients: SourceClients): AlertmanagerClient {
  if (!clients.alertmanager) throw new Error(NOT_CONFIGURED);
  if (clients.alertmanager.problem) throw new Error(clients.alertmanager.problem);
  return clients.alertmanager;
}

/** The sentence a dry run gives for what it did not send (the writer sent nothing). */
function dryRunSentence(what: string, url: string): string {
  return `Dry run: would ${what} at ${url}; nothing was sent.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "critical PostgresDown data/postgres-1 (active)". */
function previewLine(a: AlertRecord): string {
  const where = alertTarget(a);
  return `${a.severity} ${a.alertname || '(no alertname)'}${where ? ` ${where}` : ''} (${a.state})`;
}

/** The alerts the matchers match, as preflight lines (none matching is a warning: a typo, or what fires later). */
export function matchedLines(matched: readonly AlertRecord[]): PreflightLine[] {
  if (!matched.length) return [{ label: 'Matches now', value: 'no alert (it silences what fires later; check the matchers)', level: 'warn' }];
  const lines: PreflightLine[] = [{ label: 'Matches now', value: plural(matched.length, 'alert'), level: 'info' }];
  for (const a of matched.slice(0, LISTED)) lines.push({ label: 'Matches', value: previewLine(a), level: 'info' });
  if (matched.length > LISTED) lines.push({ label: 'Matches', value: `… and ${matched.length - LISTED} more`, level: 'info' });
  return lines;
}

export interface SilenceAddInput {
  /** The AlertManager URL (the client's), for the equivalent command. */
  url: string;
  matchers: SilenceMatcher[];
  durationMs: number;
  /** Required. */
  comment: string;
  /** createdBy (amtool's --author). */
  author: string;
  /** The console's: the alerts the matchers match now (from the store). Without it the preflight asks AlertManager. */
  preview?: AlertRecord[];
}

export function silenceAddAction(input: SilenceAddInput): Action {
  const { url, matchers, durationMs, author, preview } = input;
  const comment = input.comment.trim();
  if (!matchers.length) throw new Error('A silence needs at least one matcher, such as alertname=PostgresDown.');
  if (!comment) throw new Error('A silence needs a comment: say why (a ticket, what is being fixed).');
  if (!(durationMs > 0)) throw new Error('A silence needs a duration, such as 1h or 30m.');
  const duration = goDuration(durationMs);
  const name = matchers.map(formatMatcher).join(',');
  async function run(ctx: StepContext): Promise<StepRun> {
    const writer = ctx.writers.alertmanager;
    if (!writer) return { ok: false, message: NOT_CONFIGURED };
    const start = ctx.now();
    const endsAt = new Date(start + durationMs).toISOString();
    const { silenceID } = await writer.createSilence({ matchers, startsAt: new Date(start).toISOString(), endsAt, createdBy: author, comment });
    if (ctx.dryRun) return { ok: true, message: dryRunSentence(`silence ${name} for ${duration}`, url) };
    const matching = preview ? `; it matches ${plural(preview.length, 'alert')} now` : '';
    return { ok: true, message: `Silence ${silenceID} made for ${duration}, until ${endsAt.slice(0, 16).replace('T', ' ')} UTC${matching}.`, facts: { silenceID, matchers: matchers.map(formatMatcher), endsAt }, lines: [silenceID] };
  }
  async function verify(ctx: StepContext, ran: StepRun): Promise<VerifyResult> {
    const id = String(ran.facts?.silenceID ?? '');
    const s = silenceRecords(await readClient(ctx.clients).silences()).find((x) => x.id === id);
    if (!s) return { ok: false, message: `AlertManager took the silence but does not list ${id}; check with sunbeam-console mon silence query.` };
    if (s.state === 'expired') return { ok: false, message: `Silence ${id} is already expired.` };
    return { ok: true, message: `${ran.message} AlertManager lists it as ${s.state}.` };
  }
  const step: ActionStep = {
    title: `Add a silence for ${duration}`,
    tier: 'change',
    dryRunnable: true,
    calls: [{ equivalent: { tool: 'amtool', command: amtoolSilenceAdd(url, matchers, duration, comment, author) }, method: 'POST', path: '/api/v2/silences' }],
    async preflight({ clients }) {
      const matched = preview ?? alertRecords(await readClient(clients).alerts()).filter((a) => matchesAll(matchers, a.labels));
      return [...matchedLines(matched), { label: 'Comment', value: comment, level: 'info' }, { label: 'Author', value: author, level: 'info' }];
    },
    run,
    ...(preview ? {} : { verify }),
  };
  return {
    id: 'silence-add',
    verb: 'silence',
    title: `Silence ${name} for ${duration}`,
    target: { kind: 'Silence', namespace: '', name },
    tier: 'change',
    confirmation: confirmationFor('change', name),
    params: [],
    steps: [step],
    ...(preview ? { detail: preview.length ? ['It would silence, now:', ...preview.map((a) => `  ${previewLine(a)}`)].join('\n') : 'It matches no alert now.' } : {}),
  };
}

function describeSilence(s: SilenceRecord): string {
  return `${s.matchers.map(formatMatcher).join(',')} by ${s.createdBy || '?'}: ${s.comment}`;
}

/** One silence's expiry; `known` is the console's record (no read then), else AlertManager is asked. */
function expireStep(url: string, id: string, known?: SilenceRecord): ActionStep {
  async function verify(ctx: StepContext): Promise<VerifyResult> {
    const s = silenceRecords(await readClient(ctx.clients).silences()).find((x) => x.id === id);
    return !s || s.state === 'expired' ? { ok: true, message: `Silence ${id} is expired: the alerts it silenced notify again.` } : { ok: false, message: `Silence ${id} is still ${s.state}.` };
  }
  return {
    title: `Expire silence ${id}`,
    tier: 'change',
    dryRunnable: true,
    calls: [{ equivalent: { tool: 'amtool', command: amtoolSilenceExpire(url, id) }, method: 'DELETE', path: `/api/v2/silence/${id}` }],
    async preflight({ clients }) {
      if (known) {
        return [
          { label: 'Silence', value: describeSilence(known), level: 'info' },
          { label: 'State', value: known.state, level: known.state === 'expired' ? 'warn' : 'info' },
        ];
      }
      const c = readClient(clients);
      const [silences, alerts] = await Promise.all([c.silences(), c.alerts()]);
      const s = silenceRecords(silences).find((x) => x.id === id);
      if (!s) return [{ label: `Silence ${id}`, value: 'AlertManager has no silence of that id (see sunbeam-console mon silence query)', level: 'blocking' }];
      if (s.state === 'expired') return [{ label: `Silence ${id}`, value: `already expired (at ${s.endsAt})`, level: 'blocking' }];
      const muted = alertRecords(alerts).filter((a) => a.silencedBy.includes(id));
      return [
        { label: `Silence ${id}`, value: `${describeSilence(s)} (until ${s.endsAt})`, level: 'info' },
        { label: 'Would un-silence', value: muted.length ? `${plural(muted.length, 'alert')} (${muted.slice(0, LISTED).map((a) => a.alertname).join(', ')}): they notify again` : 'no alert it silences now', level: muted.length ? 'warn' : 'info' },
      ];
    },
    async run(ctx) {
      const writer = ctx.writers.alertmanager;
      if (!writer) return { ok: false, message: NOT_CONFIGURED };
      await writer.expireSilence(id);
      if (ctx.dryRun) return { ok: true, message: dryRunSentence(`expire silence ${id}`, url) };
      return { ok: true, message: `Silence ${id} expired: the alerts it silenced notify again.`, facts: { silenceID: id } };
    },
    ...(known ? {} : { verify }),
  };
}

/** The console's (one silence it shows) or the one-shot's (ids, read from AlertManager). */
export type SilenceExpireInput = { url: string; silence: SilenceRecord } | { url: string; ids: readonly string[] };

export function silenceExpireAction(input: SilenceExpireInput): Action {
  const ids = 'silence' in input ? [input.silence.id] : [...input.ids];
  if (!ids.length) throw new Error('Give the id of the silence to expire (see sunbeam-console mon silence query).');
  const name = ids.join(' ');
  return {
    id: 'silence-expire',
    verb: 'expire a silence',
    title: ids.length === 1 ? `Expire silence ${ids[0]}` : `Expire ${ids.length} silences`,
    target: { kind: 'Silence', namespace: '', name },
    tier: 'change',
    confirmation: confirmationFor('change', name),
    params: [],
    steps: ids.map((id) => expireStep(input.url, id, 'silence' in input ? input.silence : undefined)),
  };
}
