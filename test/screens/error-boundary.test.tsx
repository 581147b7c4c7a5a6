// A pane or a dialog that throws while it renders: one sentence in its place, and the console keeps running.
// The throwing components are stand-ins mocked over the real ones (the real ones do not throw on good data).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { boxStore, postgresDownLadder } from './fixtures.js';
import { KEY, press, settle, type } from './helpers.js';

const dead = vi.hoisted(() => ({ calls: [] as string[] }));

vi.mock('../../screens/panes/PodPane.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../screens/panes/PodPane.js')>();
  const { usePaneKeys } = await import('../../hooks/usePaneKeys.js');
  const { createElement } = await import('react');
  function BrokenPodPane(props: Parameters<typeof actual.PodPane>[0]): never {
    // Registers its key handler during render, then throws: that render never commits.
    usePaneKeys((action) => dead.calls.push(action), props.focused ?? true);
    throw new Error('pod pane broke\n    at BrokenPodPane (PodPane.tsx:1:1)');
  }
  return { ...actual, PodPane: (props: Parameters<typeof actual.PodPane>[0]) => createElement(props.target === 'data/barman-0' ? BrokenPodPane : actual.PodPane, props) };
});

vi.mock('../../screens/modals/HelpModal.js', () => ({
  HelpModal: () => {
    throw new Error('help broke');
  },
}));

afterEach(() => cleanup());

function mount() {
  const store = boxStore();
  const quit = vi.fn();
  const r = render(<Console store={store} evaluate={() => postgresDownLadder()} quit={quit} size={{ columns: 100, rows: 30 }} />);
  return { ...r, store, quit };
}

const frame = (r: { lastFrame(): string | undefined }) => r.lastFrame() ?? '';

describe('error boundaries', () => {
  it('a pane that throws is one sentence in its place; its keys go nowhere; Esc goes back to a working pane', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '/');
    await type(r.stdin, 'barman-0');
    await press(r.stdin, KEY.enter, 'G', KEY.enter);
    let f = frame(r);
    expect(f).toContain('This pane failed: pod pane broke; the console keeps running (Esc goes back).');
    expect(f).not.toContain('BrokenPodPane');
    expect(f).toContain('2 Check');
    // The failed render registered a handler: it must not take the list keys.
    await press(r.stdin, 'j', KEY.enter);
    expect(dead.calls).toEqual([]);
    await press(r.stdin, KEY.esc);
    f = frame(r);
    expect(r.store.getState().ui.stack).toHaveLength(0);
    expect(f).toContain("1 Status · What's actually running?");
    expect(f).not.toContain('This pane failed');
    // The Status pane has the keys again (the cursor was on row 2, barman-0 in the filtered list).
    await press(r.stdin, 'k');
    expect(r.store.getState().ui.cursor.status).toBe(1);
    // Another pod's pane works.
    await press(r.stdin, '/');
    await type(r.stdin, 'postgres-1');
    await press(r.stdin, KEY.enter, 'G', KEY.enter);
    expect(frame(r)).toContain('Pod data/postgres-1');
    expect(r.quit).not.toHaveBeenCalled();
  });

  it('a dialog that throws is one sentence in its place, and Esc closes it', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '?');
    expect(frame(r)).toContain('This dialog failed: help broke; the console keeps running (Esc closes it).');
    await press(r.stdin, KEY.esc);
    expect(r.store.getState().ui.modals).toHaveLength(0);
    expect(frame(r)).not.toContain('This dialog failed');
    await press(r.stdin, '2');
    expect(frame(r)).toContain("2 Check · What's unhealthy?");
  });
});
