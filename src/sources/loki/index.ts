// The Loki source: rung 7's errors view. query_range of the configured query over the window (the Loki slice's
// query and windowMs; newest first, paged past Loki's limit, as many lines as the view keeps) for the history,
// then a live tail from just after the last line seen. A tail that ends (Loki's tail max duration, 1011
// "reached tail max duration limit", a dropped connection, a server gone quiet) is opened again from the last
// line's nanosecond with the lines already seen there dropped (cursor.ts): no duplicate, no gap; after a gap
// longer than catchUpMs the missed lines are read with query_range first. Backoff with jitter between failed
// attempts. Lines reach the logs slice's 'errors' view in batches; after each batch (and every summaryMs, so
// that counts age out) the summary per service goes to the Loki slice with checkedAt; the health through the
// reporter. The pane changes the query by writing the Loki slice's `query` (setLokiErrors): the source
// listens to the store and re-opens on a new query or window.
import { DEFAULT_LOG_BUFFER, LOG_WINDOWS, type LogRecord, type LogWindowId } from '../../logs/record.js';
import type { AppStore } from '../../store/index.js';
import type { SourceHealth, SourceState } from '../../store/records.js';
import { createBackoff } from '../core/backoff.js';
import { createCoalescer } from '../core/coalescer.js';
import { createHealthReporter } from '../core/health-reporter.js';
import type { Source } from '../source.js';
import type { LokiClient, TailHandle } from './client.js';
import { ResumeCursor } from './cursor.js';
import { LokiError, type LokiFailure } from './errors.js';
import { DEFAULT_BATCH, fetchPaged } from './pager.js';
import { compareNs, msToNs, toRecord, type LokiEntry } from './records.js';
import { ErrorTally } from './summary.js';

/** The log view rung 7 shows. */
export const ERRORS_VIEW = 'errors';

export interface LokiSourceOptions {
  /** Store writes at most this often (ms); default 250. */
  flushMs?: number;
  /** The summary is written again this often without new lines, so that counts age out (ms); default 10 s. */
  summaryMs?: number;
  /** Reconnect backoff, min and max (ms); default 500 ms doubling to 15 s. */
  backoffMs?: [number, number];
  /** Entries per query_range request (logcli's --batch); default 1000. */
  batch?: number;
  /** Lines the errors view keeps; default DEFAULT_LOG_BUFFER. */
  capacity?: number;
  /** After a tail gap longer than this (ms), read the missed lines with query_range before tailing again; default 5 s. */
  catchUpMs?: number;
  now?: () => number;
}

export interface LokiSource extends Source {
  /** Requests sent through the session's Loki client. */
  requests(): number;
  /** Times the tail was opened again after it ended. */
  resumes(): number;
}

const STATE_OF: Partial<Record<LokiFailure, SourceState>> = { unauthorized: 'unauthorized', forbidden: 'forbidden', timeout: 'timeout', refused: 'degraded', 'rate-limited': 'degraded' };

/** The log window whose span is the summary's (the view's title says "last 15m"). */
function windowId(ms: number): LogWindowId {
  return LOG_WINDOWS.find((w) => w.seconds !== undefined && w.seconds * 1000 === ms)?.id ?? '15m';
}

