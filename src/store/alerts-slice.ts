// The alerts slice: rung 6, what AlertManager (or Grafana's built-in Alertmanager) says: the alerts with their
// state, the silences, the receivers of its configuration, and how its notifications fare per integration (the
// first hop of "Alerts -> Matrix"). The AlertManager source (src/sources/alertmanager/) is its only writer; it
// replaces each list whole on every poll, so selectors see new references only when a poll brought news.
import type { GetState, SetState } from './slice.js';

/** An alert's state as amtool and karma show it: AlertManager's `suppressed` split by what suppresses it. */
export type AlertState = 'active' | 'silenced' | 'inhibited' | 'unprocessed';

export interface AlertRecord {
  /** AlertManager's fingerprint (the key). */
  fingerprint: string;
  /** labels.alertname ('' when absent). */
  alertname: string;
  /** labels.severity, lower-cased ('none' when absent). */
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: AlertState;
  /** Silence ids and inhibiting alerts' fingerprints. */
  silencedBy: string[];
  inhibitedBy: string[];
  /** RFC 3339. */
  startsAt: string;
  endsAt?: string;
  updatedAt?: string;
  generatorURL?: string;
  /** The receivers it is routed to (names). */
  receivers: string[];
}

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** false for != and !~ (default true). */
  isEqual: boolean;
}

export interface SilenceRecord {
  id: string;
  matchers: SilenceMatcher[];
  state: 'active' | 'pending' | 'expired';
  createdBy: string;
  comment: string;
  startsAt: string;
  endsAt: string;
  updatedAt?: string;
}

/** A receiver of AlertManager's configuration (from GET /api/v2/status config.original) and where its webhooks go. */
export interface ReceiverRecord {
  name: string;
  /** The webhook_configs URLs (the Box's: http://matrix-alertmanager-receiver.monitoring.svc:12345/alerts/ops). */
  webhookUrls: string[];
}

/**
 * AlertManager's notification counters for one integration (and receiver, where the server labels them so:
 * v0.27+ has `receiver_name`), from its /metrics: `alertmanager_notifications_total`,
 * `alertmanager_notifications_failed_total` and the `..._requests_...` pair; `recent*` are the increase since
 * the first read of this run within the last `recentMs` (the source keeps the samples).
 */
export interface NotifyStats {
  integration: string;
  receiver?: string;
  total: number;
  failed: number;
  requestsTotal: number;
  requestsFailed: number;
  recentTotal: number;
  recentFailed: number;
  recentRequestsFailed: number;
  /** The span the recent figures cover (ms): from the oldest sample kept to the newest (0 with one read). */
  recentMs: number;
}

export interface AlertsSlice {
  alerts: {
    /** Which API the source reads: AlertManager's own, or Grafana's built-in (/api/alertmanager/grafana/api/v2). */
    flavour?: 'alertmanager' | 'grafana';
    /** Where (no credentials in it). */
    url?: string;
    alerts: AlertRecord[];
    silences: SilenceRecord[];
    receivers: ReceiverRecord[];
    /** undefined: cannot tell (Grafana, or /metrics not readable): never read as "no failures". */
    notify?: NotifyStats[];
    /** AlertManager's version and cluster status (GET /api/v2/status). */
    version?: string;
    cluster?: string;
    /** ms epoch of the last full poll. */
    checkedAt?: number;
  };
}

export const emptyAlerts = (): AlertsSlice['alerts'] => ({ alerts: [], silences: [], receivers: [] });

export interface AlertsActions {
  setAlerts(patch: Partial<AlertsSlice['alerts']>): void;
}

export function alertsActions(set: SetState<AlertsSlice>, get: GetState<AlertsSlice>): AlertsActions {
  return {
    setAlerts(patch) {
      set({ alerts: { ...get().alerts, ...patch } });
    },
  };
}
