// THE ONE MUTATION PATH. Every change the console (screens or one-shot commands) makes to the world goes
// through execute(): the read-only gate, the confirmation, the preflight, the journal (start and outcome,
// secrets masked), the API calls (optionally as a server-side dry run), and the verification. Writes go
// through the bag of writers it is given (one per backend), handed to each step only while it runs it.
import type { ReadOnlyCause } from '../config/index.js';
import type { Journal } from '../journal/journal.js';
import type { SourceClients } from '../sources/source.js';
import type { State } from '../store/index.js';
import type { SecretBuffers } from './secret-buffers.js';
import type { WritersFor } from './writers/index.js';
import { errorSentence } from './error-sentence.js';
import { blockingLines, preflight } from './preflight.js';
import { confirmationSatisfied, readOnlyRefusal } from './tiers.js';
import type { Action, ActionResult, Outcome, Progress, StepResult } from './types.js';

export interface ExecuteContext {
  /** Read clients, one per backend: preflight and the steps' reads and verifications. */
  clients: SourceClients;
  /** The writers, per backend, for this execution's dry-run flag: the only way a step changes anything. */
  writers: WritersFor;
  journal: Journal;
  readOnly: boolean;
  /** What made the run read-only, for the refusal (src/config loadConfig); default: the --read-only flag. */
  readOnlyCause?: readonly ReadOnlyCause[];
  /** The OS user (defaults to the journal's). */
  user?: string;
  dryRun?: boolean;
  /** What the user answered in the modal: "y", the typed name. A dry run needs none. */
  confirmation?: string;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  now?: () => number;
  /** Verification timeout per step (default: each step's own). */
  timeoutMs?: number;
  /** The console's store (read actions reuse the ladder's findings). */
  state?: () => State;
  /** Secret params as Buffers (never strings): taken by the step that uses them; wiped here when the action ends. */
  secrets?: SecretBuffers;
}

function targetText(a: Action): string {
  return `${a.target.kind} ${a.target.namespace ? `${a.target.namespace}/` : ''}${a.target.name}`;
}

