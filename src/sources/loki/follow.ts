// A Loki tail that outlives Loki's tail limit and dropped connections: opened from a cursor (the last line
// seen, cursor.ts), and when it ends (1011 "reached tail max duration limit" at once; a drop, or Loki not
// answering, after a backoff with jitter) opened again from the cursor, the lines already seen at its
// nanosecond dropped: no duplicate, no gap. After a gap longer than catchUpMs the missed lines are read with
// query_range (paged) first, since a tail's lookback is best-effort and bounded by its limit. A refused query
// (400) ends it. The Loki source and `mon loki logs -f` both follow through here.
import { createBackoff } from '../core/backoff.js';
import type { LokiClient, TailHandle } from './client.js';
import type { ResumeCursor } from './cursor.js';
import { LokiError } from './errors.js';
import { DEFAULT_BATCH, fetchPaged } from './pager.js';
import { compareNs, msToNs, type LokiEntry } from './records.js';

export type FollowState =
  /** The tail is open. */
  | { state: 'streaming' }
  /** The tail ended or could not be opened: trying again (after the backoff, unless Loki's limit ended it). */
  | { state: 'reconnecting'; error: LokiError }
  /** Loki refused the query: nothing more is tried. */
  | { state: 'failed'; error: LokiError };

export interface FollowOptions {
  query: string;
  /** Where to start (inclusive), and what was already seen there; it moves as lines arrive. */
  cursor: ResumeCursor;
  /** Entries per query_range page and the tail's lookback limit (default 1000). */
  batch?: number;
  /** default 5 s */
  catchUpMs?: number;
  /** The earliest moment (ms) a catch-up reads from (a view's window); default the cursor itself. */
  floorMs?: () => number;
  /** default 500 ms doubling to 15 s */
  backoffMs?: [number, number];
  now?: () => number;
}

export interface FollowHandlers {
  /** New entries only (the cursor dropped those already seen), oldest first. */
  onEntries(entries: LokiEntry[]): void;
  onState(s: FollowState): void;
}

export interface LokiFollow {
  stop(): void;
  /** Times the tail was opened again after it ended. */
  resumes(): number;
}

function asLokiError(err: unknown): LokiError {
  return err instanceof LokiError ? err : new LokiError('error', `Loki failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
}

/** Starts following at once. */
export function followLoki(client: LokiClient, o: FollowOptions, h: FollowHandlers): LokiFollow {
  const now = o.now ?? Date.now;
  const batch = o.batch ?? DEFAULT_BATCH;
  const catchUpMs = o.catchUpMs ?? 5000;
  const [bMin, bMax] = o.backoffMs ?? [500, 15_000];
  const backoff = createBackoff({ minMs: bMin, maxMs: bMax });
  const { cursor } = o;
  let stopped = false;
  let tail: TailHandle | undefined;
  let timer: NodeJS.Timeout | undefined;
  let abort: AbortController | undefined;
  let resumes = 0;
  let opened = false;

  const add = (entries: readonly LokiEntry[]) => {
    const fresh = cursor.filter(entries);
    if (fresh.length && !stopped) h.onEntries(fresh);
  };

  function cursorMs(): number {
    return cursor.ns ? Number(BigInt(cursor.ns) / 1_000_000n) : now();
  }

  function retry(error: LokiError, ms: number): void {
    if (stopped) return;
    if (error.kind === 'refused') {
      h.onState({ state: 'failed', error });
      return;
    }
    h.onState({ state: 'reconnecting', error });
    clearTimeout(timer);
    timer = setTimeout(() => void open(), ms);
  }

  async function catchUp(): Promise<void> {
    const floor = o.floorMs ? msToNs(o.floorMs()) : undefined;
    const from = cursor.ns && (!floor || compareNs(cursor.ns, floor) > 0) ? cursor.ns : (floor ?? msToNs(now()));
    abort = new AbortController();
    const entries = await fetchPaged((p) => client.queryRange({ query: o.query, ...p }, abort!.signal), { start: from, end: msToNs(now() + 1), limit: 0, batch, direction: 'forward', signal: abort.signal });
    add(entries);
  }

  async function open(): Promise<void> {
    if (stopped) return;
    if (opened) {
      try {
        if (now() - cursorMs() > catchUpMs) await catchUp();
      } catch (err) {
        if ((err as Error)?.name !== 'AbortError') retry(asLokiError(err), backoff.next());
        return;
      }
      if (stopped) return;
    }
    opened = true;
    tail = client.tail(
      { query: o.query, ...(cursor.ns ? { start: cursor.ns } : {}), limit: batch },
      {
        onOpen: () => !stopped && h.onState({ state: 'streaming' }),
        onEntries(entries) {
          backoff.reset();
          add(entries);
        },
        onEnd(error) {
          tail = undefined;
          if (stopped) return;
          resumes++;
          retry(error, error.kind === 'tail-limit' ? 0 : backoff.next());
        },
      },
    );
  }

  void open();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      abort?.abort();
      tail?.close();
      tail = undefined;
    },
    resumes: () => resumes,
  };
}
