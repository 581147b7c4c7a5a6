// The Loki source: rung 7's errors view. query_range of the configured query over the window (the Loki slice's
// query and windowMs; newest first, paged past Loki's limit, as many lines as the view keeps) for the history,
// then a live tail from just after the last line seen, resumed without duplicates or gaps when Loki ends it
// (follow.ts: its tail max duration, a dropped connection, a server gone quiet; a catch-up with query_range
// after a long gap; backoff with jitter). A history that fails is tried again with the same backoff. Lines
// reach the logs slice's 'errors' view in batches; the summary per service goes to the Loki slice with
// checkedAt after them (at most once a second) and every summaryMs (so that counts age out); the health
// through the reporter. The pane changes the query by writing the Loki slice's `query` (setLokiErrors): the
// source listens to the store and re-opens on a new query or window.
import { DEFAULT_LOG_BUFFER, LOG_WINDOWS, type LogRecord, type LogWindowId } from '../../logs/record.js';
import type { AppStore } from '../../store/index.js';
import type { SourceState } from '../../store/records.js';
import { createBackoff } from '../core/backoff.js';
import { createCoalescer } from '../core/coalescer.js';
import { createHealthReporter } from '../core/health-reporter.js';
import type { Source } from '../source.js';
import type { LokiClient } from './client.js';
import { ResumeCursor } from './cursor.js';
import { LokiError, type LokiFailure } from './errors.js';
import { followLoki, type LokiFollow } from './follow.js';
import { DEFAULT_BATCH, fetchPaged } from './pager.js';
import { msToNs, toRecord, type LokiEntry } from './records.js';
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

/** What a failure means for the source's health; a dropped tail ('closed', 'tail-limit') leaves it as it is. */
const STATE_OF: Partial<Record<LokiFailure, SourceState>> = { unauthorized: 'unauthorized', forbidden: 'forbidden', timeout: 'timeout', refused: 'degraded', 'rate-limited': 'degraded', unreachable: 'unreachable', tls: 'unreachable', 'not-found': 'unreachable', error: 'unreachable' };

/** The log window whose span is the summary's (the view's title says "last 15m"). */
function windowId(ms: number): LogWindowId {
  return LOG_WINDOWS.find((w) => w.seconds !== undefined && w.seconds * 1000 === ms)?.id ?? '15m';
}

/** The summary and the health are written at most this often. */
const REPORT_MS = 1000;

