// A flow step started by a key fails after the key handler returned: one sentence on the flash line, the
// console keeps running (before, `void ctx.flow.confirm(...)` left an unhandled rejection, which ends the session).
import { describe, expect, it } from 'vitest';
import { onFlowChange } from '../../src/console/action-dialog.js';
import { inBackground } from '../../src/console/background.js';
import type { ConsoleContext } from '../../src/console/types.js';
import type { FlowState } from '../../src/runbooks/flow-state.js';
import { createAppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

describe('a failing flow step started by a key', () => {
  it('flashes one sentence instead of rejecting unhandled', async () => {
    const store = createAppStore();
    inBackground({ store }, Promise.reject(new Error('the planner broke\n    at somewhere')));
    const flash = await waitFor(() => store.getState().ui.flash);
    expect(flash).toMatchObject({ text: 'The action dialog failed: the planner broke; the console keeps running.', level: 'error' });
  });

  it('a read action that runs at once and fails is caught the same way', async () => {
    const store = createAppStore();
    const ctx = { store, flow: { confirm: () => Promise.reject(new Error('journal gone')) } } as unknown as ConsoleContext;
    const state = { step: 'confirm', action: { confirmation: { kind: 'none' } }, preflight: [], prompt: '' } as unknown as FlowState;
    onFlowChange(ctx, state, 'planning');
    expect((await waitFor(() => store.getState().ui.flash)).text).toBe('The action dialog failed: journal gone; the console keeps running.');
  });
});
