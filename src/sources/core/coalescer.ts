// The coalescing buffer every source writes through: records keyed by (group, key) collect between flushes and
// reach the store at most once every flushMs, so a burst of 300 watch events is a handful of store writes (each
// one a render) instead of 300. A later value for the same key replaces the earlier one; null is a removal.

interface BatchPart<V> {
  upsert: V[];
  /** Keys removed since the last flush. */
  remove: string[];
}

/** group -> what changed in it since the last flush, in the order the keys were first touched. */
export type Batch<G, V> = Map<G, BatchPart<V>>;

export interface Coalescer<G, V> {
  /** Buffers a record (or a removal, with null) and schedules a flush. */
  put(group: G, key: string, value: V | null): void;
  /** Schedules a flush even with nothing buffered (it then gets an empty batch), e.g. to publish a state change. */
  schedule(): void;
  /** Drops what is buffered and cancels the pending flush; put and schedule do nothing afterwards. */
  stop(): void;
}

export interface CoalescerOptions<G, V> {
  /** At most one flush per this many ms; the first flush runs at once. */
  flushMs: number;
  /** Receives the batch; runs from a timer, never inside put(). */
  flush(batch: Batch<G, V>): void;
  now?: () => number;
}

export function createCoalescer<G, V>(opts: CoalescerOptions<G, V>): Coalescer<G, V> {
  const now = opts.now ?? Date.now;
  const pending = new Map<G, Map<string, V | null>>();
  let lastFlush = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function run(): void {
    timer = undefined;
    if (stopped) return;
    lastFlush = now();
    const batch: Batch<G, V> = new Map();
    for (const [group, m] of pending) {
      const part: BatchPart<V> = { upsert: [], remove: [] };
      for (const [k, v] of m) (v === null ? part.remove.push(k) : part.upsert.push(v));
      batch.set(group, part);
    }
    pending.clear();
    opts.flush(batch);
  }

  function schedule(): void {
    if (stopped || timer) return;
    timer = setTimeout(run, Math.max(0, lastFlush + opts.flushMs - now()));
  }

  return {
    put(group, key, value) {
      if (stopped) return;
      let m = pending.get(group);
      if (!m) pending.set(group, (m = new Map()));
      m.set(key, value);
      schedule();
    },
    schedule,
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}
