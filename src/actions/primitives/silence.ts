// Silences (rung 6): add one from matchers, with a duration and a required comment, showing the alerts it would
// match now; expire one. Both are changes (y/N), journaled by the executor, and go through the AlertManager
// writer (POST /api/v2/silences, DELETE /api/v2/silence/{id}); the equivalent is the amtool command exactly as
// a user would type it. (A thin first version for the console's keys; the AlertManager source's helper builds
// the same builders over its client.)
import { formatMatcher } from '../../alerts/matchers.js';
import type { AlertRecord, SilenceMatcher, SilenceRecord } from '../../store/alerts-slice.js';
import { confirmationFor } from '../tiers.js';
import type { Action, StepContext, StepRun } from '../types.js';

/** A word for the shell as typed: bare when it is safe, else in single quotes. */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A duration in ms as Go (amtool's --duration) writes it: 1h, 30m, 1h30m, 90s, 36h. */
export function goDuration(ms: number): string {
  let s = Math.max(1, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

const NOT_CONFIGURED = 'AlertManager is not configured: set ALERTMANAGER_URL (or --alertmanager.url), or try --demo.';

export interface SilenceAddInput {
  url: string;
  matchers: SilenceMatcher[];
  durationMs: number;
  comment: string;
  author: string;
  /** The alerts the matchers match now (from the store): shown before it is confirmed. */
  preview: AlertRecord[];
}

function previewLine(a: AlertRecord): string {
  const where = a.labels.namespace ? `${a.labels.namespace}/${a.labels.pod ?? a.labels.service ?? a.labels.job ?? a.labels.instance ?? ''}` : (a.labels.instance ?? '');
  return `${a.severity} ${a.alertname || '(no alertname)'}${where ? ` ${where.replace(/\/$/, '')}` : ''} (${a.state})`;
}

export function silenceAddAction(input: SilenceAddInput): Action {
  const { url, matchers, durationMs, comment, author, preview } = input;
  const duration = goDuration(durationMs);
  const command = ['amtool silence add', `--alertmanager.url=${shellWord(url)}`, `--author=${shellWord(author)}`, `--duration=${duration}`, `--comment=${shellWord(comment)}`, ...matchers.map((m) => shellWord(formatMatcher(m)))].join(' ');
  const name = matchers.map(formatMatcher).join(',');
  const run = async (ctx: StepContext): Promise<StepRun> => {
    const writer = ctx.writers.alertmanager;
    if (!writer) return { ok: false, message: NOT_CONFIGURED };
    const start = ctx.now();
    const endsAt = new Date(start + durationMs).toISOString();
    const { silenceID } = await writer.createSilence({ matchers, startsAt: new Date(start).toISOString(), endsAt, createdBy: author, comment });
    return { ok: true, message: `Silence ${silenceID} made for ${duration}, until ${endsAt.slice(0, 16).replace('T', ' ')} UTC; it matches ${preview.length} alert${preview.length === 1 ? '' : 's'} now.`, facts: { silenceID, matchers: matchers.map(formatMatcher), endsAt } };
  };
  return {
    id: 'silence-add',
    verb: 'silence',
    title: `Silence ${name} for ${duration}`,
    target: { kind: 'Silence', namespace: '', name },
    tier: 'change',
    confirmation: confirmationFor('change', name),
    params: [],
    steps: [
      {
        title: `Add a silence for ${duration}`,
        tier: 'change',
        dryRunnable: false,
        calls: [{ equivalent: { tool: 'amtool', command }, method: 'POST', path: '/api/v2/silences' }],
        preflight: async () => [
          { label: 'Matches now', value: preview.length ? `${preview.length} alert${preview.length === 1 ? '' : 's'}` : 'no alert (it silences what fires later)', level: preview.length ? 'info' : 'warn' },
          { label: 'Comment', value: comment, level: 'info' },
          { label: 'Author', value: author, level: 'info' },
        ],
        run,
      },
    ],
    detail: preview.length ? [`It would silence, now:`, ...preview.map((a) => `  ${previewLine(a)}`)].join('\n') : 'It matches no alert now.',
  };
}

export function silenceExpireAction(input: { url: string; silence: SilenceRecord }): Action {
  const { url, silence } = input;
  const what = silence.matchers.map(formatMatcher).join(',');
  return {
    id: 'silence-expire',
    verb: 'expire a silence',
    title: `Expire silence ${silence.id}`,
    target: { kind: 'Silence', namespace: '', name: silence.id },
    tier: 'change',
    confirmation: confirmationFor('change', silence.id),
    params: [],
    steps: [
      {
        title: `Expire silence ${silence.id}`,
        tier: 'change',
        dryRunnable: false,
        calls: [{ equivalent: { tool: 'amtool', command: `amtool silence expire --alertmanager.url=${shellWord(url)} ${silence.id}` }, method: 'DELETE', path: `/api/v2/silence/${silence.id}` }],
        preflight: async () => [
          { label: 'Silence', value: `${what} by ${silence.createdBy}: ${silence.comment}`, level: 'info' },
          { label: 'State', value: silence.state, level: silence.state === 'expired' ? 'warn' : 'info' },
        ],
        run: async (ctx) => {
          const writer = ctx.writers.alertmanager;
          if (!writer) return { ok: false, message: NOT_CONFIGURED };
          await writer.expireSilence(silence.id);
          return { ok: true, message: `Silence ${silence.id} expired: the alerts it silenced notify again.`, facts: { silenceID: silence.id } };
        },
      },
    ],
  };
}
