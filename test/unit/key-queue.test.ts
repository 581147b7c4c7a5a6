// The key queue in hooks/useKeys.ts without a screen: Meta keys that are Esc and a key read together, and a
// handler that throws (injected through the pane handler ref) costing one key, not the session.
import { describe, expect, it, vi } from 'vitest';
import { handleInput, keyFailedSentence, type KeyContext } from '../../hooks/useKeys.js';
import { KEYMAP } from '../../src/keymap/index.js';
import { createAppStore } from '../../src/store/index.js';

function context(pane: KeyContext['pane']['current'] = null): KeyContext {
  return { store: createAppStore(), quit: vi.fn(), pane: { current: pane }, queue: [], draining: false };
}

describe('Esc and a key in one read', () => {
  it('binds nothing to Alt, so a Meta key read from ESC + one character can be taken as Esc, then the key', () => {
    for (const b of KEYMAP) for (const k of b.keys) expect(k).not.toMatch(/^(alt|meta|m)-/i);
  });

  it('Meta-3 with the help overlay open closes it, then selects rung 3', async () => {
    const ctx = context();
    ctx.store.getState().actions.openModal({ id: 'help', kind: 'help', props: { view: 'status' } });
    handleInput('3', { meta: true }, ctx);
    await vi.waitFor(() => expect(ctx.store.getState().ui.rung).toBe(3));
    expect(ctx.store.getState().ui.modals).toHaveLength(0);
  });

  it('Meta-Enter on the filter line cancels it, then Enter goes to the pane', async () => {
    const seen: string[] = [];
    const ctx = context((a) => seen.push(a));
    ctx.store.getState().actions.setFilter('barman', true);
    handleInput('', { return: true, meta: true }, ctx);
    await vi.waitFor(() => expect(seen).toEqual(['enter']));
    expect(ctx.store.getState().ui.filterEditing).toBe(false);
    expect(ctx.store.getState().ui.filter).toBe('');
  });
});

describe('a throwing key handler', () => {
  it('costs that key only: one sentence on the flash line, and the keys behind it still run', async () => {
    const ctx = context(() => {
      throw new Error('the pane broke\n    at Pane (pane.tsx:1:1)');
    });
    handleInput('j', {}, ctx);
    expect(ctx.store.getState().ui.flash).toMatchObject({ text: 'That key failed: the pane broke; the console keeps running.', level: 'error' });
    expect(ctx.draining).toBe(false);
    // The keys behind a failed one run (the queue is not wedged), in the same read and in a later one.
    handleInput('jj2', {}, ctx);
    await vi.waitFor(() => expect(ctx.store.getState().ui.rung).toBe(2));
    expect(ctx.draining).toBe(false);
    handleInput('1', {}, ctx);
    expect(ctx.store.getState().ui.rung).toBe(1);
  });

  it('says what failed in one line, whatever was thrown', () => {
    expect(keyFailedSentence(new Error('Boom.'))).toBe('That key failed: Boom; the console keeps running.');
    expect(keyFailedSentence('text')).toBe('That key failed: text; the console keeps running.');
    expect(keyFailedSentence(new Error(''))).toBe('That key failed: an unknown error; the console keeps running.');
  });
});
