// Hand-made alerts for the Alerts pane's tests: the postgres-down drill as AlertManager would report it.
import type { AlertRecord, AlertsSlice, SilenceRecord } from '../../src/store/alerts-slice.js';

const MIN = 60_000;

export function alert(over: Partial<AlertRecord> & { labels: Record<string, string> }, now: number, ageMs = 5 * MIN): AlertRecord {
  return {
    fingerprint: `fp-${over.labels.alertname}-${over.labels.pod ?? over.labels.instance ?? over.labels.service ?? ''}`,
    alertname: over.labels.alertname ?? '',
    severity: over.labels.severity ?? 'none',
    annotations: {},
    state: 'active',
    silencedBy: [],
    inhibitedBy: [],
    startsAt: new Date(now - ageMs).toISOString(),
    receivers: ['matrix-ops'],
    ...over,
  };
}

export function silence(over: Partial<SilenceRecord>, now: number): SilenceRecord {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    matchers: [{ name: 'alertname', value: 'CertManagerCertExpirySoon', isRegex: false, isEqual: true }],
    state: 'active',
    createdBy: 'alice',
    comment: 'renewal in progress, OPS-42',
    startsAt: new Date(now - 2 * MIN).toISOString(),
    endsAt: new Date(now + 58 * MIN + 30_000).toISOString(),
    ...over,
  };
}

/** The drill's alerts slice: two critical PostgresDown, a warning, the Watchdog, one silenced, one inhibited; three silences. */
export function drillAlerts(now: number): AlertsSlice['alerts'] {
  const down = (pod: string) =>
    alert(
      {
        labels: { alertname: 'PostgresDown', severity: 'critical', namespace: 'data', pod, job: 'cnpg', instance: `10.0.0.${pod.endsWith('1') ? 11 : 12}:9187` },
        annotations: { summary: `PostgreSQL instance ${pod} is down`, description: 'The CloudNativePG instance has not answered for 5 minutes.', runbook_url: 'https://runbooks.example/postgres-down' },
        generatorURL: 'http://prometheus.monitoring:9090/graph?g0.expr=cnpg_pg_up+%3D%3D+0',
      },
      now,
    );
  return {
    flavour: 'alertmanager',
    url: 'http://127.0.0.1:9093',
    version: '0.25.0',
    cluster: 'ready',
    checkedAt: now - 3_000,
    receivers: [],
    alerts: [
      alert({ labels: { alertname: 'Watchdog', severity: 'none' }, annotations: { summary: 'The dead man switch' } }, now, 3 * 3_600_000),
      alert({ labels: { alertname: 'KubePodCrashLooping', severity: 'warning', namespace: 'messages', pod: 'messages-7d9f8b6c5d-x2kq9' }, annotations: { summary: 'Pod messages/messages-7d9f8b6c5d-x2kq9 is crash looping' } }, now, 12 * MIN),
      down('postgres-2'),
      down('postgres-1'),
      alert({ labels: { alertname: 'CertManagerCertExpirySoon', severity: 'warning', namespace: 'ingress', service: 'pingora' }, annotations: { summary: 'Certificate pingora-tls expires in 6 days' }, state: 'silenced', silencedBy: ['a1b2c3d4-0000-4000-8000-000000000001'] }, now, 30 * MIN),
      alert({ labels: { alertname: 'SynapseDown', severity: 'critical', namespace: 'matrix', pod: 'synapse-0' }, annotations: { summary: 'Synapse is down' }, state: 'inhibited', inhibitedBy: ['fp-PostgresDown-postgres-1'] }, now, 4 * MIN),
    ],
    silences: [
      silence({}, now),
      silence({ id: 'b2c3d4e5-0000-4000-8000-000000000002', state: 'pending', createdBy: 'bob', comment: 'maintenance window', matchers: [{ name: 'namespace', value: 'drive|gitea', isRegex: true, isEqual: true }], startsAt: new Date(now + 2 * 3_600_000).toISOString(), endsAt: new Date(now + 4 * 3_600_000).toISOString() }, now),
      silence({ id: 'c3d4e5f6-0000-4000-8000-000000000003', state: 'expired', createdBy: 'carol', comment: 'old one', endsAt: new Date(now - 10 * MIN).toISOString() }, now),
    ],
  };
}