export async function execute(action: Action, params: Record<string, string>, ctx: ExecuteContext): Promise<ActionResult> {
  const started = Date.now();
  const dryRun = ctx.dryRun === true;
  const now = ctx.now ?? Date.now;
  const onProgress = ctx.onProgress ?? (() => {});
  const secretNames = action.params.filter((p) => p.secret).map((p) => p.name);
  const journalBase = {
    action: action.id,
    title: action.title,
    target: targetText(action),
    tier: action.tier,
    params,
    paramSpecs: action.params,
    dryRun,
    commands: action.steps.flatMap((s) => s.calls.map((c) => c.equivalent.command)),
    who: ctx.user,
  };
  const given = (name: string) => !!params[name] || ctx.secrets?.has(name) === true;
  const refuse = (message: string): ActionResult => {
    for (const n of secretNames) delete params[n];
    ctx.secrets?.wipe();
    try {
      const start = ctx.journal.actionStarted({ ...journalBase, startsIncident: false });
      ctx.journal.actionFinished(start, { outcome: 'refused', message, durationMs: Date.now() - started });
      return { outcome: 'refused', message, steps: [], durationMs: Date.now() - started, dryRun, runId: start.run };
    } catch {
      return { outcome: 'refused', message, steps: [], durationMs: Date.now() - started, dryRun };
    }
  };

  const gate = readOnlyRefusal(action, ctx.readOnly, ctx.readOnlyCause);
  if (gate) return refuse(gate);
  const missing = action.params.filter((p) => !given(p.name));
  if (missing.length) return refuse(`${action.title} needs ${missing.map((p) => p.prompt).join(', ')}.`);
  if (!dryRun && action.tier !== 'read') {
    const ok = action.confirmation.kind === 'secret' ? secretNames.every(given) : confirmationSatisfied(action, ctx.confirmation);
    if (!ok) {
      const c = action.confirmation;
      return refuse(c.kind === 'typed' ? `Not confirmed: type "${c.expect}" exactly to ${action.verb}.` : `Not confirmed: ${action.title} was not run.`);
    }
  }
  onProgress({ kind: 'phase', text: 'preflight' });
  const pre = await preflight(action, { clients: ctx.clients, params, now });
  const blocking = blockingLines(pre);
  if (blocking.length) return refuse(`${blocking[0]!.label}: ${blocking[0]!.value}`);

  // No journal, no change: an action that cannot be audited is not run.
  let start: ReturnType<Journal['actionStarted']>;
  try {
    start = ctx.journal.actionStarted(journalBase);
  } catch (err) {
    for (const n of secretNames) delete params[n];
    ctx.secrets?.wipe();
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { outcome: 'refused', message: `The journal in ${ctx.journal.dir} cannot be written (${why}); nothing was changed.`, steps: [], durationMs: Date.now() - started, dryRun };
  }
  const writers = ctx.writers({ dryRun });
  const results: StepResult[] = [];
  let outcome: Outcome = dryRun ? 'dry-run' : 'succeeded';
  let message = '';
  try {
    for (const step of action.steps) {
      if (ctx.signal?.aborted) {
        outcome = 'cancelled';
        message = `Cancelled before ${step.title}.`;
        break;
      }
      const sctx = { clients: ctx.clients, params, dryRun, writers, onProgress, signal: ctx.signal, now, timeoutMs: ctx.timeoutMs, state: ctx.state, secrets: ctx.secrets };
      if (dryRun && !step.dryRunnable) {
        const m = `Dry run: would ${step.calls.map((c) => c.equivalent.command).join('; ')} (a command in a pod has no server-side dry run; nothing ran).`;
        results.push({ title: step.title, outcome: 'dry-run', message: m });
        message = m;
        continue;
      }
      onProgress({ kind: 'phase', text: step.title });
      const ran = await step.run(sctx);
      if (!ran.ok) {
        results.push({ title: step.title, outcome: 'failed', message: ran.message, lines: ran.lines, streamed: ran.streamed });
        outcome = 'failed';
        message = ran.message;
        break;
      }
      if (dryRun) {
        results.push({ title: step.title, outcome: 'dry-run', message: ran.message, lines: ran.lines, streamed: ran.streamed });
        message = ran.message;
        continue;
      }
      if (step.verify) {
        onProgress({ kind: 'phase', text: `verifying: ${step.title}` });
        const v = await step.verify(sctx, ran);
        results.push({ title: step.title, outcome: v.ok ? 'succeeded' : ctx.signal?.aborted ? 'cancelled' : 'failed', message: v.message, lines: ran.lines, streamed: ran.streamed });
        message = v.message;
        if (!v.ok) {
          outcome = ctx.signal?.aborted ? 'cancelled' : 'failed';
          break;
        }
      } else {
        results.push({ title: step.title, outcome: 'succeeded', message: ran.message, lines: ran.lines, streamed: ran.streamed });
        message = ran.message;
      }
    }
  } catch (err) {
    outcome = ctx.signal?.aborted ? 'cancelled' : 'failed';
    message = errorSentence(err);
    results.push({ title: action.steps[results.length]?.title ?? action.title, outcome, message });
  } finally {
    for (const n of secretNames) delete params[n];
    ctx.secrets?.wipe();
  }
  // Several steps that all went through: say what each found or did, not only the last.
  if ((outcome === 'succeeded' || outcome === 'dry-run') && results.length > 1) message = results.map((r) => r.message).join(' ');
  const durationMs = Date.now() - started;
  try {
    ctx.journal.actionFinished(start, { outcome, message, durationMs });
  } catch (err) {
    message += ` (the journal could not record the outcome: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  return { outcome, message, steps: results, durationMs, dryRun, runId: start.run };
}
