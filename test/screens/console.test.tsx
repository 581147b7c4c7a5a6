import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { boxStore, postgresDownLadder } from './fixtures.js';
import { KEY, press, settle, type } from './helpers.js';

afterEach(() => cleanup());

const evaluate = () => postgresDownLadder();

function mount(size = { columns: 100, rows: 30 }, extraPods = 0) {
  const store = boxStore(extraPods);
  const quit = vi.fn();
  const r = render(<Console store={store} evaluate={evaluate} quit={quit} size={size} />);
  return { ...r, store, quit };
}

const frame = (r: { lastFrame(): string | undefined }) => r.lastFrame() ?? '';

describe('console screen', () => {
  it('shows the ladder with live verdicts and the root cause in the top bar', async () => {
    const r = mount();
    await settle();
    const f = frame(r);
    for (const t of ['1 Status', '2 Check', '3 Logs', '4 Vault', '5 Data', '6 Alerts', '7 Errors']) expect(f).toContain(t);
    expect(f).toContain('FAILING');
    expect(f).toContain('root cause: data/postgres');
    expect(f).toMatch(/3 Logs\s+off/);
  });

  it('renders the status table grouped by namespace with a cursor', async () => {
    const r = mount();
    await settle();
    const f = frame(r);
    expect(f).toMatch(/NAME.*READY.*STATUS.*RESTARTS/);
    expect(f).toContain('▾ data');
    expect(f).toContain('cluster/postgres');
    expect(f).toContain('postgres-1');
    expect(f).toMatch(/messages-7d9f8b6c5d-x2kq9\s+0\/1\s+CrashLoopBackOff\s+7/);
    await press(r.stdin, 'j', 'j');
    expect(r.store.getState().ui.cursor.status).toBe(2);
  });

  it('filters with a regex, reports an invalid one, and Esc clears', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '/');
    await type(r.stdin, 'postgres-\\d');
    await press(r.stdin, KEY.enter);
    let f = frame(r);
    expect(f).toContain('postgres-1');
    expect(f).not.toContain('coredns');
    expect(f).toContain('filter /postgres-\\d/');
    await press(r.stdin, '/');
    await type(r.stdin, '([');
    f = frame(r);
    expect(f).toContain('Invalid filter regex');
    await press(r.stdin, KEY.esc);
    f = frame(r);
    expect(r.store.getState().ui.filter).toBe('');
    expect(f).toContain('coredns');
  });

  it('drills into a workload and a pod, and Esc goes back', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '/');
    await type(r.stdin, 'deploy/messages');
    await press(r.stdin, KEY.enter, KEY.down, KEY.enter);
    let f = frame(r);
    expect(f).toContain('Deployment messages/messages');
    expect(f).toContain('PODS (2)');
    expect(f).toContain('Back-off restarting failed');
    await press(r.stdin, KEY.enter);
    f = frame(r);
    expect(f).toContain('Pod messages/messages-7d9f8b6c5d-p4m7z');
    expect(f).toContain('CONTAINER');
    await press(r.stdin, KEY.esc, KEY.esc);
    expect(r.store.getState().ui.stack).toHaveLength(0);
  });

  it('opens help from the keymap and closes it with Esc', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '?');
    let f = frame(r);
    expect(f).toContain('Keys for the Status pane');
    expect(f).toContain('Cycle the sort column');
    // The top modal takes the keys first: rung keys do nothing, j scrolls the overlay, q closes it.
    await press(r.stdin, '2', 'j');
    expect(r.store.getState().ui.rung).toBe(1);
    expect(r.store.getState().ui.cursor.help).toBe(1);
    await press(r.stdin, 'q');
    expect(r.quit).not.toHaveBeenCalled();
    expect(r.store.getState().ui.modals).toHaveLength(0);
    await press(r.stdin, '?', KEY.esc);
    f = frame(r);
    expect(f).not.toContain('Keys for the Status pane');
    expect(r.store.getState().ui.modals).toHaveLength(0);
  });

  it('runs commands and reports unknown ones', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, ':');
    await type(r.stdin, 'check');
    expect(frame(r)).toContain(':check█');
    await press(r.stdin, KEY.enter);
    expect(frame(r)).toContain("2 Check · What's unhealthy?");
    expect(frame(r)).toContain('★ ROOT CAUSE');
    expect(frame(r)).toContain('↳ blocked by data/postgres — because the database is down');
    await press(r.stdin, ':');
    await type(r.stdin, 'foo');
    await press(r.stdin, KEY.enter);
    expect(frame(r)).toContain('Unknown command "foo"; try :help');
    await press(r.stdin, ':');
    await type(r.stdin, 'logs data/postgres');
    await press(r.stdin, KEY.enter);
    // This console has no cluster connection (no LogsService): one sentence, and it keeps running.
    expect(frame(r)).toContain('Logs cannot be followed yet: the console has not connected to the cluster.');
    await press(r.stdin, ':');
    await type(r.stdin, 'q');
    await press(r.stdin, KEY.enter);
    expect(r.quit).toHaveBeenCalled();
  });

  it(':check NS keeps the root causes elsewhere that its findings are blocked by', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, ':check messages\r');
    await vi.waitFor(() => expect(frame(r)).toContain('ns: messages'));
    const f = frame(r);
    expect(f).toContain('ns: messages');
    expect(f.indexOf('★ ROOT CAUSE data/postgres')).toBeGreaterThan(-1);
    expect(f.indexOf('★ ROOT CAUSE data/postgres')).toBeLessThan(f.indexOf('messages/messages: 2 pods crash-looping'));
    await press(r.stdin, ':check kube-system\r');
    await vi.waitFor(() => expect(frame(r)).toContain('No findings match the filter or namespace.'));
  });

  it('Enter on a finding jumps to its target in Status', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '2', KEY.down, KEY.enter);
    const s = r.store.getState();
    expect(s.ui.rung).toBe(1);
    expect(frame(r)).toMatch(/messages-7d9f8b6c5d-x2kq9/);
    const row = s.ui.cursor.status!;
    expect(row).toBeGreaterThan(0);
  });

  it('takes keys that arrive together (typed fast, tmux send-keys, a paste) one by one', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, 'jjj');
    await vi.waitFor(() => expect(r.store.getState().ui.cursor.status).toBe(3));
    await press(r.stdin, ':foo\r');
    await vi.waitFor(() => expect(frame(r)).toContain('Unknown command "foo"; try :help'));
    // A later read must not overtake the rest of an earlier one.
    r.stdin.write(':ba');
    r.stdin.write('r\r');
    await vi.waitFor(() => expect(frame(r)).toContain('Unknown command "bar"; try :help'));
    // A rung key and Enter together: Enter goes to the pane of the new rung (Check), which jumps to Status.
    await press(r.stdin, '2\r');
    await vi.waitFor(() => expect(r.store.getState().ui.rung).toBe(1));
    // Rows: nodes group, sunbeam-1, data group, cluster/postgres (the root cause's target).
    expect(r.store.getState().ui.cursor.status).toBe(3);
  });

  it('keeps the last known data when the API goes away, with its age and the error sentence', async () => {
    const r = mount();
    await settle();
    r.store.getState().actions.setSource('kubernetes', { state: 'unreachable', lastSuccess: Date.now() - 120_000, lastError: 'The Kubernetes API is unreachable (connection refused); is the cluster up and the kubeconfig right?' });
    await settle();
    const f = frame(r);
    expect(f).toMatch(/API unreachable, data 1[12]\ds old/);
    expect(f).toContain('The Kubernetes API is unreachable (connection refused)');
    expect(f).toContain('postgres-1');
  });

  it('a change to one pod rewrites only its own line and its workload\'s', async () => {
    const r = mount();
    await settle();
    const before = frame(r).split('\n');
    const pod = r.store.getState().kube.pods['messages/messages-7d9f8b6c5d-x2kq9']!;
    r.store.getState().actions.applyKube([{ collection: 'pods', upsert: [{ ...pod, restarts: 8 }] }]);
    await settle();
    const after = frame(r).split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toHaveLength(2);
    expect(changed[0]).toMatch(/deploy\/messages\s+0\/2\s+Unavailable\s+15/);
    expect(changed[1]).toMatch(/messages-7d9f8b6c5d-x2kq9\s+0\/1\s+CrashLoopBackOff\s+8/);
  });

  it('takes a flash message down when it expires', async () => {
    const r = mount();
    await settle();
    const ui = r.store.getState().ui;
    r.store.setState({ ui: { ...ui, flash: { text: 'an old message', level: 'info', at: Date.now() - 6_000 } } });
    await settle();
    expect(frame(r)).not.toContain('an old message');
    r.store.getState().actions.flash('a fresh message');
    await settle();
    expect(frame(r)).toContain('a fresh message');
  });

  it('q and Ctrl-C quit', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, KEY.ctrlC);
    await press(r.stdin, 'q');
    expect(r.quit).toHaveBeenCalledTimes(2);
  });

  it('fits 80x24: never taller than the terminal, lower-priority columns dropped', async () => {
    const r = mount({ columns: 80, rows: 24 });
    await settle();
    const lines = frame(r).split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(frame(r)).not.toContain('NODE');
    expect(frame(r)).toContain('STATUS');
  });

  it('uses a second pane at 200x60', async () => {
    const r = mount({ columns: 200, rows: 60 });
    await settle();
    const lines = frame(r).split('\n');
    expect(lines.length).toBeLessThanOrEqual(60);
    expect(frame(r)).toContain('NODE');
    // The side pane shows the Check findings (the cursor is on a group row).
    expect(frame(r)).toContain("2 Check · What's unhealthy?");
    expect(frame(r)).toContain("1 Status · What's actually running?");
  });

  it('scrolls a long list so the cursor stays visible', async () => {
    const r = mount({ columns: 100, rows: 24 }, 60);
    await settle();
    await press(r.stdin, 'G');
    let f = frame(r);
    expect(f).toContain('messages-7d9f8b6c5d');
    await press(r.stdin, 'g');
    f = frame(r);
    expect(f).toContain('▾ nodes');
    await press(r.stdin, KEY.pgdn);
    expect(r.store.getState().ui.cursor.status).toBeGreaterThan(10);
  });

  it('N cycles the namespace and s the sort column', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, 'N');
    expect(r.store.getState().ui.namespace).toBe('data');
    expect(frame(r)).toContain('ns: data');
    expect(frame(r)).not.toContain('coredns');
    await press(r.stdin, 's');
    expect(r.store.getState().ui.sort.status).toBe('status');
    expect(frame(r)).toContain('sort: status');
  });
});
