// The AlertManager source: rung 6. Every 5 s the alerts and the silences (GET /api/v2/alerts, /silences);
// every 30 s the status (version, cluster, the receivers of its configuration) and /metrics (the notification
// counters per integration, the first hop of "Alerts -> Matrix"; Grafana's built-in Alertmanager has none, so
// `notify` stays undefined there: cannot tell). A failed read backs off with jitter from 5 s to 30 s and the
// last known data stays, with its age; the first answer after it is polled at the normal pace again. The
// alerts slice gets a new list only when the list changed (stable references otherwise) and checkedAt on
// every full poll; the health through the reporter. synced() after the first full poll or a known failure.
import type { AppStore } from '../../store/index.js';
import type { AlertsSlice } from '../../store/alerts-slice.js';
import type { SourceState } from '../../store/records.js';
import { createBackoff } from '../core/backoff.js';
import { createHealthReporter } from '../core/health-reporter.js';
import type { Source } from '../source.js';
import type { AlertmanagerClient } from './client.js';
import { AlertmanagerError, type AlertmanagerFailure } from './errors.js';
import { NotifyWindow, parseNotifyMetrics } from './notify.js';
import { alertRecords, receiverRecords, silenceRecords, statusFacts } from './records.js';

export interface AlertmanagerSourceOptions {
  /** Alerts and silences, default 5 s. */
  pollMs?: number;
  /** Status and /metrics, default 30 s. */
  slowMs?: number;
  /** After a failure, min and max (ms); default 5 s doubling to 30 s. */
  backoffMs?: [number, number];
  /** The span of the recent notification figures, default 10 minutes. */
  notifyWindowMs?: number;
  now?: () => number;
}

export interface AlertmanagerSource extends Source {
  /** Requests sent through the session's AlertManager client. */
  requests(): number;
}

const STATE_OF: Record<AlertmanagerFailure, SourceState> = {
  refused: 'unreachable',
  unreachable: 'unreachable',
  timeout: 'timeout',
  tls: 'unreachable',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  'not-found': 'unreachable',
  'bad-request': 'unreachable',
  server: 'unreachable',
  error: 'unreachable',
};

function asError(err: unknown): AlertmanagerError {
  return err instanceof AlertmanagerError ? err : new AlertmanagerError('error', `AlertManager failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
}

type Lists = Pick<AlertsSlice['alerts'], 'alerts' | 'silences' | 'receivers' | 'notify' | 'version' | 'cluster'>;

/** The keys of `next` whose value differs from the slice's (by content): only those are written. */
function changed(current: AlertsSlice['alerts'], next: Partial<Lists>): Partial<Lists> {
  const out: Partial<Lists> = {};
  for (const [k, v] of Object.entries(next) as [keyof Lists, unknown][]) {
    if (JSON.stringify(current[k]) !== JSON.stringify(v)) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

export function createAlertmanagerSource(store: AppStore, client: AlertmanagerClient, opts: AlertmanagerSourceOptions = {}): AlertmanagerSource {
  const now = opts.now ?? Date.now;
  const pollMs = opts.pollMs ?? 5000;
  const slowMs = opts.slowMs ?? 30_000;
  const [bMin, bMax] = opts.backoffMs ?? [5000, 30_000];
  const actions = () => store.getState().actions;
  const health = createHealthReporter((h) => actions().setSource('alertmanager', h), now);
  const backoff = createBackoff({ minMs: bMin, maxMs: bMax });
  const window = new NotifyWindow(opts.notifyWindowMs);
  let started = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let abort: AbortController | undefined;
  let lastSlow = -Infinity;
  /** The second read of the counters comes one poll after the first: an increase needs two, and 30 s of "cannot tell" at start is too long. */
  let slowReads = 0;
  let resolveSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((r) => (resolveSynced = r));

  /** Status and /metrics: a failure of either is partial (the alerts still come), said in the health. */
  async function slow(signal: AbortSignal): Promise<{ patch: Partial<Lists>; problem?: string }> {
    const patch: Partial<Lists> = {};
    const problems: string[] = [];
    const [status, metrics] = await Promise.allSettled([client.status(signal), client.metrics(signal)]);
    if (status.status === 'fulfilled') {
      patch.receivers = receiverRecords(status.value);
      const facts = statusFacts(status.value);
      patch.version = facts.version;
      patch.cluster = facts.cluster;
    } else problems.push(asError(status.reason).message);
    if (metrics.status === 'fulfilled' && metrics.value !== undefined) {
      window.add(now(), parseNotifyMetrics(metrics.value));
      patch.notify = window.stats(now());
    } else {
      // Grafana (no /metrics) or /metrics unreadable: cannot tell how notifications fare.
      window.clear();
      patch.notify = undefined;
      if (metrics.status === 'rejected') problems.push(`its /metrics cannot be read, so notification failures cannot be told (${asError(metrics.reason).message.replace(/\.$/, '')}).`);
    }
    return problems.length ? { patch, problem: problems[0]! } : { patch };
  }

  async function poll(): Promise<void> {
    if (stopped) return;
    abort = new AbortController();
    const signal = abort.signal;
    let next = pollMs;
    try {
      const [alerts, silences] = await Promise.all([client.alerts(signal), client.silences(signal)]);
      const dueSlow = now() - lastSlow >= (slowReads < 2 ? pollMs : slowMs);
      const extra = dueSlow ? await slow(signal) : undefined;
      if (stopped) return;
      if (dueSlow) {
        lastSlow = now();
        slowReads++;
      }
      const patch = changed(store.getState().alerts, { alerts: alertRecords(alerts), silences: silenceRecords(silences), ...(extra?.patch ?? {}) });
      actions().setAlerts({ ...patch, checkedAt: now() });
      health.succeeded(now());
      const partial = extra?.problem ?? (dueSlow ? undefined : health.current().state === 'degraded' ? health.current().lastError : undefined);
      health.publish(partial ? { state: 'degraded', lastError: partial } : { state: 'ok' }, true);
      backoff.reset();
    } catch (err) {
      if (stopped || (err as Error)?.name === 'AbortError') return;
      const e = asError(err);
      health.publish({ state: STATE_OF[e.kind], lastError: e.message });
      next = backoff.next();
    }
    resolveSynced();
    if (!stopped) timer = setTimeout(() => void poll(), next);
  }

  return {
    id: 'alertmanager',
    start() {
      if (started || stopped) return;
      started = true;
      actions().setAlerts({ flavour: client.flavour, url: client.url });
      if (client.problem) {
        health.publish({ state: 'unreachable', lastError: client.problem }, true);
        resolveSynced();
        return;
      }
      health.publish({ state: 'connecting' }, true);
      void poll();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      abort?.abort();
      health.stop();
    },
    synced: () => syncedPromise,
    health: () => health.current(),
    requests: () => client.requests(),
  };
}
