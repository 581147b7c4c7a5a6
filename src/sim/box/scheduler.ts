// Every timer of one Box: simulated delays divided by the speed, all cleared by stop(). Time comes from an
// injectable Clock (the real one by default, a ManualClock in tests that step time themselves).
import { type Clock, realClock, type TimerId } from './clock.js';

export class Scheduler {
  private readonly timers = new Map<TimerId, 'timeout' | 'interval'>();
  private readonly soonKeys = new Map<string, () => void>();
  private soonTimer: TimerId | undefined;
  private stopped = false;

  constructor(
    readonly speed: number,
    readonly clock: Clock = realClock,
  ) {}

  /** The clock's time in ms since the epoch (what the Box calls now). */
  now(): number {
    return this.clock.now();
  }

  /** Real milliseconds for a simulated delay. */
  scale(ms: number): number {
    return Math.max(0, ms / this.speed);
  }

  /** Runs fn after a simulated delay. Returns a cancel function. */
  after(ms: number, fn: () => void): () => void {
    if (this.stopped) return () => {};
    const t = this.clock.setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, this.scale(ms));
    this.timers.set(t, 'timeout');
    return () => {
      this.clock.clearTimeout(t);
      this.timers.delete(t);
    };
  }

  /** Runs fn at a wall-clock time (not scaled: schedules such as a nightly backup keep real time). */
  at(when: Date, fn: () => void): () => void {
    return this.after(Math.max(0, when.getTime() - this.clock.now()) * this.speed, fn);
  }

  /** Runs fn every simulated `ms` (real interval at least `minRealMs`). */
  every(ms: number, fn: () => void, minRealMs = 5): () => void {
    if (this.stopped) return () => {};
    const t = this.clock.setInterval(() => {
      if (!this.stopped) fn();
    }, Math.max(minRealMs, this.scale(ms)));
    this.timers.set(t, 'interval');
    return () => {
      this.clock.clearInterval(t);
      this.timers.delete(t);
    };
  }

  /** Runs fn once, soon, deduplicated by key (level-triggered reconciles). */
  soon(key: string, fn: () => void): void {
    if (this.stopped) return;
    this.soonKeys.set(key, fn);
    if (this.soonTimer !== undefined) return;
    this.soonTimer = this.clock.setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    this.soonTimer = undefined;
    let rounds = 0;
    while (this.soonKeys.size && !this.stopped && rounds++ < 50) {
      const batch = [...this.soonKeys.values()];
      this.soonKeys.clear();
      for (const fn of batch) {
        try {
          fn();
        } catch (err) {
          process.emitWarning(`sim box reconcile failed: ${(err as Error).stack ?? err}`);
        }
      }
    }
    if (this.soonKeys.size && !this.stopped) this.soonTimer = this.clock.setTimeout(() => this.flush(), 1);
  }

  /** Number of live timers (tests check that stop() leaves none). */
  get pending(): number {
    return this.timers.size + (this.soonTimer !== undefined ? 1 : 0);
  }

  stop(): void {
    this.stopped = true;
    for (const [t, kind] of this.timers) (kind === 'interval' ? this.clock.clearInterval(t) : this.clock.clearTimeout(t));
    this.timers.clear();
    if (this.soonTimer !== undefined) this.clock.clearTimeout(this.soonTimer);
    this.soonTimer = undefined;
    this.soonKeys.clear();
  }
}
