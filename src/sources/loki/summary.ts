// Rung 7's error summary per service: how many error lines each service (namespace + app label) wrote in the
// window, in buckets for the pane's sparkline, and when its newest one was. Counted per second as lines
// arrive (not from the view's ring, which a flood would cap), so a window holds at most windowMs/1000 counters
// per service. The buckets end at `now`: the last one is "the last minute" when bucketMs is a minute.
import type { ErrorService } from '../../store/index.js';
import { serviceOf } from './records.js';
import type { LogRecord } from '../../logs/record.js';

interface Tally {
  namespace: string;
  app: string;
  /** second since the epoch -> lines */
  perSecond: Map<number, number>;
  lastAt: number;
}

export class ErrorTally {
  private readonly services = new Map<string, Tally>();

  /** Counts lines (their labels say the service; their time the second). */
  add(records: readonly Pick<LogRecord, 'time' | 'labels' | 'namespace'>[]): void {
    for (const r of records) {
      const { namespace, app } = serviceOf(r.labels ?? { namespace: r.namespace });
      const key = `${namespace}/${app}`;
      let t = this.services.get(key);
      if (!t) this.services.set(key, (t = { namespace, app, perSecond: new Map(), lastAt: 0 }));
      const sec = Math.floor(r.time / 1000);
      t.perSecond.set(sec, (t.perSecond.get(sec) ?? 0) + 1);
      if (r.time > t.lastAt) t.lastAt = r.time;
    }
  }

  clear(): void {
    this.services.clear();
  }

  /** Services with lines in (now - windowMs, now], most lines first; counts older than the window are forgotten. */
  summary(now: number, windowMs: number, bucketMs: number): ErrorService[] {
    const n = Math.max(1, Math.ceil(windowMs / bucketMs));
    const nowSec = Math.floor(now / 1000);
    const fromSec = nowSec - Math.ceil(windowMs / 1000);
    const out: ErrorService[] = [];
    for (const [key, t] of this.services) {
      const buckets = new Array<number>(n).fill(0);
      let count = 0;
      for (const [sec, c] of t.perSecond) {
        if (sec <= fromSec) {
          t.perSecond.delete(sec);
          continue;
        }
        // Lines stamped a little after now (another clock) go into the newest bucket.
        const age = Math.max(0, nowSec - sec) * 1000;
        const i = n - 1 - Math.min(n - 1, Math.floor(age / bucketMs));
        buckets[i]! += c;
        count += c;
      }
      if (count === 0) {
        this.services.delete(key);
        continue;
      }
      out.push({ namespace: t.namespace, app: t.app, count, buckets, lastAt: t.lastAt });
    }
    return out.sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || `${a.namespace}/${a.app}`.localeCompare(`${b.namespace}/${b.app}`));
  }
}
