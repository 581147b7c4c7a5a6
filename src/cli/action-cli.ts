// Shared plumbing of the one-shot action commands (restart, backup, cert renew, runbook run): their values, the run's
// session (src/session: config, read-only, the kubeconfig or the in-process simulator with --demo, the journal,
// the writers), the confirmation prompt, and running an Action through the executor with progress on stderr. Exit codes: 0 done, 1 failed or refused,
// 2 bad usage (including a missing --yes when stdin is not a terminal).
import { createInterface } from 'node:readline/promises';
import { errorSentence } from '../actions/error-sentence.js';
import { execute } from '../actions/executor.js';
import { preflight } from '../actions/preflight.js';
import { parseRef } from '../actions/primitives/refs.js';
import { confirmationPrompt, readOnlyRefusal } from '../actions/tiers.js';
import type { Action, PreflightLine, Progress } from '../actions/types.js';
import { ConfigError, loadConfig, type ConfigFlags, type ConsoleConfig } from '../config/index.js';
import { prepareSession, type PendingSession, type Session } from '../session/index.js';
import { journalDirFor } from '../session/settings.js';

export class UsageError extends Error {}

/** The connection flags every action command takes (program-spec.ts), as commander's opts() names them. */
export interface ConnectionValues {
  kubeconfig?: string;
  context?: string;
  demo?: boolean;
  scenario?: string;
  readOnly?: boolean;
}

/** An action command's flags: the connection, -n and the confirmation/dry-run/timeout ones. */
export interface ActionValues extends ConnectionValues {
  namespace?: string;
  yes?: boolean;
  dryRun?: boolean;
  timeout?: string;
}

/** Writes a command's usage error as one sentence; returns exit code 2. */
export function usageFailure(name: string, err: unknown): number {
  process.stderr.write(`sunbeam-console ${name}: ${(err as Error).message}\n`);
  return 2;
}

/**
 * NS/NAME, or NAME in the namespace of -n (else the session's: the config file's or the context's), as kubectl
 * reads `-n NS NAME`. Throws one sentence.
 */
export function targetRef(arg: string, flag: string | undefined, fallback?: string): { namespace: string; name: string } {
  if (arg.includes('/')) {
    const ref = parseRef(arg);
    if (flag && flag !== ref.namespace) throw new UsageError(`give the namespace once: ${arg} names ${ref.namespace}, -n names ${flag}.`);
    return ref;
  }
  const ns = flag ?? fallback;
  return parseRef(ns ? `${ns}/${arg}` : arg);
}

