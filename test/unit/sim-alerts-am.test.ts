// The simulated AlertManager's pure parts: its config, inhibition, silences' states and order, the notification
// pipeline's counters and their text format.
import { describe, expect, it } from 'vitest';
import { type BoxAlerts, type ReceiverAnswer, type SimAlert, fingerprint } from '../../src/sim/box/alerts.js';
import { AlertStore } from '../../src/sim/servers/alertmanager/alerts.js';
import { parseAmConfig, parseDuration } from '../../src/sim/servers/alertmanager/config.js';
import { renderMetrics } from '../../src/sim/servers/alertmanager/metrics.js';
import { Notifier } from '../../src/sim/servers/alertmanager/notify.js';
import { ApiRefusal, Silences, silenceState } from '../../src/sim/servers/alertmanager/silences.js';
import { boot } from './sim-box-helpers.js';

const NOW = Date.parse('2026-12-01T10:00:00Z');

function fakeBox(alerts: Record<string, string>[], answer: ReceiverAnswer = 'ok'): BoxAlerts {
  const made: SimAlert[] = alerts.map((labels) => ({ labels, annotations: { summary: 's' }, generatorURL: 'http://prometheus.monitoring.svc:9090/graph?g0.expr=x', fingerprint: fingerprint(labels), startsAt: NOW - 60_000, updatedAt: NOW, endsAt: NOW + 240_000 }));
  return { current: () => made, alertmanagerConfig: () => '', receiver: () => answer };
}

function seededConfig() {
  const { box } = boot('healthy', false);
  return parseAmConfig(box.alerts.alertmanagerConfig());
}

describe('the simulated AlertManager', () => {
  it('reads the Box\'s alertmanager.yml: route, group_by, intervals, receivers, the usual inhibit rule', () => {
    const c = seededConfig();
    expect(c.route).toMatchObject({ receiver: 'matrix', groupBy: ['alertname', 'namespace'], groupWaitMs: 30_000, groupIntervalMs: 300_000 });
    expect(c.receivers).toEqual(['matrix']);
    expect(c.inhibitRules).toEqual([{ source: [{ name: 'severity', value: 'critical', isRegex: false, isEqual: true }], target: [{ name: 'severity', value: 'warning|info', isRegex: true, isEqual: true }], equal: ['namespace', 'alertname'] }]);
    expect(parseDuration('1h30m', 0)).toBe(5_400_000);
    expect(parseDuration('soon', 7)).toBe(7);
  });

  it('a critical alert inhibits a warning with the same alertname and namespace, not one elsewhere', () => {
    const crit = { alertname: 'KubePodCrashLooping', namespace: 'messages', severity: 'critical' };
    const warn = { alertname: 'KubePodCrashLooping', namespace: 'messages', pod: 'm-1', severity: 'warning' };
    const other = { alertname: 'KubePodCrashLooping', namespace: 'gitea', pod: 'g-1', severity: 'warning' };
    const store = new AlertStore(fakeBox([crit, warn, other]), new Silences());
    const byName = Object.fromEntries(store.routed(seededConfig(), NOW).map((r) => [r.alert.labels.namespace + (r.alert.labels.pod ?? ''), r.status]));
    expect(byName['messagesm-1']).toEqual({ state: 'suppressed', silencedBy: [], inhibitedBy: [fingerprint(crit)] });
    expect(byName.messages!.state).toBe('active');
    expect(byName['giteag-1']!.state).toBe('active');
  });

  it('silences: states, AlertManager\'s order, expiring a pending one, and refusals', () => {
    const s = new Silences();
    const base = { matchers: [{ name: 'alertname', value: 'X', isRegex: false }], createdBy: 'a', comment: 'c' };
    const at = (ms: number) => new Date(ms).toISOString();
    const late = s.post({ ...base, startsAt: at(NOW), endsAt: at(NOW + 7_200_000) }, NOW);
    const soon = s.post({ ...base, startsAt: at(NOW), endsAt: at(NOW + 3_600_000) }, NOW);
    const pending = s.post({ ...base, startsAt: at(NOW + 600_000), endsAt: at(NOW + 3_600_000) }, NOW);
    s.expire(late, NOW + 1000);
    expect(s.list([], NOW + 2000).map((x) => [x.id, silenceState(x, NOW + 2000)])).toEqual([[soon, 'active'], [pending, 'pending'], [late, 'expired']]);
    s.expire(pending, NOW + 2000);
    expect(silenceState(s.get(pending)!, NOW + 2000)).toBe('expired');
    expect(s.silencing({ alertname: 'X' }, NOW + 2000)).toEqual([soon]);
    expect(() => s.post({ ...base, matchers: [] }, NOW)).toThrow(ApiRefusal);
    expect(() => s.post({ ...base, matchers: [{ name: 'a', value: '(', isRegex: true }], startsAt: at(NOW), endsAt: at(NOW + 1000) }, NOW)).toThrow(/invalid regular expression/);
    expect(() => s.get('nope')).toThrow(/must be of type uuid/);
    // changed matchers: the old one expires and a new id is made
    const moved = s.post({ ...base, id: soon, matchers: [{ name: 'alertname', value: 'Y', isRegex: false }], startsAt: at(NOW), endsAt: at(NOW + 3_600_000) }, NOW + 3000);
    expect(moved).not.toBe(soon);
    expect(silenceState(s.get(soon)!, NOW + 3000)).toBe('expired');
  });

  it('the pipeline: a failed send is retried (requests_failed grows faster), suppressed groups are not sent, and the text format carries it', () => {
    const config = seededConfig();
    const silences = new Silences();
    const alerts = new AlertStore(fakeBox([{ alertname: 'Watchdog', namespace: 'monitoring', severity: 'none' }, { alertname: 'A', namespace: 'data', severity: 'warning' }, { alertname: 'A', namespace: 'data', pod: 'p', severity: 'warning' }]), silences);
    const n = new Notifier(['matrix'], 'ok');
    const before = n.snapshot().get('matrix')!;
    expect(n.flush(alerts.routed(config, NOW), NOW, 'ok')).toBe(2);
    silences.post({ matchers: [{ name: 'alertname', value: 'A', isRegex: false }], startsAt: new Date(NOW).toISOString(), endsAt: new Date(NOW + 3_600_000).toISOString(), createdBy: 'a', comment: 'c' }, NOW);
    expect(n.flush(alerts.routed(config, NOW), NOW, 'serverError')).toBe(1);
    const after = n.snapshot().get('matrix')!;
    expect(after.notifications - before.notifications).toBe(3);
    expect(after.failed.serverError - before.failed.serverError).toBe(1);
    expect(after.requestsFailed - before.requestsFailed).toBeGreaterThan(1);
    const text = renderMetrics({ alerts: { active: 1, suppressed: 2, unprocessed: 0 }, silences: silences.counts(NOW), receivers: n.snapshot(), version: '0.27.0' });
    expect(text).toContain(`alertmanager_notifications_failed_total{integration="webhook",reason="serverError",receiver_name="matrix"} ${after.failed.serverError}\n`);
    expect(text).toContain('alertmanager_alerts{state="suppressed"} 2\n');
    expect(text).toContain('alertmanager_silences{state="active"} 1\n');
  });

  it('an AlertManager that started while the receiver was failing has failures already counted', () => {
    expect(new Notifier(['matrix'], 'serverError').snapshot().get('matrix')!.failed.serverError).toBeGreaterThan(0);
    expect(new Notifier(['matrix'], 'ok').snapshot().get('matrix')!.failed.serverError).toBe(0);
  });
});
