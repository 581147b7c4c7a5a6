// The flow slice: the action dialog's state (the flow's current step, see src/runbooks/flow.ts), what the
// user has typed into it (visible text only; a secret stays in the console's closure, see
// src/console/secret-input.ts), its scroll, and the draw guard: a confirming key counts only once the step
// that asks for it has been drawn and its guard has passed (see src/console/draw-guard.ts).
import type { GetState, SetState } from './slice.js';

/**
 * The flow's state as the store holds it: its step name, and the rest of the flow's state (FlowState in
 * src/runbooks/flow-state.ts; read it typed with flowStateOf). The store does not name the action types, which
 * name the store (a step's context reads it), so that the two stay free of an import cycle.
 */
export interface FlowStep {
  step: 'idle' | 'params' | 'planning' | 'confirm' | 'running' | 'done' | 'error';
}

export interface FlowSlice {
  flow: {
    state: FlowStep;
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
  setFlowState<S extends FlowStep>(state: S): void;
  /** A fresh dialog: everything typed, scrolled or guarded before is dropped. */
  resetFlow<S extends FlowStep>(state: S, opts?: { returnsAfterDryRun?: boolean }): void;
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

type Loose = FlowStep & { action?: unknown; values?: Record<string, string> };

/** A new step: another step name, another action to confirm, or the next param asked. */
function newStep(prev: Loose, next: Loose): boolean {
  if (prev.step !== next.step) return true;
  if (next.step === 'confirm') return prev.action !== next.action;
  return next.step === 'params' && Object.keys(prev.values ?? {}).length !== Object.keys(next.values ?? {}).length;
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