/** The configuration (file < environment < flags); a bad config file is a usage error of one sentence. */
export function config(flags: ConfigFlags = {}): ConsoleConfig {
  try {
    return loadConfig({ flags });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

/** The journal directory: the configured one, or a separate one for --demo runs (drills never pollute it). */
export function journalDir(demo: boolean, cfg: ConsoleConfig = config()): string {
  return journalDirFor(cfg, demo);
}

/**
 * The run's session, prepared: its settings (the config file, read-only, the Box's names) without opening
 * anything. A bad config file is a usage error of one sentence.
 */
export function prepare(values: ConnectionValues): PendingSession {
  try {
    // readOnly: --read-only, SUNBEAM_READ_ONLY or `readOnly: true` in the config file; the executor enforces it.
    return prepareSession({
      flags: { kubeconfig: values.kubeconfig, context: values.context, readOnly: values.readOnly ? true : undefined },
      demo: values.demo === true,
      scenario: values.scenario,
      settleDemo: true,
    });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

async function connect(values: ConnectionValues, pending = prepare(values)): Promise<Session> {
  if (!values.demo && values.scenario) throw new UsageError('--scenario only goes with --demo.');
  return pending.connect();
}

const MARK: Record<PreflightLine['level'], string> = { ok: 'ok', warn: 'WARN', blocking: 'BLOCKING', info: '--' };

function printPlan(action: Action, lines: PreflightLine[], dryRun: boolean): void {
  const err = process.stderr;
  err.write(`${dryRun ? 'Dry run: ' : ''}${action.title}  [${action.tier}]\n`);
  for (const s of action.steps) for (const c of s.calls) err.write(`  $ ${c.equivalent.command}\n`);
  for (const l of lines) err.write(`  ${MARK[l.level].padEnd(8)} ${l.label}: ${l.value}\n`);
  if (action.detail && action.id === 'pitr') err.write(`\n${action.detail}\n`);
}

async function ask(action: Action): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(`${confirmationPrompt(action)} `);
  } finally {
    rl.close();
  }
}

function progressPrinter(): (p: Progress) => void {
  let lastWait = '';
  return (p) => {
    if (p.kind === 'output') process.stdout.write(`${p.line}\n`);
    else if (p.kind === 'phase') process.stderr.write(`… ${p.text}\n`);
    else if (p.text !== lastWait) {
      lastWait = p.text;
      process.stderr.write(`  ${p.text} (${Math.round(p.elapsedMs / 1000)} s)\n`);
    }
  };
}

export function parseTimeout(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--timeout must be a number of seconds, not "${v}".`);
  return Number(v) * 1000;
}

/** Preflight, confirm (or --yes), execute, print the outcome. Returns the exit code. */
export async function runAction(
  action: Action,
  s: Pick<Session, 'clients' | 'writers' | 'journal' | 'readOnly' | 'config'>,
  o: { yes?: boolean; dryRun?: boolean; timeoutMs?: number; params?: Record<string, string> },
): Promise<number> {
  const gate = readOnlyRefusal(action, s.readOnly, s.config.readOnlyCause);
  if (gate) {
    process.stderr.write(`${gate}\n`);
    await execute(action, {}, { clients: s.clients, writers: s.writers, journal: s.journal, readOnly: s.readOnly, readOnlyCause: s.config.readOnlyCause });
    return 1;
  }
  const dryRun = o.dryRun === true;
  const lines = await preflight(action, { clients: s.clients, params: o.params });
  printPlan(action, lines, dryRun);
  let confirmation: string | undefined;
  if (!dryRun && action.tier !== 'read') {
    const c = action.confirmation;
    if (o.yes) confirmation = c.kind === 'typed' ? c.expect : 'y';
    else if (!process.stdin.isTTY) throw new UsageError(`Refusing to ${action.verb} without --yes: stdin is not a terminal, so a script must opt in.`);
    else confirmation = await ask(action);
  }
  // Ctrl-C during the run or the verification cancels it; the journal records it as cancelled.
  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write('\nCancelling (the change may already be made; the journal records what happened)…\n');
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  let r;
  try {
    r = await execute(action, { ...(o.params ?? {}) }, {
      clients: s.clients,
      writers: s.writers,
      journal: s.journal,
      readOnly: s.readOnly,
      readOnlyCause: s.config.readOnlyCause,
      dryRun,
      confirmation,
      timeoutMs: o.timeoutMs,
      onProgress: progressPrinter(),
      signal: abort.signal,
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  for (const st of r.steps) {
    if (!st.lines?.length || st.streamed) continue;
    if (r.steps.length > 1) process.stdout.write(`${st.title}: ${st.message}\n`);
    for (const l of st.lines) process.stdout.write(`${r.steps.length > 1 ? '  ' : ''}${l}\n`);
  }
  const word = r.outcome === 'succeeded' ? 'OK' : r.outcome === 'dry-run' ? 'DRY RUN' : r.outcome.toUpperCase();
  // A dry run's message already starts with "Dry run:"; say it once.
  process.stderr.write(`${r.outcome === 'dry-run' ? r.message.replace(/^(Dry run: )?/, 'DRY RUN: ') : `${word}: ${r.message}`}\n`);
  return r.outcome === 'succeeded' || r.outcome === 'dry-run' ? 0 : 1;
}

/**
 * Runs a command body with the session (the one `prepared` from these values, if the command read its settings
 * first), turning errors into one sentence and the right exit code.
 */
export async function withSession(
  name: string,
  values: ConnectionValues,
  body: (s: Session) => Promise<number>,
  prepared?: PendingSession,
): Promise<number> {
  let s: Session | undefined;
  try {
    s = await connect(values, prepared);
    return await body(s);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(name, err);
    process.stderr.write(`sunbeam-console ${name}: ${errorSentence(err)}\n`);
    return 1;
  } finally {
    await s?.stop();
  }
}
