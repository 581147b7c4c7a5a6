// The time source of one Box: what its scheduler arms timers with and what `ctx.now()` reads. The real clock
// is the default; a ManualClock lets tests step simulated time forward themselves, so what they check does
// not depend on how busy the machine is.

/** An armed timer, opaque to its user. */
export type TimerId = NodeJS.Timeout | number;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
  setInterval(fn: () => void, ms: number): TimerId;
  clearInterval(id: TimerId): void;
}

/** node's own timers and Date.now(). */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (id) => clearInterval(id as NodeJS.Timeout),
};

interface ManualTimer {
  id: number;
  due: number;
  /** Repeats every `every` ms (an interval), or runs once. */
  every?: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to. Timers run in the order they fall due (ties in the order they were
 * armed), each with now() set to its due time; a timer armed while advancing runs in the same advance if it
 * falls due within it.
 */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<number, ManualTimer>();

  constructor(start = Date.now()) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    return this.arm(fn, ms);
  }

  setInterval(fn: () => void, ms: number): TimerId {
    return this.arm(fn, ms, Math.max(1, ms));
  }

  clearTimeout(id: TimerId): void {
    this.timers.delete(id as number);
  }

  clearInterval(id: TimerId): void {
    this.timers.delete(id as number);
  }

  /** Timers still armed. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way (synchronously). */
  advance(ms: number): void {
    const end = this.t + Math.max(0, ms);
    for (let next = this.nextDue(end); next; next = this.nextDue(end)) this.fire(next);
    this.t = end;
  }

  /**
   * As advance, but lets promise continuations run after each timer (code that awaits a timer, such as an
   * exec'd command that takes a while, goes on within the same advance).
   */
  async advanceAsync(ms: number): Promise<void> {
    const end = this.t + Math.max(0, ms);
    await settle();
    for (let next = this.nextDue(end); next; next = this.nextDue(end)) {
      this.fire(next);
      await settle();
    }
    this.t = end;
  }

  private arm(fn: () => void, ms: number, every?: number): TimerId {
    const id = ++this.seq;
    this.timers.set(id, { id, due: this.t + Math.max(0, ms), every, fn });
    return id;
  }

  private nextDue(end: number): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const tm of this.timers.values()) if (tm.due <= end && (!best || tm.due < best.due || (tm.due === best.due && tm.id < best.id))) best = tm;
    return best;
  }

  private fire(tm: ManualTimer): void {
    this.t = Math.max(this.t, tm.due);
    if (tm.every === undefined) this.timers.delete(tm.id);
    else tm.due += tm.every;
    tm.fn();
  }
}

/** Lets pending promise continuations run (one turn of the event loop, no timer). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
