// The key path's safety races, on the real console screen: Esc and a key in one read (a slow SSH link), the
// cursor staying on its row while rows load above it, and a key handler that throws.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import type { AppStore } from '../../src/store/index.js';
import type { LadderResult } from '../../src/ladder/types.js';
import { boxStore, pod, postgresDownLadder, workload } from './fixtures.js';
import { KEY, press, settle, type } from './helpers.js';

afterEach(() => cleanup());

function mount(store: AppStore = boxStore(), size = { columns: 100, rows: 30 }) {
  const quit = vi.fn();
  const r = render(<Console store={store} evaluate={() => postgresDownLadder()} quit={quit} size={size} />);
  return { ...r, store, quit };
}

const frame = (r: { lastFrame(): string | undefined }) => r.lastFrame() ?? '';

describe('Esc followed at once by a key (one read)', () => {
  it('closes the help overlay, then selects the rung', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '?');
    expect(frame(r)).toContain('Keys for the Status pane');
    // `tmux send-keys Escape 3` over a slow link: one read, which Ink parses as Meta-3.
    r.stdin.write('\u001b3');
    await vi.waitFor(() => expect(r.store.getState().ui.rung).toBe(3));
    expect(r.store.getState().ui.modals).toHaveLength(0);
    expect(frame(r)).not.toContain('Keys for the Status pane');
    expect(frame(r)).toContain('3 Logs ·');
  });

  it('goes back from a drill-down, then moves the cursor; cancels the filter line, then takes G (upper case kept)', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '/');
    await type(r.stdin, 'deploy/messages');
    await press(r.stdin, KEY.enter, KEY.down, KEY.enter);
    expect(frame(r)).toContain('Deployment messages/messages');
    r.stdin.write('\u001bj');
    await vi.waitFor(() => expect(r.store.getState().ui.cursor.status).toBe(2));
    expect(r.store.getState().ui.stack).toHaveLength(0);
    // On the filter line the Meta key would be typed into the filter ("postG"): it is Esc (cancel), then G.
    await press(r.stdin, '/');
    await type(r.stdin, 'post');
    r.stdin.write('\u001bG');
    await vi.waitFor(() => expect(r.store.getState().ui.cursor.status).toBe(16));
    expect(r.store.getState().ui).toMatchObject({ filter: '', filterEditing: false });
  });
});

describe('the cursor stays on its row while rows arrive', () => {
  it('G on a pod listed before its StatefulSet: the cursor stays on the pod when the StatefulSet row appears above it', async () => {
    // The pods list syncs before the workloads list: barman-0 is first a loose pod, then grouped under sts/barman.
    const store = boxStore();
    const workloads = Object.values(store.getState().kube.workloads);
    store.getState().actions.applyKube([{ collection: 'workloads', replace: true, upsert: [] }]);
    const r = mount(store);
    await settle();
    await press(r.stdin, '/');
    await type(r.stdin, 'barman-0');
    await press(r.stdin, KEY.enter);
    expect(frame(r)).toMatch(/barman-0\s+1\/1\s+Running/);
    expect(frame(r)).not.toContain('sts/barman');
    await press(r.stdin, 'G');
    expect(r.store.getState().ui.cursor.status).toBe(1);
    store.getState().actions.applyKube([{ collection: 'workloads', replace: true, upsert: workloads }]);
    await settle();
    expect(frame(r)).toContain('sts/barman');
    // The cursor moved with its row: the store says so too (r, R and the side pane read it from there).
    expect(r.store.getState().ui.cursor.status).toBe(2);
    await press(r.stdin, KEY.enter);
    expect(frame(r)).toContain('Pod data/barman-0');
  });

  it('a row inserted above the cursor in the full list does not move the cursor to another object', async () => {
    const store = boxStore();
    const r = mount(store);
    await settle();
    // Rows: nodes group, sunbeam-1, data group, cluster/postgres, postgres-1, postgres-2, sts/barman, barman-0.
    await press(r.stdin, 'j', 'j', 'j', 'j', 'j', 'j', 'j');
    expect(r.store.getState().ui.cursor.status).toBe(7);
    store.getState().actions.applyKube([{ collection: 'workloads', upsert: [workload('Deployment', 'data', 'adminer', 1, 1)] }]);
    await settle();
    expect(r.store.getState().ui.cursor.status).toBe(8);
    await press(r.stdin, KEY.enter);
    expect(frame(r)).toContain('Pod data/barman-0');
  });
});

