// The Box's Prometheus: every drill fires what its cause would, alerts keep their fingerprint and start while
// they fire, and a fixed cause resolves its alerts. On a ManualClock: nothing here waits on the machine.
import { describe, expect, it } from 'vitest';
import { fingerprint, type SimAlert } from '../../src/sim/box/alerts.js';
import { SCENARIOS } from '../../src/sim/box/index.js';
import { ManualClock } from '../../src/sim/box/clock.js';
import { advanceUntil, boot, until } from './sim-box-helpers.js';

const names = (alerts: SimAlert[]) => [...new Set(alerts.map((a) => a.labels.alertname))].sort();
const firing = (alerts: SimAlert[], now: number) => alerts.filter((a) => a.endsAt > now);
const find = (alerts: SimAlert[], alertname: string, extra: Record<string, string> = {}) =>
  alerts.filter((a) => a.labels.alertname === alertname && Object.entries(extra).every(([k, v]) => a.labels[k] === v));

/** The alerts each drill's cause fires, beside the Watchdog (which always does). */
const EXPECTED: Record<string, string[]> = {
  healthy: [],
  'postgres-down': ['CNPGClusterOffline', 'KubePodCrashLooping', 'KubePodNotReady'],
  'postgres-connections-exhausted': ['CNPGClusterHighConnectionsCritical'],
  'vault-sealed': ['KubePodCrashLooping', 'KubePodNotReady', 'OpenBaoSealed'],
  'vault-replica-sealed': ['KubePodNotReady', 'OpenBaoSealed'],
  'vault-token-expired': [],
  'cert-expired': ['CertManagerCertExpirySoon', 'CertManagerCertNotReady'],
  'seaweedfs-volume-down': ['KubePodCrashLooping', 'KubePodNotReady', 'SeaweedFSVolumeServerDown'],
  'sol-crashloop': ['KubePodCrashLooping', 'KubePodNotReady'],
  'alerts-not-reaching-matrix': ['AlertmanagerFailedToSendAlerts'],
  'all-502': ['KubePodCrashLooping', 'KubePodNotReady', 'LinkerdDestinationDown'],
};

