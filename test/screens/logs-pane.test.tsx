// Rung 3 on the console screen, over the logs slice with a recording LogsService (the follower itself is
// tested against the simulator elsewhere): :logs and l open a follow, lines from several pods merge in time
// order with short pod names, and the pane's keys: include (/) and exclude (:exclude) filters, pause with the
// arrival counter, wrap, JSON lines as level + message with the rest on Enter, the dropped-line counter, and
// the time windows re-opening the follow.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import type { LogRecord } from '../../src/logs/record.js';
import type { LogFollowSpec, LogsService } from '../../src/logs/service.js';
import { boxStore, consoleFor, postgresDownLadder } from './fixtures.js';
import { KEY, press, settle, type, waitUntil } from './helpers.js';

afterEach(() => cleanup());

const T0 = Date.parse('2026-12-02T01:00:00Z');
const line = (pod: string, s: number, text: string, container = 'sol'): LogRecord => ({ time: T0 + s * 1000, nano: 0, namespace: 'matrix', pod, container, text });

function mount(opts: { columns?: number; capacity?: number } = {}) {
  const store = boxStore();
  const calls: { id: string; spec: LogFollowSpec }[] = [];
  const service: LogsService = { follow: (id, spec) => void calls.push({ id, spec }), stop: vi.fn(), stopAll: vi.fn() };
  const ctx = consoleFor(store, { dir: mkdtempSync(join(tmpdir(), 'sbc-logs-')) });
  ctx.logs = service;
  const out = render(<Console store={store} evaluate={() => postgresDownLadder()} console={ctx} quit={vi.fn()} size={{ columns: opts.columns ?? 100, rows: 30 }} />);
  const a = store.getState().actions;
  /** Opens the follow view as :logs does, and marks its streams as the follower would. */
  const open = async () => {
    await press(out.stdin, ':');
    await type(out.stdin, 'logs matrix/sol');
    await press(out.stdin, KEY.enter);
    if (opts.capacity) store.getState().actions.openLogView({ id: 'follow', kind: 'kubernetes', title: 'matrix/sol', window: 'tail', capacity: opts.capacity, spec: { namespace: 'matrix', name: 'sol' } });
    a.setLogSource('follow', { status: 'following', describe: 'Deployment matrix/sol (2 pods)', streams: [{ pod: 'sol-7d9c8b6f4-abcde', container: 'sol', state: 'streaming' }, { pod: 'sol-7d9c8b6f4-fghij', container: 'sol', state: 'streaming' }] });
    await settle();
  };
  const push = async (...rs: LogRecord[]) => {
    a.appendLogs('follow', rs);
    await settle();
  };
  const frame = () => out.lastFrame() ?? '';
  return { ...out, store, calls, open, push, frame };
}

