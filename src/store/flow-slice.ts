// The flow slice: the action dialog's state (the flow's current step, see src/runbooks/flow.ts), what the
// user has typed into it (visible text only; a secret stays in the console's closure, see
// src/console/secret-input.ts), its scroll, and the draw guard: a confirming key counts only once the step
// that asks for it has been drawn and its guard has passed (see src/console/draw-guard.ts).
import type { Action, ActionResult, ParamSpec, PreflightLine } from '../actions/types.js';
import type { GetState, SetState } from './slice.js';

export type FlowState =
  | { step: 'idle' }
  | { step: 'params'; runbookId: string; title: string; params: ParamSpec[]; values: Record<string, string> }
  | { step: 'planning'; title: string }
  | { step: 'confirm'; action: Action; preflight: PreflightLine[]; blocked?: string; prompt: string; hint?: string }
  | { step: 'running'; action: Action; dryRun: boolean; phase: string; waiting?: string; output: string[] }
  | { step: 'done'; action: Action; result: ActionResult }
  | { step: 'error'; message: string };

export interface FlowSlice {
  flow: {
    state: FlowState;
    /** The visible text typed into the dialog (a typed name, a param value); never a secret. */
    text: string;
    /** Whether anything is typed into a hidden input (the dialog shows a fixed mask, never the count). */
    hiddenTyped: boolean;
    /** How far the dialog's middle part (preflight, kubectl, the manifest) is scrolled. */
    scroll: number;
    /** Whether Esc after a dry run goes back to the confirmation (not after a secret param: it closes). */
    returnsAfterDryRun: boolean;
    /** Grows with every new step (and every new confirmation); the draw guard is per step. */
    stepId: number;
    /** When the current step was first drawn (ms epoch), as the dialog reports it after drawing. */
    drawnAt?: number;
    /** The current step has been on screen for the guard: confirming keys count from now on. */
    armed: boolean;
    /** A confirming key arrived before the question was shown: the dialog's hint. */
    early?: string;
  };
}

export function emptyFlow(): FlowSlice['flow'] {
  return { state: { step: 'idle' }, text: '', hiddenTyped: false, scroll: 0, returnsAfterDryRun: true, stepId: 0, armed: false };
}

export interface FlowActions {
  /** The flow's next state; a new step (or a new action to confirm) starts a new draw guard. */
  setFlowState(state: FlowState): void;
  /** A fresh dialog: everything typed, scrolled or guarded before is dropped. */
  resetFlow(state: FlowState, opts?: { returnsAfterDryRun?: boolean }): void;
  setFlowText(text: string): void;
  setHiddenTyped(typed: boolean): void;
  setFlowScroll(scroll: number): void;
  setReturnsAfterDryRun(value: boolean): void;
  /** The dialog drew step `stepId` (first time only). */
  flowDrawn(stepId: number, at: number): void;
  /** Step `stepId`'s guard has passed. */
  flowArmed(stepId: number): void;
  flowEarly(hint: string | undefined): void;
}

function newStep(prev: FlowState, next: FlowState): boolean {
  if (prev.step !== next.step) return true;
  if (next.step === 'confirm' && prev.step === 'confirm') return prev.action !== next.action;
  return next.step === 'params' && prev.step === 'params' && Object.keys(prev.values).length !== Object.keys(next.values).length;
}

export function flowActions(set: SetState<FlowSlice>, get: GetState<FlowSlice>): FlowActions {
  return {
    setFlowState(state) {
      const f = get().flow;
      if (!newStep(f.state, state)) return set({ flow: { ...f, state } });
      // A result opens at its end (the newest output lines); everything else at the top.
      const scroll = f.state.step === state.step ? f.scroll : state.step === 'done' ? Number.MAX_SAFE_INTEGER : 0;
      // A key typed ahead while planning keeps its hint on the question that follows.
      const early = f.state.step === 'planning' && state.step === 'confirm' ? f.early : undefined;
      set({ flow: { ...f, state, scroll, stepId: f.stepId + 1, drawnAt: undefined, armed: false, early } });
    },
    resetFlow(state, opts = {}) {
      const f = get().flow;
      set({ flow: { ...emptyFlow(), state, stepId: f.stepId + 1, returnsAfterDryRun: opts.returnsAfterDryRun ?? true } });
    },
    setFlowText(text) {
      const f = get().flow;
      if (f.text !== text) set({ flow: { ...f, text } });
    },
    setHiddenTyped(hiddenTyped) {
      const f = get().flow;
      if (f.hiddenTyped !== hiddenTyped) set({ flow: { ...f, hiddenTyped } });
    },
    setFlowScroll(scroll) {
      const f = get().flow;
      const s = Math.max(0, scroll);
      if (f.scroll !== s) set({ flow: { ...f, scroll: s } });
    },
    setReturnsAfterDryRun(returnsAfterDryRun) {
      const f = get().flow;
      if (f.returnsAfterDryRun !== returnsAfterDryRun) set({ flow: { ...f, returnsAfterDryRun } });
    },
    flowDrawn(stepId, at) {
      const f = get().flow;
      if (f.stepId !== stepId || f.drawnAt !== undefined) return;
      set({ flow: { ...f, drawnAt: at } });
    },
    flowArmed(stepId) {
      const f = get().flow;
      if (f.stepId !== stepId || f.armed || f.drawnAt === undefined) return;
      set({ flow: { ...f, armed: true } });
    },
    flowEarly(early) {
      const f = get().flow;
      if (f.early !== early) set({ flow: { ...f, early } });
    },
  };
}
