// Backoff with jitter for a source's reconnects: the delay doubles from minMs up to maxMs (the cap keeps a
// recovered API from waiting long to be seen), and each delay is shortened by a random part of up to `jitter`
// of it, so that many readers cut off together do not all come back in the same millisecond.

export interface Backoff {
  /** The delay before the next attempt (ms); each call counts one failed attempt. */
  next(): number;
  /** Back to minMs: call on a success. */
  reset(): void;
  /** Failed attempts since the last reset. */
  readonly attempt: number;
}

export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  /** The largest share of a delay that jitter takes off, 0 to 1 (default 0.2: a delay d waits in (0.8 d, d]). */
  jitter?: number;
  /** Math.random by default; tests pass their own. */
  random?: () => number;
}

export function createBackoff(opts: BackoffOptions): Backoff {
  const jitter = Math.min(1, Math.max(0, opts.jitter ?? 0.2));
  const random = opts.random ?? Math.random;
  let attempt = 0;
  return {
    next() {
      const base = Math.min(opts.maxMs, opts.minMs * 2 ** attempt);
      attempt++;
      return Math.round(base * (1 - jitter * random()));
    },
    reset() {
      attempt = 0;
    },
    get attempt() {
      return attempt;
    },
  };
}
