// Rung 7's summary per service: counts in the window, per-minute buckets ending now (the last one is the last
// minute), newest-first by count, and old counts forgotten.
import { describe, expect, it } from 'vitest';
import { ErrorTally } from '../../src/sources/loki/summary.js';

const at = (time: number, namespace: string, app: string) => ({ time, namespace, labels: { namespace, app, level: 'error' } });
const NOW = Date.parse('2026-12-02T01:30:00Z');
const MIN = 60_000;

describe('ErrorTally', () => {
  it('counts per service in the window, with one bucket per minute and the newest line', () => {
    const t = new ErrorTally();
    t.add([at(NOW - 10_000, 'matrix', 'sol'), at(NOW - 20_000, 'matrix', 'sol'), at(NOW - 5 * MIN - 1000, 'matrix', 'sol'), at(NOW - 14 * MIN - 30_000, 'matrix', 'sol')]);
    t.add([at(NOW - 2 * MIN, 'gitea', 'gitea')]);
    t.add([at(NOW - 16 * MIN, 'data', 'postgres')]);
    const s = t.summary(NOW, 15 * MIN, MIN);
    expect(s.map((x) => `${x.namespace}/${x.app}=${x.count}`)).toEqual(['matrix/sol=4', 'gitea/gitea=1']);
    const sol = s[0]!;
    expect(sol.buckets).toHaveLength(15);
    expect(sol.buckets[14]).toBe(2);
    expect(sol.buckets[9]).toBe(1);
    expect(sol.buckets[0]).toBe(1);
    expect(sol.buckets.reduce((a, b) => a + b, 0)).toBe(4);
    expect(sol.lastAt).toBe(NOW - 10_000);
  });

  it('forgets what left the window, and ties go to the newest', () => {
    const t = new ErrorTally();
    t.add([at(NOW - MIN, 'a', 'x'), at(NOW - 30_000, 'b', 'y')]);
    expect(t.summary(NOW, 15 * MIN, MIN).map((x) => x.app)).toEqual(['y', 'x']);
    expect(t.summary(NOW + 15 * MIN - 45_000, 15 * MIN, MIN).map((x) => x.app)).toEqual(['y']);
    expect(t.summary(NOW + 20 * MIN, 15 * MIN, MIN)).toEqual([]);
  });

  it('puts a line stamped a little ahead of now (another clock) in the newest bucket', () => {
    const t = new ErrorTally();
    t.add([at(NOW + 2000, 'a', 'x')]);
    expect(t.summary(NOW, 15 * MIN, MIN)[0]!.buckets[14]).toBe(1);
  });
});