describe('the cursor stays on its row in the drill-down and in Check', () => {
  it('a workload\'s pod list: a new pod sorted above the selected one', async () => {
    const store = boxStore();
    const r = mount(store);
    await settle();
    await press(r.stdin, '/');
    await type(r.stdin, 'deploy/messages');
    await press(r.stdin, KEY.enter, KEY.down, KEY.enter);
    expect(frame(r)).toContain('PODS (2)');
    await press(r.stdin, KEY.down);
    expect(r.store.getState().ui.cursor.workload).toBe(1);
    store.getState().actions.applyKube([{ collection: 'pods', upsert: [pod('messages', 'messages-7d9f8b6c5d-a0b1c', { ownerKind: 'Deployment', ownerName: 'messages' })] }]);
    await settle();
    expect(frame(r)).toContain('PODS (3)');
    expect(r.store.getState().ui.cursor.workload).toBe(2);
    await press(r.stdin, KEY.enter);
    expect(frame(r)).toContain('Pod messages/messages-7d9f8b6c5d-x2kq9');
  });

  it('Check: a new finding sorted above the selected one', async () => {
    const store = boxStore();
    let extra: LadderResult['findings'] = [];
    const evaluate = () => {
      const l = postgresDownLadder();
      return { ...l, findings: [...extra, ...l.findings] };
    };
    const r = render(<Console store={store} evaluate={evaluate} quit={vi.fn()} size={{ columns: 100, rows: 30 }} />);
    await settle();
    await press(r.stdin, '2', KEY.down);
    expect(store.getState().ui.cursor.check).toBe(1);
    extra = [{ id: 'node:sunbeam-1', severity: 'failing', namespace: 'kube-system', component: 'sunbeam-1', rule: 'node-not-ready', title: 'node sunbeam-1 not ready', detail: 'NotReady' }];
    store.getState().actions.applyKube([{ collection: 'pods', upsert: [pod('default', 'nudge')] }]);
    await vi.waitFor(() => expect(frame(r)).toContain('node sunbeam-1 not ready'));
    expect(store.getState().ui.cursor.check).toBe(2);
    // Enter still jumps to the crash-looping pod the cursor was on.
    await press(r.stdin, KEY.enter);
    expect(store.getState().ui.rung).toBe(1);
    expect(frame(r)).toContain('messages-7d9f8b6c5d-x2kq9');
  });
});

describe('a key handler that throws', () => {
  it('shows one sentence and the console keeps running', async () => {
    const r = mount();
    await settle();
    const actions = r.store.getState().actions;
    const spy = vi.spyOn(actions, 'setCursor').mockImplementation(() => {
      throw new Error('cursor store broke\n    at somewhere (file.ts:1:1)');
    });
    // j goes to the Status pane's handler, which throws.
    await press(r.stdin, 'j');
    expect(frame(r)).toContain('That key failed: cursor store broke; the console keeps running.');
    expect(frame(r)).not.toContain('somewhere');
    // The keys behind a failed one still run, in the same read too.
    r.stdin.write('j2');
    await vi.waitFor(() => expect(r.store.getState().ui.rung).toBe(2));
    spy.mockRestore();
    await press(r.stdin, '1', 'j');
    expect(r.store.getState().ui.cursor.status).toBe(1);
    expect(frame(r)).toContain("1 Status · What's actually running?");
  });
});

describe('one key queue for the life of the screen', () => {
  it('a new quit function (a new key context) does not let a later read overtake keys still queued', async () => {
    const store = boxStore();
    const r = mount(store);
    await settle();
    r.stdin.write(':ba');
    r.rerender(<Console store={store} evaluate={() => postgresDownLadder()} quit={vi.fn()} size={{ columns: 100, rows: 30 }} />);
    r.stdin.write('r\r');
    await vi.waitFor(() => expect(frame(r)).toContain('Unknown command "bar"; try :help'));
  });
});
