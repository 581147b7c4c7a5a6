// The pure mappers of the AlertManager source: gettableAlert -> AlertRecord (suppressed split into silenced and
// inhibited), gettableSilence -> SilenceRecord, the receivers of status.config.original, and the Prometheus text of
// /metrics -> the notification counters (v0.25: per integration; v0.27: per receiver too, summed over reason),
// with the recent increase over the samples kept (a counter reset is a restart).
import { describe, expect, it } from 'vitest';
import { NotifyWindow, parseNotifyMetrics } from '../../src/sources/alertmanager/notify.js';
import { alertRecord, alertRecords, receiverRecords, silenceRecords, statusFacts } from '../../src/sources/alertmanager/records.js';

const base = { annotations: { summary: 'down' }, endsAt: '2026-12-02T04:34:18.127Z', fingerprint: 'b1', receivers: [{ name: 'matrix' }], startsAt: '2026-12-02T04:29:18.127Z', updatedAt: '2026-12-02T04:29:18.127Z', labels: { alertname: 'PostgresDown', severity: 'Critical' } };

describe('alert records', () => {
  it('maps a gettableAlert as AlertManager 0.25 sends it', () => {
    expect(alertRecord({ ...base, generatorURL: 'http://prom/graph', status: { inhibitedBy: [], silencedBy: [], state: 'active' } })).toEqual({
      fingerprint: 'b1',
      alertname: 'PostgresDown',
      severity: 'critical',
      labels: { alertname: 'PostgresDown', severity: 'Critical' },
      annotations: { summary: 'down' },
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
      startsAt: '2026-12-02T04:29:18.127Z',
      endsAt: '2026-12-02T04:34:18.127Z',
      updatedAt: '2026-12-02T04:29:18.127Z',
      generatorURL: 'http://prom/graph',
      receivers: ['matrix'],
    });
  });

  it('splits suppressed into silenced (silencedBy) and inhibited (inhibitedBy only); keeps unprocessed', () => {
    expect(alertRecord({ ...base, status: { state: 'suppressed', silencedBy: ['s1'], inhibitedBy: ['f2'] } })?.state).toBe('silenced');
    expect(alertRecord({ ...base, status: { state: 'suppressed', silencedBy: [], inhibitedBy: ['f2'] } })?.state).toBe('inhibited');
    expect(alertRecord({ ...base, status: { state: 'unprocessed' } })?.state).toBe('unprocessed');
  });

  it('skips what it cannot map, defaults what is missing, and sorts by fingerprint', () => {
    const list = alertRecords([null, { labels: {} }, { fingerprint: 'z9', labels: {} }, base]);
    expect(list.map((a) => a.fingerprint)).toEqual(['b1', 'z9']);
    expect(list[1]).toMatchObject({ alertname: '', severity: 'none', state: 'active', receivers: [] });
  });
});

describe('silence records', () => {
  it('maps gettableSilences, active first, then pending, then expired', () => {
    const s = (id: string, state: string, endsAt: string) => ({ id, status: { state }, updatedAt: endsAt, comment: 'c', createdBy: 'me', endsAt, startsAt: '2026-12-02T04:00:00Z', matchers: [{ isEqual: true, isRegex: false, name: 'alertname', value: 'X' }, { isRegex: true, name: 'ns', value: 'a|b' }, { bad: 1 }] });
    const list = silenceRecords([s('e', 'expired', '1'), s('p', 'pending', '3'), s('a2', 'active', '5'), s('a1', 'active', '4'), { status: {} }]);
    expect(list.map((x) => x.id)).toEqual(['a1', 'a2', 'p', 'e']);
    expect(list[0]!.matchers).toEqual([
      { name: 'alertname', value: 'X', isRegex: false, isEqual: true },
      { name: 'ns', value: 'a|b', isRegex: true, isEqual: true },
    ]);
  });
});