function asLokiError(err: unknown): LokiError {
  return err instanceof LokiError ? err : new LokiError('error', `Loki failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
}

export function createLokiSource(store: AppStore, client: LokiClient, opts: LokiSourceOptions = {}): LokiSource {
  const now = opts.now ?? Date.now;
  const summaryMs = opts.summaryMs ?? 10_000;
  const batch = opts.batch ?? DEFAULT_BATCH;
  const capacity = opts.capacity ?? DEFAULT_LOG_BUFFER;
  const catchUpMs = opts.catchUpMs ?? 5000;
  const [bMin, bMax] = opts.backoffMs ?? [500, 15_000];
  const actions = () => store.getState().actions;
  const health = createHealthReporter((h) => actions().setSource('loki', h), now);
  const backoff = createBackoff({ minMs: bMin, maxMs: bMax });
  const tally = new ErrorTally();
  let pending: LogRecord[] = [];
  let started = false;
  let stopped = false;
  /** Bumped by every (re)open: whatever an older one still does is dropped. */
  let generation = 0;
  let query = '';
  let windowMs = 0;
  let cursor = new ResumeCursor();
  let tail: TailHandle | undefined;
  let live = false;
  let resumes = 0;
  let abort: AbortController | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let summaryTimer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let resolveSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((r) => (resolveSynced = r));

  const buffer = createCoalescer<'lines', never>({ flushMs: opts.flushMs ?? 250, flush, now });

  function summarise(fresh: boolean): void {
    const l = store.getState().loki;
    const services = tally.summary(now(), l.windowMs, l.bucketMs);
    actions().setLokiErrors(fresh ? { services, checkedAt: now() } : { services });
  }

  function flush(): void {
    const lines = pending;
    pending = [];
    if (lines.length) actions().appendLogs(ERRORS_VIEW, lines);
    summarise(live);
    if (!live) return;
    health.succeeded(now());
    publish({ state: 'ok' }, true);
  }

  function publish(h: SourceHealth, fresh = false): void {
    health.publish(h, fresh);
  }

  function add(entries: readonly LokiEntry[]): void {
    const fresh = cursor.filter(entries);
    if (!fresh.length) return;
    const records = fresh.map(toRecord);
    tally.add(records);
    pending.push(...records);
    buffer.schedule();
  }

  function view(patch: Parameters<ReturnType<typeof actions>['setLogSource']>[1]): void {
    actions().setLogSource(ERRORS_VIEW, patch);
  }

  function streamState(state: 'streaming' | 'reconnecting' | 'error', error?: string): void {
    view({ streams: [{ pod: 'loki', container: 'tail', state, ...(error ? { error } : {}) }], resumes });
  }

  function failed(err: LokiError, gen: number): void {
    if (stopped || gen !== generation) return;
    live = false;
    const state = STATE_OF[err.kind] ?? 'unreachable';
    publish({ state, lastError: err.message });
    if (err.kind === 'refused') {
      // The query itself is wrong: no retry until it changes (the pane's `e`).
      view({ status: 'error', error: err.message, streams: [] });
      resolveSynced();
      return;
    }
    streamState('reconnecting', err.message);
    resolveSynced();
    schedule(backoff.next(), gen);
  }

  function schedule(ms: number, gen: number): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void resume(gen), ms);
  }

  /** ms epoch of the cursor (the newest line seen, or where the history ended). */
  function cursorMs(): number {
    return cursor.ns ? Number(BigInt(cursor.ns) / 1_000_000n) : 0;
  }

  async function history(gen: number): Promise<void> {
    const end = now();
    const endNs = msToNs(end);
    abort = new AbortController();
    const entries = await fetchPaged((p) => client.queryRange({ query, ...p }, abort!.signal), {
      start: msToNs(end - windowMs),
      end: endNs,
      limit: capacity,
      batch,
      direction: 'backward',
      signal: abort.signal,
    });
    if (stopped || gen !== generation) return;
    entries.reverse();
    cursor = new ResumeCursor(entries.length ? undefined : endNs);
    add(entries);
    openTail(gen);
  }

  /** The lines of the gap, oldest first, from the cursor (or the window's start, if later) to now. */
  async function catchUp(gen: number): Promise<void> {
    const from = cursor.ns && compareNs(cursor.ns, msToNs(now() - windowMs)) > 0 ? cursor.ns : msToNs(now() - windowMs);
    abort = new AbortController();
    const entries = await fetchPaged((p) => client.queryRange({ query, ...p }, abort!.signal), { start: from, end: msToNs(now()), limit: 0, batch, direction: 'forward', signal: abort.signal });
    if (stopped || gen !== generation) return;
    add(entries);
  }

  function openTail(gen: number): void {
    tail?.close();
    tail = client.tail(
      { query, ...(cursor.ns ? { start: cursor.ns } : {}), limit: batch },
      {
        onOpen() {
          if (stopped || gen !== generation) return;
          live = true;
          view({ status: 'following', error: undefined });
          streamState('streaming');
          // The history and the tail are both there: the store holds the first full read.
          buffer.schedule();
          resolveSynced();
        },
        onEntries(entries) {
          if (stopped || gen !== generation) return;
          backoff.reset();
          add(entries);
        },
        onEnd(err) {
          if (stopped || gen !== generation) return;
          tail = undefined;
          live = false;
          resumes++;
          if (err.kind === 'tail-limit' || err.kind === 'closed') {
            // Loki's limit: again at once; a drop: after the backoff (it grows while drops follow each other).
            streamState('reconnecting', err.message);
            schedule(err.kind === 'tail-limit' ? 0 : backoff.next(), gen);
            return;
          }
          failed(err, gen);
        },
      },
    );
  }

  async function resume(gen: number): Promise<void> {
    if (stopped || gen !== generation) return;
    try {
      if (!cursor.ns) await history(gen);
      else {
        if (now() - cursorMs() > catchUpMs) await catchUp(gen);
        if (stopped || gen !== generation) return;
        openTail(gen);
      }
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') return;
      failed(asLokiError(err), gen);
    }
  }

  /** (Re)opens the view on the slice's query and window: a new history, then the tail. */
  function open(): void {
    const gen = ++generation;
    const l = store.getState().loki;
    query = l.query;
    windowMs = l.windowMs;
    tail?.close();
    tail = undefined;
    abort?.abort();
    clearTimeout(retryTimer);
    live = false;
    pending = [];
    tally.clear();
    cursor = new ResumeCursor();
    backoff.reset();
    actions().openLogView({ id: ERRORS_VIEW, kind: 'loki', title: query, window: windowId(windowMs), capacity });
    view({ status: 'resolving', describe: `Loki ${query}` });
    actions().setLokiErrors({ services: [], checkedAt: undefined });
    void (async () => {
      try {
        await history(gen);
      } catch (err) {
        if ((err as Error)?.name === 'AbortError') return;
        failed(asLokiError(err), gen);
      }
    })();
  }

  return {
    id: 'loki',
    start() {
      if (started || stopped) return;
      started = true;
      if (client.problem) {
        const l = store.getState().loki;
        actions().openLogView({ id: ERRORS_VIEW, kind: 'loki', title: l.query, window: windowId(l.windowMs), capacity });
        view({ status: 'error', error: client.problem });
        publish({ state: 'unreachable', lastError: client.problem }, true);
        resolveSynced();
        return;
      }
      publish({ state: 'connecting' }, true);
      open();
      unsubscribe = store.subscribe((s, prev) => {
        if (s.loki.query !== prev.loki.query || s.loki.windowMs !== prev.loki.windowMs) {
          if (s.loki.query !== query || s.loki.windowMs !== windowMs) open();
        }
      });
      summaryTimer = setInterval(() => {
        if (stopped) return;
        summarise(live);
        if (live) publish({ state: 'ok' }, true);
      }, summaryMs);
      summaryTimer.unref();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      generation++;
      unsubscribe?.();
      clearTimeout(retryTimer);
      clearInterval(summaryTimer);
      abort?.abort();
      tail?.close();
      tail = undefined;
      buffer.stop();
      health.stop();
    },
    synced: () => syncedPromise,
    health: () => health.current(),
    requests: () => client.requests(),
    resumes: () => resumes,
  };
}
