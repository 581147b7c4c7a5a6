// The action dialog's state machine, without React: choose a runbook -> its params -> plan -> preflight ->
// confirmation -> running (progress) -> done. (src/commands is the `:` command table and src/cli the one-shot
// commands; this is what both the dialog and the tests drive.) Each state is data the dialog renders; the
// console keeps it in the store's flow slice (deps.hold; the states are in flow-state.ts). Secret values never
// enter a state: they live in this closure until execute drains them. Esc (cancel) before running ends the
// flow at once: a planning still under way is aborted and whatever it answers later is dropped (nothing runs,
// nothing is journaled).
import { errorSentence } from '../actions/error-sentence.js';
import { execute } from '../actions/executor.js';
import { blockingLines, preflight } from '../actions/preflight.js';
import { confirmationPrompt, confirmationSatisfied, readOnlyRefusal } from '../actions/tiers.js';
import type { Action, ActionTarget, ParamSpec, Progress } from '../actions/types.js';
import type { WritersFor } from '../actions/writers/index.js';
import type { ReadOnlyCause } from '../config/index.js';
import type { Journal } from '../journal/journal.js';
import type { SourceClients } from '../sources/source.js';
import type { State } from '../store/index.js';
import { planRunbook } from './engine.js';
import type { FlowState } from './flow-state.js';
import type { Runbook } from './schema.js';

export interface FlowDeps {
  /** Read clients, one per backend (the session's). */
  clients: SourceClients;
  /** The writers per backend (the session's). */
  writers: WritersFor;
  journal: Journal;
  readOnly: boolean;
  /** What made the run read-only, for the refusal (src/config loadConfig); default: the --read-only flag. */
  readOnlyCause?: readonly ReadOnlyCause[];
  user?: string;
  state?: () => State;
  now?: () => number;
  /** How many output lines the running state keeps (the modal shows the tail). */
  keepOutput?: number;
  /** Where the state is kept (the store's flow slice); a local variable when absent. */
  hold?: { get(): FlowState; set(state: FlowState): void };
}

export interface ActionFlow {
  readonly state: FlowState;
  /** Starts with a runbook (from the picker) and the selection it is about. */
  start(runbook: Runbook, selection?: ActionTarget): Promise<void>;
  /** Starts with an already planned action (a primitive, e.g. the restart key on a workload). */
  startAction(action: Action): Promise<void>;
  /**
   * Plans an action (it reads the cluster: restart, renew...) in the 'planning' state, then asks. The planner
   * gets a signal that Esc aborts; an answer that comes after Esc is dropped.
   */
  plan(title: string, planner: (signal: AbortSignal) => Promise<Action> | Action): Promise<void>;
  /**
   * Asks for params first (a primitive's, e.g. a silence's matchers, duration and comment), then plans with
   * their values as `plan` does; a planner that throws shows its sentence.
   */
  ask(title: string, params: ParamSpec[], planner: (values: Record<string, string>, signal: AbortSignal) => Promise<Action> | Action): Promise<void>;
  /** Values for the params step (secret ones are kept out of the state). */
  submitParams(values: Record<string, string>): Promise<void>;
  /** The user's answer (y, the typed name, the secret); runs the action when it satisfies the confirmation. */
  confirm(input: string): Promise<void>;
  /** Server-side dry run of the planned action (the modal's `d`). */
  dryRun(): Promise<void>;
  /**
   * After a dry run: back to the confirmation of the SAME planned action (same params, e.g. the PITR target
   * time, and the same target), with a fresh preflight. False when it cannot: the run needed secret params,
   * which the dry run used up and dropped.
   */
  reconfirm(): Promise<boolean>;
  /** Esc: ends the flow before running (aborting a planning under way); cancels the verification while running. */
  cancel(): void;
}


/**
 * The params the params step asks for. A secret-tier runbook's confirmation is the typing of its secret (the
 * share, the new value), after the preflight has been read: that one param is not asked twice.
 */
