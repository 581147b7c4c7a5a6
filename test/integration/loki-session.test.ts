// Where the session's Loki client comes from: LOKI_ADDR (and LOKI_*) against a real cluster, none without it
// (rung 7 not connected), and under --demo the simulator's LOKI_ADDR and CA alone, never the user's LOKI_*.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../src/session/index.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createAppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

let sim: SimHandle;
const dirs = () => {
  const h = mkdtempSync(join(tmpdir(), 'sc-loki-session-'));
  return { HOME: h, XDG_CONFIG_HOME: join(h, 'config'), XDG_STATE_HOME: join(h, 'state'), SUNBEAM_CONFIG: '' };
};
const USER_LOKI = { LOKI_ADDR: 'https://users-own-loki.example:3100', LOKI_BEARER_TOKEN: 'users-own-token', LOKI_ORG_ID: 'users-tenant' };

beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy' });
});
afterAll(async () => {
  await sim?.stop();
});

describe('the session and Loki', () => {
  it('opens clients.loki from LOKI_ADDR, with the tenant and where the credentials come from', async () => {
    const s = await openSession({ env: { ...dirs(), ...USER_LOKI }, flags: { kubeconfig: sim.kubeconfigPath } });
    try {
      expect(s.clients.loki).toMatchObject({ addr: 'https://users-own-loki.example:3100', orgId: 'users-tenant', authWords: 'the bearer token (LOKI_BEARER_TOKEN)' });
      expect(JSON.stringify(s.clients.loki)).not.toContain('users-own-token');
    } finally {
      await s.stop();
    }
  });

  it('has no Loki client without LOKI_ADDR: the source does not start and rung 7 stays not connected', async () => {
    const s = await openSession({ env: dirs(), flags: { kubeconfig: sim.kubeconfigPath } });
    try {
      expect(s.clients.loki).toBeUndefined();
      const store = createAppStore();
      const started = await s.startSources(store);
      expect(started.map((x) => x.id)).not.toContain('loki');
      expect(store.getState().sources.loki).toBeUndefined();
    } finally {
      await s.stop();
    }
  });

  it("uses the simulator's Loki under --demo, whatever LOKI_* the user's environment holds", async () => {
    const s = await openSession({ demo: true, scenario: 'healthy', env: { ...dirs(), ...USER_LOKI } });
    try {
      const loki = s.clients.loki!;
      expect(loki.addr).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(loki.authWords).toBeUndefined();
      expect(loki.orgId).toBeUndefined();
      // The simulator's CA is trusted: the source reads and goes ok.
      const store = createAppStore();
      await s.startSources(store);
      await waitFor(() => store.getState().sources.loki?.state === 'ok', { timeoutMs: 20_000, message: 'the Loki source ok' });
    } finally {
      await s.stop();
    }
  }, 60_000);
});
