// The bench's window into a running console (test/bench/run.mjs): events written as JSON lines to the fd in
// SUNBEAM_BENCH_FD when it is set, nothing at all otherwise.
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { FOLLOW_VIEW } from '../src/console/log-keys.js';
import type { AppStore } from '../src/store/index.js';

export interface BenchReporter {
  event(name: string): void;
  render(ms: number): void;
  /** Every `everyMs` (default 1 s) while rung 3's follow view exists: its ring's counters and the V8 heap in use, a 'logs' event. Returns a stop. */
  logs(store: AppStore, everyMs?: number): () => void;
}

/**
 * Writes bench events as JSON lines to the fd in SUNBEAM_BENCH_FD, if set: 'first-frame' and 'populated' once
 * each, every ~5 s the count and the total and longest time of Ink's renders since the last report, and, once
 * logs(store) is called, every second the follow view's line counters (lines taken in since it opened, dropped
 * by the bounded ring, kept) with its stream count and status, for the ingest rate, and the V8 heap in use (a
 * leak shows there before the RSS, which the allocator keeps high).
 */
export function benchReporter(): BenchReporter {
  const fd = Number(process.env.SUNBEAM_BENCH_FD);
  if (!Number.isInteger(fd) || fd <= 2) return { event() {}, render() {}, logs: () => () => {} };
  const write = (obj: object) => {
    try {
      writeSync(fd, JSON.stringify({ ...obj, t: performance.now() }) + '\n');
    } catch {
      // The bench harness went away; nothing to report to.
    }
  };
  const seen = new Set<string>();
  let renders = { n: 0, totalMs: 0, maxMs: 0 };
  setInterval(() => {
    if (renders.n) write({ event: 'renders', ...renders });
    renders = { n: 0, totalMs: 0, maxMs: 0 };
  }, 5000).unref();
  return {
    event(name) {
      if (seen.has(name)) return;
      seen.add(name);
      write({ event: name });
    },
    render(ms) {
      renders.n++;
      renders.totalMs += ms;
      renders.maxMs = Math.max(renders.maxMs, ms);
    },
    logs(store, everyMs = 1000) {
      const timer = setInterval(() => {
        const v = store.getState().logs.views[FOLLOW_VIEW];
        if (!v) return;
        const heapUsed = process.memoryUsage().heapUsed;
        write({ event: 'logs', title: v.title, status: v.source.status, streams: v.source.streams.length, total: v.ring.total, dropped: v.ring.dropped, size: v.ring.size, heapUsed });
      }, everyMs).unref();
      return () => clearInterval(timer);
    },
  };
}