describe('the Logs pane (rung 3)', () => {
  it(':logs matrix/sol follows it and shows the pods\' lines merged in time order, each pod by what its name adds', async () => {
    const r = mount();
    await settle();
    await r.open();
    expect(r.calls).toEqual([{ id: 'follow', spec: { namespace: 'matrix', name: 'sol', window: 'tail' } }]);
    expect(r.store.getState().ui.rung).toBe(3);
    await r.push(line('sol-7d9c8b6f4-fghij', 2, 'second'), line('sol-7d9c8b6f4-abcde', 1, 'first'), line('sol-7d9c8b6f4-abcde', 3, 'third'));
    const f = r.frame();
    expect(f).toContain('Deployment matrix/sol (2 pods) · tail');
    expect(f).toContain('2 streaming');
    const rows = f.split('\n').filter((l) => /first|second|third/.test(l));
    expect(rows.map((l) => l.replace(/^.*│/, '').trim())).toEqual(['abcde first', 'fghij second', 'abcde third']);
  });

  it('/ keeps the lines that match and :exclude hides the ones that match', async () => {
    const r = mount();
    await settle();
    await r.open();
    await r.push(line('sol-a', 1, 'GET /health 200'), line('sol-a', 2, 'POST /sync 500 error'), line('sol-a', 3, 'GET /rooms 200'));
    await press(r.stdin, '/');
    await type(r.stdin, 'get');
    await press(r.stdin, KEY.enter);
    expect(r.frame()).toContain('GET /health 200');
    expect(r.frame()).not.toContain('POST /sync');
    await press(r.stdin, ':');
    await type(r.stdin, 'exclude health');
    await press(r.stdin, KEY.enter);
    expect(r.frame()).toContain('GET /rooms 200');
    expect(r.frame()).not.toContain('GET /health');
    expect(r.frame()).toContain('/get/ -/health/');
  });

  it('s pauses: the lines on screen stay, the pane counts what arrives, and s follows again', async () => {
    const r = mount();
    await settle();
    await r.open();
    await r.push(line('sol-a', 1, 'before the pause'));
    await press(r.stdin, 's');
    await r.push(line('sol-a', 2, 'while paused 1'), line('sol-a', 3, 'while paused 2'));
    expect(r.frame()).toContain('PAUSED · 2 new (s follows)');
    expect(r.frame()).toContain('before the pause');
    expect(r.frame()).not.toContain('while paused');
    await press(r.stdin, 's');
    expect(r.frame()).toContain('while paused 2');
    expect(r.frame()).not.toContain('PAUSED');
  });

  it('w wraps a long line onto several rows instead of cutting it', async () => {
    const r = mount({ columns: 80 });
    await settle();
    await r.open();
    const long = `start ${'x'.repeat(150)} the-end`;
    await r.push(line('sol-a', 1, long));
    expect(r.frame()).not.toContain('the-end');
    await press(r.stdin, 'w');
    expect(r.frame()).toContain('the-end');
  });

  it('a JSON line shows as its level and message; Enter opens every field', async () => {
    const r = mount();
    await settle();
    await r.open();
    await r.push(line('sol-a', 1, JSON.stringify({ time: '2026-12-02T01:00:01Z', level: 'error', logger: 'sol.mistral', message: 'Mistral API request failed', retries: 3 })));
    expect(r.frame()).toMatch(/ERROR +Mistral API request failed/);
    expect(r.frame()).not.toContain('"logger"');
    await press(r.stdin, KEY.enter);
    await waitUntil(() => r.frame().includes('logger: sol.mistral'), 2000, 'the line in full');
    expect(r.frame()).toContain('retries: 3');
  });

  it('counts the lines the bounded buffer dropped', async () => {
    const r = mount({ capacity: 5 });
    await settle();
    await r.open();
    await r.push(...Array.from({ length: 8 }, (_, i) => line('sol-a', i, `line ${i}`)));
    expect(r.frame()).toContain('5 lines, 3 dropped');
    expect(r.frame()).toContain('line 7');
    expect(r.frame()).not.toContain('line 2');
  });

  it('0-6 pick the time window: 2 re-opens the follow for the last 5 minutes, 0 back to the tail', async () => {
    const r = mount();
    await settle();
    await r.open();
    await press(r.stdin, '2');
    expect(r.calls.at(-1)).toEqual({ id: 'follow', spec: { namespace: 'matrix', name: 'sol', window: '5m' } });
    expect(r.store.getState().ui.rung).toBe(3);
    r.store.getState().actions.setLogSource('follow', { status: 'following', streams: [] });
    await settle();
    expect(r.frame()).toContain('last 5m');
    await press(r.stdin, '6');
    expect(r.calls.at(-1)!.spec.window).toBe('all');
    await press(r.stdin, '0');
    expect(r.calls.at(-1)!.spec.window).toBe('tail');
    await press(r.stdin, '7');
    expect(r.store.getState().ui.rung).toBe(7);
  });

  it('l on a pod row in Status follows that pod', async () => {
    const r = mount();
    await settle();
    await waitUntil(() => r.frame().includes('postgres'), 2000, 'the Status rows');
    // Move onto a pod row (the first rows are namespace groups and workloads).
    for (let i = 0; i < 30; i++) {
      const sel = r.store.getState();
      const { selectionOf } = await import('../../src/console/selection.js');
      if (selectionOf(sel)?.kind === 'Pod') break;
      await press(r.stdin, 'j');
    }
    const { selectionOf } = await import('../../src/console/selection.js');
    const sel = selectionOf(r.store.getState())!;
    expect(sel.kind).toBe('Pod');
    await press(r.stdin, 'l');
    expect(r.calls.at(-1)).toEqual({ id: 'follow', spec: { namespace: sel.namespace, name: sel.name, window: 'tail' } });
    expect(r.store.getState().ui.rung).toBe(3);
  });
});
