// Rung 6's rows, pure: the order of the groups, the states, the header that cannot tell, the filter, the silences.
import { describe, expect, it } from 'vitest';
import { affectedPods, alertFilter, alertRows, alertsHeader, silenceWhen, splitMatcherArgs } from '../../src/views/alert-rows.js';
import { alert, drillAlerts, silence } from '../screens/alerts-fixtures.js';
import { pod } from '../screens/fixtures.js';

const now = Date.parse('2026-12-02T02:10:00Z');
const rows = (over: Partial<Parameters<typeof alertRows>[0]> = {}) => alertRows({ alerts: drillAlerts(now), now, width: 100, showMuted: true, filter: '', live: true, ...over });

describe('alertRows', () => {
  it('puts critical first, then warning, then info and none; each group with its count; muted ones after the firing', () => {
    const r = rows();
    expect(r.filter((x) => x.kind === 'group').map((x) => x.text)).toEqual([
      'CRITICAL PostgresDown (2)',
      'WARNING KubePodCrashLooping (1)',
      'NONE Watchdog (1)',
      'CRITICAL SynapseDown (1)',
      'WARNING CertManagerCertExpirySoon (1)',
    ]);
    expect(r.findIndex((x) => x.key === 'muted')).toBeGreaterThan(r.findIndex((x) => x.text.startsWith('NONE Watchdog')));
    expect(r.filter((x) => x.key.startsWith('muted:')).every((x) => x.tone === 'muted')).toBe(true);
  });

  it('an info alert sorts after a warning and before none', () => {
    const data = drillAlerts(now);
    data.alerts.push(alert({ labels: { alertname: 'CPUThrottling', severity: 'info', namespace: 'gitea', pod: 'gitea-0' } }, now));
    const groups = alertRows({ alerts: data, now, width: 100, showMuted: false, filter: '', live: true }).filter((x) => x.kind === 'group').map((x) => x.text);
    expect(groups).toEqual(['CRITICAL PostgresDown (2)', 'WARNING KubePodCrashLooping (1)', 'INFO CPUThrottling (1)', 'NONE Watchdog (1)']);
  });

  it('every row fits the width it is given', () => {
    for (const width of [58, 80, 200]) for (const x of rows({ width })) expect(x.text.length).toBeLessThanOrEqual(width);
  });

  it('hides the muted alerts when asked, and says how many', () => {
    const r = rows({ showMuted: false });
    expect(r.find((x) => x.key === 'muted')?.text).toBe('1 silenced, 1 inhibited hidden · m shows them');
    expect(r.some((x) => x.text.includes('SynapseDown'))).toBe(false);
  });

  it('never says "Nothing firing" when the data is not live', () => {
    const empty = { ...drillAlerts(now), alerts: [] };
    expect(alertRows({ alerts: empty, now, width: 80, showMuted: true, filter: '', live: true })[0]!.text).toBe('Nothing firing.');
    expect(alertRows({ alerts: empty, now, width: 80, showMuted: true, filter: '', live: false })[0]!.text).toBe('Nothing was firing in the last data.');
  });

  it('lists the active and pending silences, active first, and only counts the expired', () => {
    const s = rows().filter((x) => x.kind === 'silence');
    expect(s.map((x) => x.ref)).toEqual(['a1b2c3d4-0000-4000-8000-000000000001', 'b2c3d4e5-0000-4000-8000-000000000002']);
    expect(rows().find((x) => x.key === 'silences')?.text).toBe('Silences (2 active or pending, 1 expired not listed)');
  });
});

describe('alertsHeader', () => {
  it('names the server, its age; Grafana by its name', () => {
    const data = drillAlerts(now);
    expect(alertsHeader(data, { state: 'ok' }, now)[0]!.text).toBe('AlertManager 0.25.0 · checked 3s ago · http://127.0.0.1:9093 · cluster ready');
    expect(alertsHeader({ ...data, flavour: 'grafana', cluster: 'disabled', version: 'N/A' }, { state: 'ok' }, now)[0]!.text).toBe("Grafana's Alertmanager · checked 3s ago · http://127.0.0.1:9093");
  });

  it('when it does not answer: the source sentence and the age of the last data, or that there is none', () => {
    const data = { ...drillAlerts(now), checkedAt: now - 150_000 };
    const h = alertsHeader(data, { state: 'unreachable', lastError: 'AlertManager at http://127.0.0.1:9093 does not answer.' }, now);
    expect(h.map((l) => l.text)).toEqual(['AlertManager at http://127.0.0.1:9093 does not answer.', 'The last data is 2m30s old: cannot tell what fires now.']);
    const none = alertsHeader({ ...data, checkedAt: undefined }, { state: 'unauthorized' }, now);
    expect(none.map((l) => l.text)).toEqual(['AlertManager 0.25.0 at http://127.0.0.1:9093 refused our credentials.', 'No data yet: cannot tell what fires.']);
  });
});

describe('the filter', () => {
  it('takes amtool matchers, else a regex; a bad matcher says so', () => {
    const a = alert({ labels: { alertname: 'PostgresDown', severity: 'critical', namespace: 'data', pod: 'postgres-1' } }, now);
    expect(alertFilter('severity=critical namespace=~"data|matrix"').test(a)).toBe(true);
    expect(alertFilter('severity!=critical').test(a)).toBe(false);
    expect(alertFilter('postgres-1').test(a)).toBe(true);
    expect(alertFilter('9bad=x').error).toMatch(/is not a label name/);
    expect(splitMatcherArgs('a="x y" {b="1", c="2"}  d=~e')).toEqual(['a="x y"', '{b="1", c="2"}', 'd=~e']);
  });
});

describe('silences and pods', () => {
  it('says when a silence ends, starts or ended', () => {
    expect(silenceWhen(silence({}, now), now)).toBe('ends in 58m');
    expect(silenceWhen(silence({ state: 'pending', startsAt: new Date(now + 90_000).toISOString() }, now), now)).toBe('starts in 90s');
    expect(silenceWhen(silence({ state: 'expired', endsAt: new Date(now - 600_000).toISOString() }, now), now)).toBe('ended 10m ago');
  });

  it("finds an alert's pods by its namespace and pod label, or by its workload's", () => {
    const pods = { 'data/postgres-1': pod('data', 'postgres-1', { ownerName: 'postgres' }), 'data/postgres-2': pod('data', 'postgres-2', { ownerName: 'postgres' }), 'gitea/gitea-0': pod('gitea', 'gitea-0') };
    expect(affectedPods(alert({ labels: { alertname: 'X', namespace: 'data', pod: 'postgres-1' } }, now), pods).map((p) => p.name)).toEqual(['postgres-1']);
    expect(affectedPods(alert({ labels: { alertname: 'X', namespace: 'data', cluster: 'postgres' } }, now), pods).map((p) => p.name)).toEqual(['postgres-1', 'postgres-2']);
    expect(affectedPods(alert({ labels: { alertname: 'X', instance: '10.0.0.1:9100' } }, now), pods)).toEqual([]);
  });
});
