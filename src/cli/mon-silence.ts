// `sunbeam-console mon silence add|query|expire`, as amtool's `silence` commands take them: add MATCHER...
// --duration 1h --comment TEXT [--author NAME] (the comment is required; the author defaults to $USER; prints
// the new silence's id), query [--expired] [-q] [MATCHER...] [--json] (amtool's columns: ID, Matchers, Ends At,
// Created By, Comment), expire ID... The changes go through the executor (journaled, read-only respected,
// confirmed or --yes) as every action one-shot does (action-cli.ts); the actions are src/actions/primitives/silence.ts.
import { userInfo } from 'node:os';
import { formatMatcher, MatcherError, matchesAll, parseMatchers } from '../alerts/matchers.js';
import { silenceAddAction, silenceExpireAction } from '../actions/primitives/silence.js';
import { parseDuration } from '../logs/duration.js';
import { silenceRecords } from '../sources/alertmanager/records.js';
import type { SilenceRecord } from '../store/alerts-slice.js';
import { runAction, UsageError, usageFailure } from './action-cli.js';
import { openAlertmanagerRun, type AlertmanagerRun, type AlertmanagerValues } from './alertmanager-run.js';
import { table } from './table.js';

interface Values extends AlertmanagerValues {
  duration?: string;
  comment?: string;
  author?: string;
  expired?: boolean;
  quiet?: boolean;
  json?: boolean;
  yes?: boolean;
  dryRun?: boolean;
}

/** Runs a body on the AlertManager run: usage errors exit 2, anything else is one sentence and `failCode`. */
async function withRun(name: string, values: Values, failCode: number, body: (r: AlertmanagerRun) => Promise<number>): Promise<number> {
  let r: AlertmanagerRun | undefined;
  try {
    r = await openAlertmanagerRun(values);
    return await body(r);
  } catch (err) {
    if (err instanceof UsageError || err instanceof MatcherError) return usageFailure(name, err);
    process.stderr.write(`sunbeam-console ${name}: ${(err as Error).message.split('\n')[0]}\n`);
    return failCode;
  } finally {
    await r?.stop();
  }
}

function defaultAuthor(): string {
  const env = process.env.USER?.trim();
  if (env) return env;
  try {
    return userInfo().username;
  } catch {
    return 'sunbeam-console';
  }
}

export async function add(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const name = 'mon silence add';
  const values = opts as Values;
  let matchers;
  const duration = values.duration ?? '1h';
  const durationMs = parseDuration(duration);
  const comment = (values.comment ?? '').trim();
  try {
    matchers = parseMatchers(args);
    if (!matchers.length) throw new UsageError('give at least one matcher, such as alertname=PostgresDown or severity="critical".');
    if (durationMs === undefined) throw new UsageError(`--duration must be such as 1h, 30m or 2h30m, not "${duration}".`);
    if (!comment) throw new UsageError('--comment is required: say why (a ticket, what is being fixed).');
  } catch (err) {
    return usageFailure(name, err);
  }
  const author = values.author?.trim() || defaultAuthor();
  return withRun(name, values, 1, async (r) => {
    const action = silenceAddAction({ url: r.client.url, matchers, author, durationMs: durationMs!, comment });
    return runAction(action, r, { yes: values.yes, dryRun: values.dryRun });
  });
}

export async function expire(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const name = 'mon silence expire';
  const values = opts as Values;
  const ids = args.map((a) => a.trim()).filter(Boolean);
  if (!ids.length) return usageFailure(name, new UsageError('give the id of the silence to expire (see sunbeam-console mon silence query -q).'));
  return withRun(name, values, 1, (r) => runAction(silenceExpireAction({ url: r.client.url, ids }), r, { yes: values.yes, dryRun: values.dryRun }));
}

/** A silence's equality matchers as a label set, for MATCHER... filters (as AlertManager's silence filter reads them). */
function labelsOf(s: SilenceRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchers) out[m.name] = m.value;
  return out;
}

/** amtool's silence query table: ID, Matchers, Ends At, Created By, Comment. */
export function silencesText(silences: readonly SilenceRecord[]): string {
  if (!silences.length) return 'No silences.';
  return table(
    ['ID', 'MATCHERS', 'ENDS AT', 'CREATED BY', 'COMMENT'],
    silences.map((s) => [s.id, s.matchers.map(formatMatcher).join(' '), s.endsAt, s.createdBy, s.comment.split('\n')[0]!]),
  );
}

export async function query(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const name = 'mon silence query';
  const values = opts as Values;
  return withRun(name, values, 2, async (r) => {
    const matchers = parseMatchers(args);
    const all = silenceRecords(await r.client.silences());
    const shown = all.filter((s) => (values.expired ? s.state === 'expired' : s.state !== 'expired') && matchesAll(matchers, labelsOf(s)));
    if (values.json) process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    else if (values.quiet) process.stdout.write(shown.map((s) => `${s.id}\n`).join(''));
    else process.stdout.write(`${silencesText(shown)}\n`);
    return 0;
  });
}