describe('the Box Prometheus alerts', () => {
  it('has an expectation for every drill', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...SCENARIOS].sort());
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario}: fires the Watchdog and what its cause would`, () => {
      const { box, clock } = boot(scenario);
      const alerts = firing(box.alerts.current(), clock.now());
      expect(names(alerts)).toEqual(['Watchdog', ...EXPECTED[scenario]!].sort());
      for (const a of alerts) {
        expect(a.labels).toMatchObject({ alertname: expect.any(String), severity: expect.stringMatching(/^(none|info|warning|critical)$/), namespace: expect.any(String) });
        expect(Object.keys(a.annotations).sort()).toEqual(['description', 'runbook_url', 'summary']);
        expect(a.generatorURL).toMatch(/^http:\/\/prometheus\.monitoring\.svc:9090\/graph\?g0\.expr=/);
        expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
        expect(a.startsAt).toBeLessThanOrEqual(clock.now());
        expect(a.endsAt).toBe(a.updatedAt + 4 * 60_000);
      }
    });
  }

  it('postgres-down: the cluster offline is critical in data with its cnpg_cluster; its instances and its clients are not ready or crash-loop', () => {
    const { box, clock } = boot('postgres-down');
    const alerts = firing(box.alerts.current(), clock.now());
    expect(find(alerts, 'CNPGClusterOffline')).toEqual([expect.objectContaining({ labels: { alertname: 'CNPGClusterOffline', cnpg_cluster: 'postgres', namespace: 'data', severity: 'critical' } })]);
    expect(find(alerts, 'KubePodNotReady', { namespace: 'data', pod: 'postgres-1' })).toHaveLength(1);
    expect(find(alerts, 'KubePodCrashLooping', { namespace: 'messages', container: 'django', job: 'kube-state-metrics', severity: 'warning' }).length).toBeGreaterThan(0);
    // nothing outside the database's reach
    expect(find(alerts, 'KubePodNotReady', { namespace: 'mail' })).toEqual([]);
  });

  it('vault-sealed is critical; one replica sealed beside a serving quorum is a warning', () => {
    const sealed = boot('vault-sealed');
    expect(find(sealed.box.alerts.current(), 'OpenBaoSealed').map((a) => [a.labels.pod, a.labels.severity])).toEqual([['openbao-0', 'critical']]);
    const replica = boot('vault-replica-sealed');
    expect(find(replica.box.alerts.current(), 'OpenBaoSealed').map((a) => [a.labels.pod, a.labels.severity])).toEqual([['openbao-2', 'warning']]);
  });

  it('the fingerprint is AlertManager\'s (values read from a real prometheus-alertmanager 0.25)', () => {
    expect(fingerprint({ alertname: 'Watchdog', severity: 'none' })).toBe('448881ef475b9b26');
    expect(fingerprint({ severity: 'critical', namespace: 'messages', alertname: 'KubePodCrashLooping' })).toBe('9cbbac0bd2a4ebfa');
    expect(fingerprint({ alertname: 'KubePodCrashLooping', container: 'django', job: 'kube-state-metrics', namespace: 'messages', pod: 'messages-abc', severity: 'warning' })).toBe('39026826c31da315');
  });

  it('keeps each alert\'s fingerprint and start while it fires (the crash loop goes on between polls), refreshing endsAt', async () => {
    const { box, clock } = boot('sol-crashloop');
    const before = box.alerts.current();
    const crash = find(before, 'KubePodCrashLooping', { namespace: 'matrix' })[0]!;
    for (let i = 0; i < 40; i++) {
      await (clock as ManualClock).advanceAsync(500);
      const again = find(box.alerts.current(), 'KubePodCrashLooping', { namespace: 'matrix' });
      expect(again, `poll ${i}`).toHaveLength(1);
      expect(again[0]!.fingerprint).toBe(crash.fingerprint);
      expect(again[0]!.startsAt).toBe(crash.startsAt);
      expect(again[0]!.endsAt).toBe(clock.now() + 4 * 60_000);
    }
    expect(box.alerts.current().map((a) => [a.fingerprint, a.startsAt])).toEqual(before.map((a) => [a.fingerprint, a.startsAt]));
  });

  it('a fixed cause resolves its alerts (endsAt in the past), and they are forgotten a while later', async () => {
    const { store, box, clock } = boot('postgres-down');
    const offline = find(box.alerts.current(), 'CNPGClusterOffline')[0]!;
    store.mutate('clusters.postgresql.cnpg.io', 'data', 'postgres', (c) => {
      c.metadata.annotations = { ...c.metadata.annotations, 'kubectl.kubernetes.io/restartedAt': new Date(clock.now()).toISOString() };
    });
    const resolved = await until('the cluster offline alert to resolve', () => {
      const a = find(box.alerts.current(), 'CNPGClusterOffline')[0];
      return a && a.endsAt <= clock.now() ? a : undefined;
    }, 20_000);
    expect(resolved.fingerprint).toBe(offline.fingerprint);
    expect(resolved.startsAt).toBe(offline.startsAt);
    await advanceUntil(clock as ManualClock, 'it to be forgotten', () => find(box.alerts.current(), 'CNPGClusterOffline').length === 0, 60_000, 500);
    expect(find(firing(box.alerts.current(), clock.now()), 'Watchdog')).toHaveLength(1);
  });

  it('a cause that begins during the run is pending for its rule\'s for: before it fires, and starts when it began', async () => {
    const { box, clock } = boot('healthy');
    const began = clock.now();
    box.world.addFault('matrix-bot-token');
    expect(box.alerts.receiver()).toBe('serverError');
    expect(find(box.alerts.current(), 'AlertmanagerFailedToSendAlerts')).toEqual([]);
    // for: 5m, at the tests' speed of 25: 12 s of the Box's clock
    const a = await until('the failed-to-send alert to fire', () => find(box.alerts.current(), 'AlertmanagerFailedToSendAlerts')[0], 20_000);
    expect(clock.now() - began).toBeGreaterThanOrEqual(12_000);
    expect(a.startsAt).toBe(began);
    expect(a.labels).toMatchObject({ integration: 'webhook', namespace: 'monitoring', severity: 'warning' });
  });

  it('the receiver answers ok when healthy, 500 while Matrix rejects the bot token, nothing while its pod is down', () => {
    expect(boot('healthy').box.alerts.receiver()).toBe('ok');
    expect(boot('alerts-not-reaching-matrix').box.alerts.receiver()).toBe('serverError');
    const { store, box } = boot('healthy', false);
    for (const p of store.list('pods', 'monitoring').filter((x) => x.metadata.labels?.app === 'matrix-alertmanager-receiver')) {
      store.mutate('pods', 'monitoring', p.metadata.name, (o) => {
        o.status.conditions = o.status.conditions.map((c: any) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
      }, true);
    }
    expect(box.alerts.receiver()).toBe('unreachable');
    expect(names(box.alerts.current())).toContain('MatrixAlertmanagerReceiverDown');
  });

  it('alertmanagerConfig is the seeded ConfigMap monitoring/alertmanager-config', () => {
    const { store, box } = boot('healthy', false);
    expect(box.alerts.alertmanagerConfig()).toBe(store.get('configmaps', 'monitoring', 'alertmanager-config')!.data['alertmanager.yml']);
    expect(box.alerts.alertmanagerConfig()).toContain('receiver: matrix');
  });
});
