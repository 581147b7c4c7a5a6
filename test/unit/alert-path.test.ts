// "Alerts -> Matrix" hop by hop (src/ladder/alert-path.ts, matrixPath) and its one finding
// (src/ladder/rules/alert-path.ts), from hand-made states: every hop ok, failing and "cannot tell"; the broken
// hop is the deepest failing one, the sentence gives the evidence in the path's order; `check monitoring` says
// it with exit-worthy severity; nothing is said when the path cannot be told.
import { describe, expect, it } from 'vitest';
import { matrixPath } from '../../src/ladder/alert-path.js';
import { checkNamespace } from '../../src/ladder/index.js';
import { ALERT_PATH_FINDING, alertPathRules } from '../../src/ladder/rules/alert-path.js';
import type { AlertRecord, NotifyStats } from '../../src/store/alerts-slice.js';
import type { State } from '../../src/store/index.js';
import { boxState, crashing, MIN, NOW, pod, workload } from './ladder-helpers.js';

const WEBHOOK = 'http://matrix-alertmanager-receiver.monitoring.svc:12345/alerts/ops';

function alert(alertname: string, severity = 'none'): AlertRecord {
  return { fingerprint: alertname, alertname, severity, labels: { alertname, severity }, annotations: {}, state: 'active', silencedBy: [], inhibitedBy: [], startsAt: '2026-11-23T11:00:00Z', receivers: ['matrix'] };
}

function stats(over: Partial<NotifyStats> = {}): NotifyStats {
  return { integration: 'webhook', receiver: 'matrix', total: 40, failed: 0, requestsTotal: 40, requestsFailed: 0, recentTotal: 12, recentFailed: 0, recentRequestsFailed: 0, recentMs: 5 * MIN, ...over };
}

interface Over {
  alerts?: Partial<State['alerts']> | 'not-connected' | 'unreachable';
  receiverPods?: ReturnType<typeof pod>[];
  receiverWorkload?: boolean;
  lokiErrors?: number | 'off';
  botSecret?: NonNullable<State['sol']['botSecret']>['state'] | 'unknown';
}

/** A Box whose whole path works, with the overrides. */
function state(o: Over = {}): State {
  const receiver = o.receiverPods ?? [pod('monitoring', 'matrix-alertmanager-receiver-5d8f-aaaaa', { ownerKind: 'Deployment', ownerName: 'matrix-alertmanager-receiver' })];
  const s = boxState({ pods: receiver, workloads: o.receiverWorkload === false ? [] : [workload('Deployment', 'monitoring', 'matrix-alertmanager-receiver', 1, receiver.length ? 1 : 0)] });
  const sources = { ...s.sources };
  let alerts = s.alerts;
  if (o.alerts === 'not-connected') sources.alertmanager = { state: 'not-connected' };
  else if (o.alerts === 'unreachable') sources.alertmanager = { state: 'unreachable', lastError: 'AlertManager at http://127.0.0.1:9093 refused the connection.' };
  else {
    sources.alertmanager = { state: 'ok', lastSuccess: NOW };
    alerts = { ...s.alerts, flavour: 'alertmanager', alerts: [alert('Watchdog')], receivers: [{ name: 'matrix', webhookUrls: [WEBHOOK] }], notify: [stats()], checkedAt: NOW - 2_000, ...o.alerts };
  }
  let loki = s.loki;
  if (o.lokiErrors === 'off') sources.loki = { state: 'not-connected' };
  else {
    sources.loki = { state: 'ok', lastSuccess: NOW };
    const n = o.lokiErrors ?? 0;
    loki = { ...s.loki, checkedAt: NOW - 1_000, services: n ? [{ namespace: 'monitoring', app: 'matrix-alertmanager-receiver', count: n, buckets: [n], lastAt: NOW - 5_000 }] : [] };
  }
  const sol = o.botSecret === 'unknown' ? s.sol : { ...s.sol, botSecret: { state: o.botSecret ?? 'present', checkedAt: NOW - 10_000 } };
  return { ...s, sources, alerts, loki, sol };
}

