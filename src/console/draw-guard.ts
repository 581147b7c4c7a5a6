// The draw guard: a key that says yes (y, Enter on a typed name or a secret, a dry run) counts only when the
// question it answers has been DRAWN and on screen for a moment. Keys are dispatched against the flow's
// state at once while Ink draws at most 60 times a second, so without it a `y` typed ahead (a fast typist,
// a paste, keys buffered over a slow SSH link) confirms a restart whose [y/N] never reached the terminal.
// The dialog reports its drawing (a layout effect after the frame is committed, see ActionModal); the guard
// timer then arms the step. Keys typed ahead are dropped with a hint, never queued.
import type { AppStore, State } from '../store/index.js';

/**
 * How long a question must have been on screen before a confirming key counts (ms). Longer than a frame or
 * two of Ink's throttled drawing (17 ms at 60 fps) plus a terminal's latency, shorter than anyone reads and
 * answers a question (a human needs 250 ms or more to react to what appears), so no real answer is lost.
 */
export const CONFIRM_GUARD_MS = 200;

/** The dialog drew step `stepId`: start its guard (a later draw of the same step changes nothing). */
export function markDrawn(store: AppStore, stepId: number, now: () => number = Date.now): void {
  const { flow, actions } = store.getState();
  if (flow.stepId !== stepId || flow.drawnAt !== undefined) return;
  actions.flowDrawn(stepId, now());
  const t = setTimeout(() => store.getState().actions.flowArmed(stepId), CONFIRM_GUARD_MS);
  t.unref?.();
}

/** Whether a confirming key counts now: the step was drawn and its guard has passed. */
export function confirmingKeyCounts(state: State): boolean {
  return state.flow.armed && state.flow.drawnAt !== undefined;
}

/** The hint for a confirming key typed before its question was shown. */
export function typedAheadHint(key: string): string {
  return `${key} was typed before the question was shown; press ${key} again`;
}
