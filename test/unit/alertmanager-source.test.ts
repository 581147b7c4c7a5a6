// The AlertManager source on a fake client: the first full poll fills the alerts slice (alerts, silences,
// receivers, notification counters, version) and says ok; a poll with nothing new keeps every list's reference
// and moves checkedAt; a failure is one sentence in the health with the last data kept, retried with backoff,
// and recovered; Grafana (no /metrics) leaves notify undefined; an unusable setting is said without a request.
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertmanagerClient } from '../../src/sources/alertmanager/client.js';
import { AlertmanagerError } from '../../src/sources/alertmanager/errors.js';
import { createAlertmanagerSource, type AlertmanagerSource } from '../../src/sources/alertmanager/index.js';
import { createAppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

const alert = (fp: string, name: string) => ({ fingerprint: fp, labels: { alertname: name, severity: 'critical' }, annotations: {}, receivers: [{ name: 'matrix' }], startsAt: '2026-12-02T04:00:00Z', status: { state: 'active', silencedBy: [], inhibitedBy: [] } });
const STATUS = { cluster: { status: 'ready' }, versionInfo: { version: '0.27.0' }, config: { original: 'receivers:\n- name: matrix\n  webhook_configs:\n  - url: http://recv:12345/alerts/ops\n' } };
const METRICS = 'alertmanager_notifications_total{integration="webhook",receiver_name="matrix"} 4\nalertmanager_notifications_failed_total{integration="webhook",reason="other",receiver_name="matrix"} 4\n';

interface Fake extends AlertmanagerClient {
  state: { alerts: unknown[]; fail?: AlertmanagerError; metricsFail?: AlertmanagerError; calls: number };
}

function fake(flavour: 'alertmanager' | 'grafana' = 'alertmanager', problem?: string): Fake {
  const state: Fake['state'] = { alerts: [alert('a1', 'PostgresDown')], calls: 0 };
  const gate = async <T>(v: T): Promise<T> => {
    state.calls++;
    if (state.fail) throw state.fail;
    return v;
  };
  return {
    url: 'http://am:9093',
    flavour,
    from: 'ALERTMANAGER_URL',
    ...(problem ? { problem } : {}),
    state,
    alerts: () => gate(state.alerts),
    silences: () => gate([]),
    status: () => gate(STATUS),
    metrics: async () => {
      if (flavour === 'grafana') return undefined;
      if (state.metricsFail) throw state.metricsFail;
      return gate(METRICS);
    },
    send: () => Promise.reject(new Error('not in this test')),
    requests: () => state.calls,
  };
}

let source: AlertmanagerSource | undefined;
afterEach(() => source?.stop());

describe('the AlertManager source', () => {
  it('fills the slice on the first full poll, says ok, and keeps the references when nothing changed', async () => {
    const store = createAppStore();
    const client = fake();
    source = createAlertmanagerSource(store, client, { pollMs: 20, slowMs: 1_000_000 });
    source.start();
    await source.synced();
    const s = store.getState().alerts;
    expect(s).toMatchObject({ flavour: 'alertmanager', url: 'http://am:9093', version: '0.27.0', cluster: 'ready', receivers: [{ name: 'matrix', webhookUrls: ['http://recv:12345/alerts/ops'] }] });
    expect(s.alerts.map((a) => a.alertname)).toEqual(['PostgresDown']);
    expect(s.notify).toEqual([expect.objectContaining({ integration: 'webhook', receiver: 'matrix', total: 4, failed: 4 })]);
    expect(store.getState().sources.alertmanager?.state).toBe('ok');
    // The counters are read a second time one poll after the first (an increase needs two reads), then every slowMs.
    await waitFor(() => (store.getState().alerts.notify?.[0]?.recentMs ?? 0) > 0);
    const { alerts, silences, receivers, notify, checkedAt } = store.getState().alerts;
    await waitFor(() => store.getState().alerts.checkedAt! > checkedAt!);
    const t = store.getState().alerts;
    expect(t.alerts).toBe(alerts);
    expect(t.silences).toBe(silences);
    expect(t.receivers).toBe(receivers);
    expect(t.notify).toBe(notify);
    client.state.alerts = [alert('a1', 'PostgresDown'), alert('b2', 'SynapseDown')];
    await waitFor(() => store.getState().alerts.alerts.length === 2);
    expect(store.getState().alerts.silences).toBe(silences);
  });

  it('says a failure in one sentence, keeps the last data, backs off, and recovers', async () => {
    const store = createAppStore();
    const client = fake();
    source = createAlertmanagerSource(store, client, { pollMs: 20, slowMs: 1_000_000, backoffMs: [40, 80] });
    source.start();
    await source.synced();
    client.state.fail = new AlertmanagerError('refused', 'AlertManager at http://am:9093 does not answer (connection refused); check ALERTMANAGER_URL.');
    await waitFor(() => store.getState().sources.alertmanager?.state === 'unreachable');
    expect(store.getState().sources.alertmanager?.lastError).toBe('AlertManager at http://am:9093 does not answer (connection refused); check ALERTMANAGER_URL.');
    expect(store.getState().alerts.alerts).toHaveLength(1);
    // Backing off: two more attempts (two requests each) take at least 32 + 64 ms (40 and 80 ms less 20% jitter), not 2 x 20 ms.
    const from = client.state.calls;
    const t0 = Date.now();
    await waitFor(() => client.state.calls >= from + 4, { timeoutMs: 2000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(80);
    client.state.fail = undefined;
    await waitFor(() => store.getState().sources.alertmanager?.state === 'ok', { timeoutMs: 2000 });
  });

  it("leaves notify undefined for Grafana (cannot tell), and says when /metrics cannot be read", async () => {
    const store = createAppStore();
    source = createAlertmanagerSource(store, fake('grafana'), { pollMs: 20 });
    source.start();
    await source.synced();
    expect(store.getState().alerts.flavour).toBe('grafana');
    expect(store.getState().alerts.notify).toBeUndefined();
    expect(store.getState().sources.alertmanager?.state).toBe('ok');
    source.stop();

    const store2 = createAppStore();
    const c = fake();
    c.state.metricsFail = new AlertmanagerError('not-found', 'AlertManager at http://am:9093 has no such API (404).');
    source = createAlertmanagerSource(store2, c, { pollMs: 20 });
    source.start();
    await source.synced();
    expect(store2.getState().alerts.notify).toBeUndefined();
    expect(store2.getState().sources.alertmanager).toMatchObject({ state: 'degraded', lastError: 'its /metrics cannot be read, so notification failures cannot be told (AlertManager at http://am:9093 has no such API (404)).' });
    expect(store2.getState().alerts.alerts).toHaveLength(1);
  });

  it('says an unusable setting without sending a request', async () => {
    const store = createAppStore();
    const c = fake('grafana', "Grafana's Alertmanager at https://g/api/alertmanager/grafana needs a token: set GRAFANA_TOKEN to a Grafana service account token that may read alerts.");
    source = createAlertmanagerSource(store, c);
    source.start();
    await source.synced();
    expect(store.getState().sources.alertmanager).toMatchObject({ state: 'unreachable', lastError: expect.stringMatching(/needs a token: set GRAFANA_TOKEN/) });
    expect(c.requests()).toBe(0);
  });
});