function askedParams(rb: Runbook): ParamSpec[] {
  const collectedByConfirmation = rb.tier === 'secret' ? rb.params?.find((p) => p.secret) : undefined;
  return (rb.params ?? []).filter((p) => p !== collectedByConfirmation);
}

export function createActionFlow(deps: FlowDeps, onChange: (s: FlowState) => void = () => {}): ActionFlow {
  let local: FlowState = { step: 'idle' };
  const get = (): FlowState => (deps.hold ? deps.hold.get() : local);
  let runbook: Runbook | undefined;
  /** The params and planner of `ask` (instead of a runbook's). */
  let asking: { title: string; params: ParamSpec[]; planner: (values: Record<string, string>, signal: AbortSignal) => Promise<Action> | Action } | undefined;
  let selection: ActionTarget | undefined;
  let planned: Action | undefined;
  let secrets: Record<string, string> = {};
  let plain: Record<string, string> = {};
  let abort: AbortController | undefined;
  /** Aborts the planning under way (Esc while planning). */
  let planning: AbortController | undefined;
  /** Grows on every start and every cancel: an await that comes back to another epoch drops its result. */
  let epoch = 0;
  const keep = deps.keepOutput ?? 200;
  const set = (s: FlowState) => {
    if (deps.hold) deps.hold.set(s);
    else local = s;
    onChange(s);
  };
  const begin = () => {
    planning?.abort();
    planning = undefined;
    return ++epoch;
  };

  const toConfirm = async (action: Action, mine: number) => {
    planned = action;
    const gate = readOnlyRefusal(action, deps.readOnly, deps.readOnlyCause);
    if (gate) return set({ step: 'error', message: gate });
    const lines = await preflight(action, { clients: deps.clients, params: plain, now: deps.now });
    if (mine !== epoch) return;
    const block = blockingLines(lines)[0];
    set({ step: 'confirm', action, preflight: lines, prompt: confirmationPrompt(action, 'dialog'), ...(block ? { blocked: `${block.label}: ${block.value}` } : {}) });
  };

  const planWith = async (title: string, planner: (signal: AbortSignal) => Promise<Action> | Action, mine: number) => {
    const ctl = new AbortController();
    planning = ctl;
    set({ step: 'planning', title });
    try {
      const action = await planner(ctl.signal);
      if (mine !== epoch || ctl.signal.aborted) return;
      await toConfirm(action, mine);
    } catch (err) {
      if (mine === epoch && !ctl.signal.aborted) set({ step: 'error', message: errorSentence(err) });
    } finally {
      if (planning === ctl) planning = undefined;
    }
  };

  const plan = async (mine: number) => {
    const rb = runbook;
    if (!rb) return;
    await planWith(rb.title, () => planRunbook(rb, { target: selection, params: plain }, deps.clients, deps.now?.()), mine);
  };

  const run = async (dryRun: boolean, confirmation?: string) => {
    const action = planned;
    if (!action) return;
    abort = new AbortController();
    let running: Extract<FlowState, { step: 'running' }> = { step: 'running', action, dryRun, phase: 'starting', output: [] };
    set(running);
    const onProgress = (p: Progress) => {
      if (p.kind === 'phase') running = { ...running, phase: p.text, waiting: undefined };
      else if (p.kind === 'waiting') running = { ...running, waiting: p.text };
      else running = { ...running, output: [...running.output, p.line].slice(-keep) };
      set(running);
    };
    const params = { ...plain, ...secrets };
    secrets = {};
    try {
      const result = await execute(action, params, {
        clients: deps.clients,
        writers: deps.writers,
        journal: deps.journal,
        readOnly: deps.readOnly,
        readOnlyCause: deps.readOnlyCause,
        user: deps.user,
        dryRun,
        confirmation,
        onProgress,
        signal: abort.signal,
        now: deps.now,
        state: deps.state,
      });
      set({ step: 'done', action, result });
    } catch (err) {
      set({ step: 'error', message: errorSentence(err) });
    } finally {
      abort = undefined;
    }
  };

  return {
    get state() {
      return get();
    },
    async start(rb, sel) {
      const mine = begin();
      runbook = rb;
      asking = undefined;
      selection = sel;
      planned = undefined;
      secrets = {};
      plain = {};
      const gate = readOnlyRefusal({ verb: rb.verb ?? rb.steps[0]!.action, tier: rb.tier }, deps.readOnly, deps.readOnlyCause);
      if (gate) return set({ step: 'error', message: gate });
      const asked = askedParams(rb);
      if (asked.length) return set({ step: 'params', runbookId: rb.id, title: rb.title, params: asked.map((p) => ({ ...p })), values: {} });
      await plan(mine);
    },
    async startAction(action) {
      const mine = begin();
      runbook = undefined;
      asking = undefined;
      secrets = {};
      plain = {};
      try {
        await toConfirm(action, mine);
      } catch (err) {
        if (mine === epoch) set({ step: 'error', message: errorSentence(err) });
      }
    },
    async plan(title, planner) {
      const mine = begin();
      runbook = undefined;
      asking = undefined;
      planned = undefined;
      secrets = {};
      plain = {};
      await planWith(title, planner, mine);
    },
    async ask(title, params, planner) {
      const mine = begin();
      runbook = undefined;
      planned = undefined;
      secrets = {};
      plain = {};
      asking = { title, params, planner };
      if (!params.length) return planWith(title, (signal) => planner({}, signal), mine);
      set({ step: 'params', runbookId: '', title, params: params.map((p) => ({ ...p })), values: {} });
    },
    async submitParams(values) {
      const state = get();
      if (state.step !== 'params' || (!runbook && !asking)) return;
      const specs = runbook ? askedParams(runbook) : asking!.params;
      const missing = specs.filter((p) => !values[p.name]);
      if (missing.length) return set({ ...state, values: Object.fromEntries(specs.filter((p) => !p.secret && values[p.name]).map((p) => [p.name, values[p.name]!])) });
      for (const p of specs) (p.secret ? secrets : plain)[p.name] = values[p.name]!;
      const asked = asking;
      if (runbook || !asked) return plan(epoch);
      const given = { ...plain, ...secrets };
      secrets = {};
      await planWith(asked.title, (signal) => asked.planner(given, signal), epoch);
    },
    async confirm(input) {
      const state = get();
      if (state.step !== 'confirm' || state.blocked) return;
      const action = state.action;
      if (action.confirmation.kind !== 'secret' && !confirmationSatisfied(action, input)) {
        // No (or Enter) on y/N closes; a wrongly typed name keeps the modal open with a hint.
        if (action.confirmation.kind === 'typed') return set({ ...state, hint: `Type ${action.confirmation.expect} exactly, or Esc to cancel.` });
        return set({ step: 'idle' });
      }
      if (action.confirmation.kind === 'secret') {
        const name = action.params.find((p) => p.secret)?.name;
        if (name) secrets[name] = input;
      }
      await run(false, input);
    },
    async dryRun() {
      const state = get();
      if (state.step !== 'confirm' || state.blocked) return;
      await run(true);
    },
    async reconfirm() {
      const state = get();
      if (state.step !== 'done' || !state.result.dryRun || !planned) return false;
      if (runbook?.params?.some((p) => p.secret)) return false;
      const mine = epoch;
      try {
        await toConfirm(planned, mine);
      } catch (err) {
        if (mine === epoch) set({ step: 'error', message: errorSentence(err) });
      }
      return true;
    },
    cancel() {
      if (get().step === 'running') abort?.abort();
      else {
        begin();
        secrets = {};
        set({ step: 'idle' });
      }
    },
  };
}
