// The Box's scheduler on a ManualClock: delays scaled by the speed, wall-clock times, intervals, the
// deduplicated `soon` queue and stop(), checked by stepping time rather than waiting for it.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/sim/box/clock.js';
import { Scheduler } from '../../src/sim/box/scheduler.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');

describe('ManualClock', () => {
  it('runs timers in due order, each at its own time, and only when advanced', () => {
    const clock = new ManualClock(T0);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now() - T0}`), 20);
    clock.setTimeout(() => seen.push(`a@${clock.now() - T0}`), 10);
    clock.setTimeout(() => seen.push(`c@${clock.now() - T0}`), 20);
    const gone = clock.setTimeout(() => seen.push('never'), 5);
    clock.clearTimeout(gone);
    expect(seen).toEqual([]);
    clock.advance(15);
    expect(seen).toEqual(['a@10']);
    expect(clock.now()).toBe(T0 + 15);
    clock.advance(5);
    expect(seen).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.pending).toBe(0);
  });

  it('repeats intervals until cleared, and runs a timer armed while advancing within the same advance', () => {
    const clock = new ManualClock(T0);
    const ticks: number[] = [];
    const id = clock.setInterval(() => {
      ticks.push(clock.now() - T0);
      if (ticks.length === 2) clock.setTimeout(() => ticks.push(-(clock.now() - T0)), 5);
    }, 10);
    clock.advance(35);
    expect(ticks).toEqual([10, 20, -25, 30]);
    clock.clearInterval(id);
    clock.advance(100);
    expect(ticks).toEqual([10, 20, -25, 30]);
  });

  it('advanceAsync lets code awaiting a timer go on within the same advance', async () => {
    const clock = new ManualClock(T0);
    const steps: string[] = [];
    // A timer on the ManualClock, not a sleep: it resolves only when the test advances the clock.
    const clockTimer = (ms: number) => new Promise<void>((r) => clock.setTimeout(r, ms));
    void (async () => {
      await clockTimer(10);
      steps.push('first');
      await clockTimer(10);
      steps.push('second');
    })();
    await clock.advanceAsync(25);
    expect(steps).toEqual(['first', 'second']);
  });
});

describe('Scheduler', () => {
  it('divides simulated delays by the speed; cancel stops a timer', () => {
    const clock = new ManualClock(T0);
    const s = new Scheduler(10, clock);
    const seen: string[] = [];
    s.after(1000, () => seen.push('after'));
    const cancel = s.after(500, () => seen.push('cancelled'));
    expect(s.pending).toBe(2);
    cancel();
    expect(s.pending).toBe(1);
    clock.advance(99);
    expect(seen).toEqual([]);
    clock.advance(1);
    expect(seen).toEqual(['after']);
    expect(s.pending).toBe(0);
    expect(s.scale(-5)).toBe(0);
  });

  it('at() keeps wall-clock time, whatever the speed', () => {
    const clock = new ManualClock(T0);
    const s = new Scheduler(50, clock);
    let ranAt = 0;
    s.at(new Date(T0 + 60_000), () => (ranAt = clock.now()));
    s.at(new Date(T0 - 1), () => undefined);
    clock.advance(59_999);
    expect(ranAt).toBe(0);
    clock.advance(1);
    expect(ranAt).toBe(T0 + 60_000);
    expect(s.now()).toBe(T0 + 60_000);
  });

  it('every() runs at the scaled interval, never faster than minRealMs', () => {
    const clock = new ManualClock(T0);
    const s = new Scheduler(100, clock);
    let fast = 0;
    let slow = 0;
    s.every(1000, () => fast++, 5); // 10 ms real
    s.every(100, () => slow++, 50); // 1 ms scaled, held at 50 ms
    clock.advance(100);
    expect(fast).toBe(10);
    expect(slow).toBe(2);
  });

  it('soon() runs each key once with its latest function, and reconciles queued while flushing in the same flush', () => {
    const clock = new ManualClock(T0);
    const s = new Scheduler(1, clock);
    const seen: string[] = [];
    s.soon('a', () => seen.push('a1'));
    s.soon('a', () => seen.push('a2'));
    s.soon('b', () => {
      seen.push('b');
      s.soon('c', () => seen.push('c'));
    });
    expect(s.pending).toBe(1);
    clock.advance(0);
    expect(seen).toEqual(['a2', 'b', 'c']);
    expect(s.pending).toBe(0);
  });

  it('a throwing reconcile is reported as a warning and the others still run', () => {
    const clock = new ManualClock(T0);
    const s = new Scheduler(1, clock);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    const emit = process.emitWarning;
    process.emitWarning = ((w: string | Error) => onWarning(typeof w === 'string' ? new Error(w) : w)) as typeof process.emitWarning;
    try {
      const seen: string[] = [];
      s.soon('bad', () => {
        throw new Error('boom');
      });
      s.soon('good', () => seen.push('good'));
      clock.advance(0);
      expect(seen).toEqual(['good']);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('sim box reconcile failed');
    } finally {
      process.emitWarning = emit;
    }
  });

  it('stop() clears every timer and refuses new ones', () => {
    const clock = new ManualClock(T0);
    const s = new Scheduler(1, clock);
    let runs = 0;
    s.after(10, () => runs++);
    s.every(10, () => runs++);
    s.soon('x', () => runs++);
    expect(s.pending).toBe(3);
    s.stop();
    expect(s.pending).toBe(0);
    expect(clock.pending).toBe(0);
    s.after(1, () => runs++);
    s.every(1, () => runs++);
    s.soon('y', () => runs++);
    clock.advance(1000);
    expect(runs).toBe(0);
    expect(s.pending).toBe(0);
  });
});
