// A flow step that a key or a command starts goes on after the key handler has returned. If it fails, the
// failure is one sentence and the console keeps running: a rejected promise nobody awaits would otherwise
// reach the process's unhandledRejection handler, which ends the session.
//
// Where an error shows, one rule for the whole console: a failure of an action (planning it, running it,
// verifying it) shows in the action dialog, as its error step, where the action was asked for and where the
// other action failures already are; a one-line error that opens nothing (not connected yet, the read-only
// refusal, no runbook fits, a key that failed, a note not written, a bad command) is a flash on the status
// line. So a failing step with the action dialog open turns the dialog into its error step (never a flash
// behind a dialog still spinning); with no dialog open it is a flash.
import type { ConsoleContext } from './types.js';

export function inBackground(ctx: Pick<ConsoleContext, 'store'>, work: Promise<unknown>): void {
  work.catch((err: unknown) => {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    const { ui, actions } = ctx.store.getState();
    if (ui.modals.some((m) => m.kind === 'action')) actions.setFlowState({ step: 'error', message: `The action failed: ${why}.` });
    else actions.flash(`The action dialog failed: ${why}; the console keeps running.`, 'error');
  });
}