const verdicts = (s: State) => matrixPath(s, NOW).hops.map((h) => `${h.id}:${h.verdict}`);

describe('matrixPath', () => {
  it('every hop ok: the path works, and no finding', () => {
    const p = matrixPath(state(), NOW);
    expect(verdicts(state())).toEqual(['alertmanager:ok', 'webhook:ok', 'receiver:ok', 'matrix:ok']);
    expect(p).toMatchObject({ verdict: 'ok', sentence: 'Alerts reach the Matrix room: every hop answers' });
    expect(p.broken).toBeUndefined();
    expect(alertPathRules(state(), NOW)).toEqual([]);
  });

  it('hop 1: no alert at all (not even the Watchdog) fails; other alerts without the Watchdog cannot tell; AlertManager not connected or down cannot tell', () => {
    expect(matrixPath(state({ alerts: { alerts: [] } }), NOW).hops[0]).toMatchObject({ verdict: 'failing', sentence: expect.stringContaining('not even Prometheus\'s Watchdog') });
    expect(matrixPath(state({ alerts: { alerts: [alert('KubePodCrashLooping', 'warning')] } }), NOW).hops[0]!.verdict).toBe('unknown');
    expect(verdicts(state({ alerts: 'not-connected' })).slice(0, 2)).toEqual(['alertmanager:unknown', 'webhook:unknown']);
    expect(matrixPath(state({ alerts: 'unreachable' }), NOW).hops[0]!.sentence).toContain('AlertManager unreachable');
    expect(matrixPath(state({ alerts: { checkedAt: NOW - 10 * MIN } }), NOW).hops[0]!.verdict).toBe('unknown');
  });

  it('hop 2: failures of the webhook to the receiver fail it; no counters (Grafana, /metrics unreadable) cannot tell, never ok; no receiver pointing there fails', () => {
    const failed = matrixPath(state({ alerts: { notify: [stats({ recentFailed: 12, recentRequestsFailed: 12 })] } }), NOW).hops[1]!;
    expect(failed).toMatchObject({ verdict: 'failing', sentence: "AlertManager's webhook to matrix-alertmanager-receiver failed 12 times in 5m" });
    expect(matrixPath(state({ alerts: { notify: undefined } }), NOW).hops[1]!.verdict).toBe('unknown');
    expect(matrixPath(state({ alerts: { notify: [stats({ integration: 'email' })] } }), NOW).hops[1]!.verdict).toBe('unknown');
    expect(matrixPath(state({ alerts: { receivers: [] } }), NOW).hops[1]!.verdict).toBe('unknown');
    expect(matrixPath(state({ alerts: { receivers: [{ name: 'pager', webhookUrls: ['http://pager.example/hook'] }] } }), NOW).hops[1]).toMatchObject({ verdict: 'failing', sentence: expect.stringContaining('No receiver') });
  });

  it('hop 2: one read of the counters cannot tell (an increase needs two), whatever the totals since the start', () => {
    const first = matrixPath(state({ alerts: { notify: [stats({ recentMs: 0, recentTotal: 0, failed: 7 })] } }), NOW).hops[1]!;
    expect(first).toMatchObject({ verdict: 'unknown', sentence: "One read of AlertManager's counters so far (its webhook to matrix-alertmanager-receiver has failed 7 times since it started): the next read tells whether it fails now" });
    expect(matrixPath(state({ alerts: { notify: [stats({ recentMs: 0, recentTotal: 0 })] } }), NOW).hops[1]!.verdict).toBe('unknown');
  });

  it('hop 3: the receiver pod crash-looping or scaled to none fails; a Box without that workload cannot tell; pods not listed cannot tell', () => {
    expect(matrixPath(state({ receiverPods: [crashing('monitoring', 'matrix-alertmanager-receiver-5d8f-aaaaa', 'matrix-alertmanager-receiver')] }), NOW).hops[2]!.verdict).toBe('failing');
    expect(matrixPath(state({ receiverPods: [] }), NOW).hops[2]).toMatchObject({ verdict: 'failing', sentence: expect.stringContaining('has no pod') });
    expect(matrixPath(state({ receiverPods: [], receiverWorkload: false }), NOW).hops[2]!.verdict).toBe('unknown');
    const unsynced = state();
    expect(matrixPath({ ...unsynced, kube: { ...unsynced.kube, synced: { ...unsynced.kube.synced, pods: false } } }, NOW).hops[2]!.verdict).toBe('unknown');
  });

  it('hop 4: the receiver\'s error lines or a missing bot Secret fail it; no Loki or no look at the Secret cannot tell', () => {
    expect(matrixPath(state({ lokiErrors: 40 }), NOW).hops[3]).toMatchObject({ verdict: 'failing', sentence: expect.stringMatching(/^The receiver wrote 40 error lines in the last 15m: its posts to Matrix fail .*rotate matrix-bot-secret/) });
    expect(matrixPath(state({ botSecret: 'missing' }), NOW).hops[3]).toMatchObject({ verdict: 'failing', sentence: 'The Secret monitoring/matrix-bot-secret is missing: the bot has no Matrix credentials' });
    expect(matrixPath(state({ lokiErrors: 'off' }), NOW).hops[3]).toMatchObject({ verdict: 'unknown', sentence: expect.stringContaining('Loki not connected') });
    expect(matrixPath(state({ botSecret: 'forbidden' }), NOW).hops[3]!.verdict).toBe('unknown');
    expect(matrixPath(state({ botSecret: 'unknown' }), NOW).hops[3]!.verdict).toBe('unknown');
    const old = state();
    expect(matrixPath({ ...old, sol: { ...old.sol, botSecret: { state: 'present', checkedAt: NOW - 10 * MIN } } }, NOW).hops[3]!.verdict).toBe('unknown');
  });

  it('the drill: webhook failures and the receiver\'s errors; the deepest is the broken hop, the evidence in path order', () => {
    const s = state({ alerts: { notify: [stats({ recentFailed: 12 })] }, lokiErrors: 40 });
    const p = matrixPath(s, NOW);
    expect(p.verdict).toBe('failing');
    expect(p.broken!.id).toBe('matrix');
    expect(p.sentence).toMatch(/^AlertManager's webhook to matrix-alertmanager-receiver failed 12 times in 5m; the receiver wrote 40 error lines/);
  });

  it('one path that cannot be told is unknown and gives no finding (never "ok")', () => {
    const s = state({ alerts: 'not-connected', lokiErrors: 'off' });
    expect(matrixPath(s, NOW).verdict).toBe('unknown');
    expect(alertPathRules(s, NOW)).toEqual([]);
  });
});

describe('the alert-path finding', () => {
  it('a broken path is one failing finding on the receiver Deployment, and `check monitoring` leads with it', () => {
    const s = state({ alerts: { notify: [stats({ recentFailed: 12 })] }, lokiErrors: 40 });
    const [f, ...rest] = alertPathRules(s, NOW);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: ALERT_PATH_FINDING, severity: 'failing', namespace: 'monitoring', component: 'matrix-alertmanager-receiver', rule: 'alerts-not-reaching-matrix', target: { kind: 'Deployment', namespace: 'monitoring', name: 'matrix-alertmanager-receiver' }, title: 'Alerts do not reach Matrix: matrix-alertmanager-receiver -> the Matrix room is broken' });
    expect(f!.detail).toContain('failed 12 times in 5m');
    const check = checkNamespace(s, 'monitoring', NOW);
    expect(check.find((x) => x.id === ALERT_PATH_FINDING)?.severity).toBe('failing');
  });
});
