// The bench's window into a running console (test/bench/run.mjs): events written as JSON lines to the fd in
// SUNBEAM_BENCH_FD when it is set, nothing at all otherwise.
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * Writes bench events as JSON lines to the fd in SUNBEAM_BENCH_FD, if set: 'first-frame' and 'populated' once
 * each, and every ~5 s the count and the total and longest time of Ink's renders since the last report.
 */
export function benchReporter(): { event(name: string): void; render(ms: number): void } {
  const fd = Number(process.env.SUNBEAM_BENCH_FD);
  if (!Number.isInteger(fd) || fd <= 2) return { event() {}, render() {} };
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
  };
}
