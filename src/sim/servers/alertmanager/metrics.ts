// GET /metrics: the Prometheus text format 0.0.4 with AlertManager v0.27's names for what the console reads
// (the webhook integration's notification counters per receiver, the alerts by state, the silences by state).
import type { ReceiverCounters } from './notify.js';

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Record<string, string>) => `{${Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`).join(',')}}`;

function family(name: string, type: 'counter' | 'gauge', help: string, samples: [Record<string, string>, number][]): string {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([l, v]) => `${name}${labels(l)} ${v}`)].join('\n');
}

export interface MetricsInput {
  alerts: { active: number; suppressed: number; unprocessed: number };
  silences: { active: number; pending: number; expired: number };
  receivers: Map<string, ReceiverCounters>;
  version: string;
}

export function renderMetrics(m: MetricsInput): string {
  const per = [...m.receivers].sort(([a], [b]) => a.localeCompare(b));
  const id = (receiver: string) => ({ integration: 'webhook', receiver_name: receiver });
  return `${[
    family('alertmanager_alerts', 'gauge', 'How many alerts by state.', [[{ state: 'active' }, m.alerts.active], [{ state: 'suppressed' }, m.alerts.suppressed], [{ state: 'unprocessed' }, m.alerts.unprocessed]]),
    family('alertmanager_build_info', 'gauge', 'A metric with a constant \'1\' value labeled by version, revision, branch, goversion from which alertmanager was built, and the goos and goarch for the build.', [[{ branch: 'HEAD', goarch: 'amd64', goos: 'linux', goversion: 'go1.21.7', revision: REVISION, tags: 'netgo', version: m.version }, 1]]),
    family('alertmanager_cluster_enabled', 'gauge', 'Indicates whether the clustering is enabled or not.', [[{}, 1]]),
    family('alertmanager_notification_requests_failed_total', 'counter', 'The total number of failed notification requests.', per.map(([r, c]) => [id(r), c.requestsFailed])),
    family('alertmanager_notification_requests_total', 'counter', 'The total number of attempted notification requests.', per.map(([r, c]) => [id(r), c.requests])),
    family('alertmanager_notifications_failed_total', 'counter', 'The total number of failed notifications.', per.flatMap(([r, c]) => (['clientError', 'other', 'serverError'] as const).map((reason) => [{ integration: 'webhook', reason, receiver_name: r }, c.failed[reason]] as [Record<string, string>, number]))),
    family('alertmanager_notifications_total', 'counter', 'The total number of attempted notifications.', per.map(([r, c]) => [id(r), c.notifications])),
    family('alertmanager_silences', 'gauge', 'How many silences by state.', [[{ state: 'active' }, m.silences.active], [{ state: 'expired' }, m.silences.expired], [{ state: 'pending' }, m.silences.pending]]),
  ].join('\n')}\n`;
}

/** AlertManager v0.27.0's release commit. */
export const REVISION = '0aa3c2aad14cff039931923ab16b26b7481783b5';
