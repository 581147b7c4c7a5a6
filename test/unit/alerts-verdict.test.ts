import { describe, expect, it } from 'vitest';
import { alertsVerdict, isFiring } from '../../src/ladder/alerts-verdict.js';
import { emptyAlerts, type AlertRecord } from '../../src/store/alerts-slice.js';

const NOW = Date.parse('2026-12-02T02:00:00Z');

function alert(alertname: string, severity: string, state: AlertRecord['state'] = 'active'): AlertRecord {
  return { fingerprint: `${alertname}-${severity}-${state}`, alertname, severity, labels: { alertname, severity }, annotations: {}, state, silencedBy: state === 'silenced' ? ['s1'] : [], inhibitedBy: [], startsAt: '2026-12-02T01:00:00Z', receivers: ['matrix'] };
}

const ok = { state: 'ok' as const, lastSuccess: NOW };

describe("rung 6's verdict", () => {
  it('fails on a firing critical alert, warns on a warning, and never counts the dead man\'s switch', () => {
    const watchdog = alert('Watchdog', 'none');
    expect(isFiring(watchdog)).toBe(false);
    expect(alertsVerdict({ ...emptyAlerts(), alerts: [watchdog], checkedAt: NOW }, ok, NOW)).toEqual({ verdict: 'ok', summary: 'nothing firing' });
    expect(alertsVerdict({ ...emptyAlerts(), alerts: [watchdog, alert('KubePodCrashLooping', 'warning')], checkedAt: NOW }, ok, NOW)).toEqual({ verdict: 'warn', summary: '1 firing' });
    const crit = { ...emptyAlerts(), alerts: [alert('CNPGClusterOffline', 'critical'), alert('KubePodCrashLooping', 'warning'), alert('TargetDown', 'warning', 'silenced')], checkedAt: NOW };
    expect(alertsVerdict(crit, ok, NOW)).toEqual({ verdict: 'failing', summary: '1 critical firing, 1 more · 1 silenced' });
  });

  it('cannot tell while connecting, when AlertManager does not answer, or when its last poll is stale', () => {
    expect(alertsVerdict(emptyAlerts(), undefined, NOW).verdict).toBe('not-connected');
    expect(alertsVerdict(emptyAlerts(), { state: 'connecting' }, NOW)).toEqual({ verdict: 'unknown', summary: 'connecting' });
    expect(alertsVerdict({ ...emptyAlerts(), checkedAt: NOW }, { state: 'unreachable', lastError: 'x' }, NOW).verdict).toBe('unknown');
    expect(alertsVerdict({ ...emptyAlerts(), checkedAt: NOW - 5 * 60_000 }, ok, NOW)).toEqual({ verdict: 'unknown', summary: 'stale (5m old)' });
  });
});

describe("rung 6 beside the Alerts -> Matrix path", () => {
  it('is not ok while the alerts do not reach Matrix, even with nothing firing', async () => {
    const { evaluateRungs } = await import('../../src/ladder/rungs.js');
    const { boxState } = await import('./ladder-helpers.js');
    const state = { ...boxState(), alerts: { ...emptyAlerts(), alerts: [alert('Watchdog', 'none')], checkedAt: NOW }, sources: { ...boxState().sources, alertmanager: ok } };
    const rung6 = (findings: Parameters<typeof evaluateRungs>[1]) => evaluateRungs(state, findings, NOW).find((r) => r.id === 6)!;
    expect(rung6([])).toMatchObject({ verdict: 'ok', summary: 'nothing firing' });
    const path = { id: 'alert-path:monitoring', severity: 'failing' as const, namespace: 'monitoring', component: 'matrix-alertmanager-receiver', rule: 'alerts-not-reaching-matrix', title: 'Alerts do not reach Matrix', detail: '' };
    expect(rung6([path])).toMatchObject({ verdict: 'failing', summary: 'not reaching Matrix · nothing firing' });
  });
});