function asLokiError(err: unknown): LokiError {
  return err instanceof LokiError ? err : new LokiError('error', `Loki failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
}

export function createLokiSource(store: AppStore, client: LokiClient, opts: LokiSourceOptions = {}): LokiSource {
  const now = opts.now ?? Date.now;
  const summaryMs = opts.summaryMs ?? 10_000;
  const batch = opts.batch ?? DEFAULT_BATCH;
  const capacity = opts.capacity ?? DEFAULT_LOG_BUFFER;
  const backoffMs = opts.backoffMs ?? [500, 15_000];
  const actions = () => store.getState().actions;
  const health = createHealthReporter((h) => actions().setSource('loki', h), now);
  const historyBackoff = createBackoff({ minMs: backoffMs[0], maxMs: backoffMs[1] });
  const tally = new ErrorTally();
  let pending: LogRecord[] = [];
  let started = false;
  let stopped = false;
  /** Bumped by every (re)open: whatever an older one still does is dropped. */
  let generation = 0;
  let query = '';
  let windowMs = 0;
  let follow: LokiFollow | undefined;
  let live = false;
  let resumed = 0;
  let abort: AbortController | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let summaryTimer: NodeJS.Timeout | undefined;
  let reportTimer: NodeJS.Timeout | undefined;
  let lastReport = -Infinity;
  let unsubscribe: (() => void) | undefined;
  let resolveSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((r) => (resolveSynced = r));

  const buffer = createCoalescer<'lines', never>({ flushMs: opts.flushMs ?? 250, flush, now });
  const resumes = () => resumed + (follow?.resumes() ?? 0);

  function summarise(fresh: boolean): void {
    const l = store.getState().loki;
    const services = tally.summary(now(), l.windowMs, l.bucketMs);
    actions().setLokiErrors(fresh ? { services, checkedAt: now() } : { services });
  }

  /**
   * The summary and the health, at most once a second (each write re-evaluates the ladder; a flood of error
   * lines flushes four times a second): a flush within the second leaves it to a timer at its end.
   */
  function report(): void {
    clearTimeout(reportTimer);
    reportTimer = undefined;
    lastReport = now();
    summarise(live);
    if (!live) return;
    health.succeeded(now());
    health.publish({ state: 'ok' }, true);
    // The history and the open tail are in the store: the first full read.
    resolveSynced();
  }

  function flush(): void {
    const lines = pending;
    pending = [];
    if (lines.length) actions().appendLogs(ERRORS_VIEW, lines);
    const wait = lastReport + REPORT_MS - now();
    if (wait <= 0) report();
    else reportTimer ??= setTimeout(report, wait);
  }

  function add(entries: readonly LokiEntry[]): void {
    if (!entries.length) return;
    const records = entries.map(toRecord);
    tally.add(records);
    pending.push(...records);
    buffer.schedule();
  }

  function view(patch: Parameters<ReturnType<typeof actions>['setLogSource']>[1]): void {
    actions().setLogSource(ERRORS_VIEW, patch);
  }

  function streamState(state: 'streaming' | 'reconnecting', error?: string): void {
    view({ streams: [{ pod: 'loki', container: 'tail', state, ...(error ? { error } : {}) }], resumes: resumes() });
  }

  /** Loki failed (not a mere drop): the health says how, and the view why. */
  function failed(err: LokiError): void {
    live = false;
    health.publish({ state: STATE_OF[err.kind] ?? 'unreachable', lastError: err.message });
    if (err.kind === 'refused') view({ status: 'error', error: err.message, streams: [] });
    else streamState('reconnecting', err.message);
    resolveSynced();
  }

  function startFollow(gen: number, cursor: ResumeCursor): void {
    follow = followLoki(
      client,
      { query, cursor, batch, backoffMs, floorMs: () => now() - windowMs, now, ...(opts.catchUpMs !== undefined ? { catchUpMs: opts.catchUpMs } : {}) },
      {
        onEntries: (entries) => gen === generation && add(entries),
        onState(s) {
          if (stopped || gen !== generation) return;
          if (s.state === 'streaming') {
            live = true;
            view({ status: 'following', error: undefined });
            streamState('streaming');
            // The history and the tail are both there: the next flush writes the first full read.
            buffer.schedule();
            return;
          }
          if (s.state === 'reconnecting' && (s.error.kind === 'closed' || s.error.kind === 'tail-limit')) {
            live = false;
            streamState('reconnecting', s.error.message);
            return;
          }
          failed(s.error);
        },
      },
    );
  }

  /** query_range over the window, newest first up to what the view keeps; then the tail from its newest line. */
  async function history(gen: number): Promise<void> {
    if (stopped || gen !== generation) return;
    const end = now();
    const endNs = msToNs(end);
    abort = new AbortController();
    let entries: LokiEntry[];
    try {
      entries = await fetchPaged((p) => client.queryRange({ query, ...p }, abort!.signal), { start: msToNs(end - windowMs), end: endNs, limit: capacity, batch, direction: 'backward', signal: abort.signal });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError' || stopped || gen !== generation) return;
      const e = asLokiError(err);
      failed(e);
      if (e.kind !== 'refused') {
        resumed++;
        retryTimer = setTimeout(() => void history(gen), historyBackoff.next());
      }
      return;
    }
    if (stopped || gen !== generation) return;
    historyBackoff.reset();
    entries.reverse();
    const cursor = new ResumeCursor(entries.length ? undefined : endNs);
    add(cursor.filter(entries));
    startFollow(gen, cursor);
  }

  /** (Re)opens the view on the slice's query and window: a new history, then the tail. */
  function open(): void {
    const gen = ++generation;
    const l = store.getState().loki;
    query = l.query;
    windowMs = l.windowMs;
    follow?.stop();
    follow = undefined;
    abort?.abort();
    clearTimeout(retryTimer);
    live = false;
    pending = [];
    tally.clear();
    historyBackoff.reset();
    clearTimeout(reportTimer);
    reportTimer = undefined;
    lastReport = -Infinity;
    actions().openLogView({ id: ERRORS_VIEW, kind: 'loki', title: query, window: windowId(windowMs), capacity });
    view({ status: 'resolving', describe: `Loki ${query}` });
    actions().setLokiErrors({ services: [], checkedAt: undefined });
    void history(gen);
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
        health.publish({ state: 'unreachable', lastError: client.problem }, true);
        resolveSynced();
        return;
      }
      health.publish({ state: 'connecting' }, true);
      open();
      unsubscribe = store.subscribe((s) => {
        if (s.loki.query !== query || s.loki.windowMs !== windowMs) open();
      });
      summaryTimer = setInterval(() => !stopped && report(), summaryMs);
      summaryTimer.unref();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      generation++;
      unsubscribe?.();
      clearTimeout(retryTimer);
      clearInterval(summaryTimer);
      clearTimeout(reportTimer);
      abort?.abort();
      follow?.stop();
      follow = undefined;
      buffer.stop();
      health.stop();
    },
    synced: () => syncedPromise,
    health: () => health.current(),
    requests: () => client.requests(),
    resumes,
  };
}