describe('receivers and status', () => {
  const status = {
    cluster: { peers: [], status: 'disabled' },
    versionInfo: { version: '0.25.0' },
    config: { original: 'route:\n  receiver: matrix\nreceivers:\n- name: matrix\n  webhook_configs:\n  - send_resolved: true\n    url: http://matrix-alertmanager-receiver.monitoring.svc:12345/alerts/ops\n- name: hidden\n  webhook_configs:\n  - url: <secret>\n- name: blackhole\n' },
  };
  it('reads the webhook URLs of each receiver from config.original', () => {
    expect(receiverRecords(status)).toEqual([
      { name: 'matrix', webhookUrls: ['http://matrix-alertmanager-receiver.monitoring.svc:12345/alerts/ops'] },
      { name: 'hidden', webhookUrls: ['<secret>'] },
      { name: 'blackhole', webhookUrls: [] },
    ]);
    expect(statusFacts(status)).toEqual({ version: '0.25.0', cluster: 'disabled' });
  });
  it("is empty for Grafana's status or a config that does not parse", () => {
    expect(receiverRecords({ cluster: { status: 'disabled' }, config: { original: '' } })).toEqual([]);
    expect(receiverRecords({ config: { original: 'receivers: [' } })).toEqual([]);
    expect(receiverRecords(undefined)).toEqual([]);
  });
});

// Taken from Debian's prometheus-alertmanager 0.25.0 (trimmed): labels only `integration`.
const V025 = `# HELP alertmanager_notification_requests_failed_total The total number of failed notification requests.
# TYPE alertmanager_notification_requests_failed_total counter
alertmanager_notification_requests_failed_total{integration="email"} 0
alertmanager_notification_requests_failed_total{integration="webhook"} 3
# TYPE alertmanager_notification_requests_total counter
alertmanager_notification_requests_total{integration="email"} 0
alertmanager_notification_requests_total{integration="webhook"} 3
# TYPE alertmanager_notifications_failed_total counter
alertmanager_notifications_failed_total{integration="email"} 0
alertmanager_notifications_failed_total{integration="webhook"} 1
# TYPE alertmanager_notifications_total counter
alertmanager_notifications_total{integration="email"} 0
alertmanager_notifications_total{integration="webhook"} 1
alertmanager_notification_latency_seconds_bucket{integration="webhook",le="1"} 3
`;

// AlertManager 0.27's shape: receiver_name on each, and reason on the failed notifications.
const V027 = `alertmanager_notifications_total{integration="webhook",receiver_name="matrix"} 12
alertmanager_notifications_total{integration="webhook",receiver_name="null"} 2
alertmanager_notifications_failed_total{integration="webhook",reason="clientError",receiver_name="matrix"} 2
alertmanager_notifications_failed_total{integration="webhook",reason="serverError",receiver_name="matrix"} 5
alertmanager_notifications_failed_total{integration="webhook",reason="other",receiver_name="matrix"} 1
alertmanager_notification_requests_total{integration="webhook",receiver_name="matrix"} 20
alertmanager_notification_requests_failed_total{integration="webhook",receiver_name="matrix"} 9
`;

describe('the /metrics notification counters', () => {
  it('v0.25: per integration', () => {
    expect(parseNotifyMetrics(V025)).toEqual([
      { integration: 'email', total: 0, failed: 0, requestsTotal: 0, requestsFailed: 0 },
      { integration: 'webhook', total: 1, failed: 1, requestsTotal: 3, requestsFailed: 3 },
    ]);
  });
  it('v0.27: per integration and receiver, summed over reason', () => {
    expect(parseNotifyMetrics(V027)).toEqual([
      { integration: 'webhook', receiver: 'matrix', total: 12, failed: 8, requestsTotal: 20, requestsFailed: 9 },
      { integration: 'webhook', receiver: 'null', total: 2, failed: 0, requestsTotal: 0, requestsFailed: 0 },
    ]);
  });
  it('reports the increase over the samples kept; a counter that went down is a restart', () => {
    const w = new NotifyWindow(10 * 60_000);
    const c = (total: number, failed: number) => [{ integration: 'webhook', receiver: 'matrix', total, failed, requestsTotal: total, requestsFailed: failed }];
    w.add(0, c(10, 2));
    expect(w.stats(0)[0]).toMatchObject({ total: 10, failed: 2, recentTotal: 0, recentFailed: 0, recentMs: 0 });
    w.add(30_000, c(14, 5));
    w.add(60_000, c(3, 1)); // restarted: 3 and 1 since
    expect(w.stats(60_000)[0]).toMatchObject({ total: 3, failed: 1, recentTotal: 4 + 3, recentFailed: 3 + 1, recentRequestsFailed: 4, recentMs: 60_000 });
    // Samples older than the window go (the oldest one kept is the span's start).
    w.add(11 * 60_000, c(3, 1));
    expect(w.stats(11 * 60_000)[0]).toMatchObject({ recentTotal: 0, recentFailed: 0, recentMs: 10 * 60_000 });
  });
});
