// The bench's reporter (bin/bench-reporter.ts): silent without SUNBEAM_BENCH_FD; with it, logs(store) writes rung
// 3's follow-view counters as 'logs' events, which test/bench/run.mjs turns into the console's ingest rate.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { benchReporter } from '../../bin/bench-reporter.js';
import type { LogRecord } from '../../src/logs/record.js';
import { createAppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

const rec = (i: number): LogRecord => ({ time: 1_000 + i, nano: 0, namespace: 'matrix', pod: 'sol-0', container: 'sol', text: `line ${i}` });
const cleanups: (() => void)[] = [];
afterEach(() => {
  delete process.env.SUNBEAM_BENCH_FD;
  cleanups.splice(0).forEach((f) => f());
});

function eventsFile() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fd-'));
  const path = join(dir, 'events');
  const fd = openSync(path, 'w');
  cleanups.push(() => {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });
  process.env.SUNBEAM_BENCH_FD = String(fd);
  return () =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('benchReporter().logs(store)', () => {
  it("reports the follow view's total, dropped and kept lines, its status and streams, and the heap in use, every interval", async () => {
    const events = eventsFile();
    const store = createAppStore();
    cleanups.unshift(benchReporter().logs(store, 10));
    const a = store.getState().actions;
    a.openLogView({ id: 'follow', kind: 'kubernetes', title: 'matrix/sol', window: 'tail', capacity: 100 });
    a.appendLogs('follow', Array.from({ length: 150 }, (_, i) => rec(i)));
    a.setLogSource('follow', { status: 'following', streams: [{ pod: 'sol-0', container: 'sol', state: 'streaming' }] });
    const e = await waitFor(() => events().find((x) => x.event === 'logs'), { message: 'a logs event' });
    expect(e).toMatchObject({ event: 'logs', title: 'matrix/sol', status: 'following', streams: 1, total: 150, dropped: 50, size: 100 });
    expect(typeof e.t).toBe('number');
    expect(e.heapUsed).toBeGreaterThan(0);
    a.appendLogs('follow', [rec(200)]);
    await waitFor(() => events().some((x) => x.event === 'logs' && x.total === 151), { message: 'the next count' });
  });

  it('is a no-op without SUNBEAM_BENCH_FD', () => {
    const stop = benchReporter().logs(createAppStore(), 10);
    expect(stop).toBeTypeOf('function');
    stop();
  });
});
