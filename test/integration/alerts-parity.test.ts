// "The same alerts from the real AlertManager and from the simulator's give the same pane": the simulated Box's
// alerts (a drill's) are posted, as Prometheus would post them, to Debian's real AlertManager running the Box's
// own alertmanager.yml; the AlertManager source reads each into its own store; rung 6's rows (the pane's
// content, src/views/alert-rows.ts) are then the same, row for row, and so are the records behind them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { alertmanagerSettings } from '../../src/session/alertmanager-env.js';
import { alertmanagerClient } from '../../src/sources/alertmanager/client.js';
import { createAlertmanagerSource } from '../../src/sources/alertmanager/index.js';
import { createAppStore, type AppStore } from '../../src/store/index.js';
import { alertRows } from '../../src/views/alert-rows.js';
import { haveAlertmanager, startRealAlertmanager, type RealAlertmanager } from '../helpers/real-alertmanager.js';
import { waitFor } from '../helpers/wait-for.js';

let sim: SimHandle;
let real: RealAlertmanager;
const stops: (() => void)[] = [];

beforeAll(async () => {
  if (!haveAlertmanager) return;
  sim = await startSim({ scenario: 'alerts-not-reaching-matrix' });
  real = await startRealAlertmanager({ config: sim.store.get('configmaps', 'monitoring', 'alertmanager-config')!.data['alertmanager.yml'] });
}, 60_000);

afterAll(async () => {
  for (const s of stops) s();
  await real?.stop();
  await sim?.stop();
});

function follow(url: string): AppStore {
  const store = createAppStore();
  const source = createAlertmanagerSource(store, alertmanagerClient(alertmanagerSettings({ ALERTMANAGER_URL: url })), { pollMs: 200 });
  source.start();
  stops.push(() => source.stop());
  return store;
}

describe.skipIf(!haveAlertmanager)('the Alerts pane against the real AlertManager and the simulated one', () => {
  it('shows the same rows for the same alerts', async () => {
    const simUrl = sim.env.ALERTMANAGER_URL!;
    const alerts = (await (await fetch(`${simUrl}/api/v2/alerts`)).json()) as { labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; endsAt: string; generatorURL?: string }[];
    expect(alerts.length).toBeGreaterThan(1);
    // As Prometheus posts them (the v2 API's postableAlert).
    const posted = await fetch(`${real.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(alerts.map((a) => ({ labels: a.labels, annotations: a.annotations, startsAt: a.startsAt, endsAt: a.endsAt, ...(a.generatorURL ? { generatorURL: a.generatorURL } : {}) }))),
    });
    expect(posted.status).toBe(200);

    const fromSim = follow(simUrl);
    const fromReal = follow(real.url);
    const fingerprints = (s: AppStore) => s.getState().alerts.alerts.map((a) => a.fingerprint).sort().join(',');
    await waitFor(() => fromSim.getState().alerts.checkedAt && fromReal.getState().alerts.checkedAt && fingerprints(fromSim) === fingerprints(fromReal) && fromReal.getState().alerts.alerts.every((a) => a.state !== 'unprocessed'), {
      timeoutMs: 20_000,
      message: 'both sources to hold the same alerts',
    });

    const now = Date.now();
    const rows = (s: AppStore) => alertRows({ alerts: s.getState().alerts, now, width: 100, showMuted: true, filter: '', live: true }).map((r) => r.text);
    expect(rows(fromReal)).toEqual(rows(fromSim));
    expect(rows(fromSim).join('\n')).toContain('Watchdog');
    const records = (s: AppStore) => [...s.getState().alerts.alerts].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)).map(({ updatedAt: _u, endsAt: _e, ...rest }) => rest);
    expect(records(fromReal)).toEqual(records(fromSim));
    // The same receiver from each one's configuration.
    expect(fromReal.getState().alerts.receivers.map((r) => r.name)).toEqual(fromSim.getState().alerts.receivers.map((r) => r.name));
  }, 60_000);
});
