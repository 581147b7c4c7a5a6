// A flow step that a key or a command starts goes on after the key handler has returned. If it fails, the
// failure is one sentence on the flash line and the console keeps running: a rejected promise nobody awaits
// would otherwise reach the process's unhandledRejection handler, which ends the session.
import type { ConsoleContext } from './types.js';

export function inBackground(ctx: Pick<ConsoleContext, 'store'>, work: Promise<unknown>): void {
  work.catch((err: unknown) => {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    ctx.store.getState().actions.flash(`The action dialog failed: ${why}; the console keeps running.`, 'error');
  });
}
