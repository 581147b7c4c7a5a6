// Rung 7 on the console screen, over the loki and logs slices (the Loki source itself is tested against the
// simulator): not connected without Loki; the services with their counts and sparklines and the error lines;
// "cannot tell" when Loki is down, never "no errors"; e opens the query on the command line and :query changes
// it; Enter on a line follows its service in rung 3 from just before the line; Ctrl-S saves what is shown.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import type { LogRecord } from '../../src/logs/record.js';
import type { LogFollowSpec, LogsService } from '../../src/logs/service.js';
import { boxStore, consoleFor, postgresDownLadder } from './fixtures.js';
import { KEY, press, settle, type } from './helpers.js';

afterEach(() => cleanup());

const NOW = Date.now();
const err = (s: number, text: string): LogRecord => ({ time: NOW - 60_000 + s * 1000, nano: 0, namespace: 'matrix', pod: 'sol-7d9c-abcde', container: 'sol', text, labels: { namespace: 'matrix', app: 'sol', level: 'error', pod: 'sol-7d9c-abcde', container: 'sol' } });

function mount(loki: 'ok' | 'unreachable' | 'none' = 'ok') {
  const store = boxStore();
  const calls: { id: string; spec: LogFollowSpec }[] = [];
  const service: LogsService = { follow: (id, spec) => void calls.push({ id, spec }), stop: vi.fn(), stopAll: vi.fn() };
  const ctx = consoleFor(store, { dir: mkdtempSync(join(tmpdir(), 'sbc-errors-')) });
  ctx.logs = service;
  const a = store.getState().actions;
  if (loki !== 'none') {
    a.setSource('loki', { state: loki, lastSuccess: NOW - 5_000 });
    a.setLokiErrors({ checkedAt: NOW - 5_000, services: [{ namespace: 'matrix', app: 'sol', count: 37, buckets: [0, 0, 3, 8, 12, 14], lastAt: NOW - 2_000 }] });
    a.openLogView({ id: 'errors', kind: 'loki', title: '{level="error"}', window: 'all', capacity: 100 });
    a.setLogSource('errors', { status: 'following', streams: [{ pod: 'loki', container: 'tail', state: 'streaming' }] });
    a.appendLogs('errors', [err(1, '{"level":"error","message":"Mistral API request failed"}'), err(2, '{"level":"critical","message":"fatal: cannot reach the Mistral API; exiting"}')]);
  }
  const out = render(<Console store={store} evaluate={() => postgresDownLadder()} console={ctx} quit={vi.fn()} size={{ columns: 100, rows: 30 }} />);
  return { ...out, store, calls, frame: () => out.lastFrame() ?? '' };
}

describe('the Errors pane (rung 7)', () => {
  it('without Loki says it is not connected and how to connect it', async () => {
    const r = mount('none');
    await settle();
    await press(r.stdin, '7');
    expect(r.frame()).toContain('not connected — set LOKI_ADDR');
    expect(r.frame()).not.toContain('No error lines');
  });

  it('lists the services with their counts and a sparkline, then the error lines as level + message', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '7');
    const f = r.frame();
    expect(f).toContain('37 error lines in the last 15m from 1 service ({level="error"}):');
    expect(f).toMatch(/matrix\/sol +37 +  ▂▄▆█ +14 in the last 60s/);
    expect(f).toMatch(/ERROR +Mistral API request failed/);
    expect(f).toMatch(/ERROR +fatal: cannot reach the Mistral API; exiting/);
  });

  it('with Loki unreachable it cannot tell, and says how old its data is, never "no errors"', async () => {
    const r = mount('unreachable');
    await settle();
    await press(r.stdin, '7');
    expect(r.frame()).toMatch(/Loki unreachable; the last data is [5-9]s old: cannot tell what is failing now\./);
    expect(r.frame()).not.toContain('No error lines');
  });

  it('e puts the query on the command line; :query changes what rung 7 asks Loki', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '7', 'e');
    expect(r.store.getState().ui.command).toEqual({ open: true, text: 'query {level="error"}' });
    await press(r.stdin, KEY.esc);
    await press(r.stdin, ':');
    await type(r.stdin, 'query {level="error", namespace="matrix"}');
    await press(r.stdin, KEY.enter);
    expect(r.store.getState().loki.query).toBe('{level="error", namespace="matrix"}');
    expect(r.store.getState().ui.flash?.text).toBe('Rung 7 asks Loki for {level="error", namespace="matrix"}');
  });

  it('Enter on an error line follows its service in rung 3 from 30 s before the line', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '7', KEY.enter);
    expect(r.calls).toEqual([{ id: 'follow', spec: { namespace: 'matrix', name: 'sol', sinceTime: NOW - 60_000 + 2_000 - 30_000, window: 'tail' } }]);
    expect(r.store.getState().ui.rung).toBe(3);
  });

  it('Ctrl-S saves the lines shown to a file only its owner can read', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '7', '\u0013');
    const flash = r.store.getState().ui.flash?.text ?? '';
    const file = /^Saved the lines shown to (.+)$/.exec(flash)?.[1];
    expect(file, flash).toBeDefined();
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    const text = readFileSync(file!, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(text).toContain('matrix/sol-7d9c-abcde sol {"level":"error","message":"Mistral API request failed"}');
    expect(readdirSync(join(file!, '..')).length).toBe(1);
  });
});
