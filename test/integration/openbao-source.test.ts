// The OpenBao source against the simulator with three replicas (HA with Raft): each replica's own state
// through the pod proxy (the leader and the standbys), the token, and the requests it sends while idle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openSession, type Session } from '../../src/session/index.js';
import type { OpenbaoSource } from '../../src/sources/openbao/index.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createAppStore, type AppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

let sim: SimHandle;
let session: Session;
let store: AppStore;
let source: OpenbaoSource;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sc-bao-src-'));
  sim = await startSim({ scenario: 'healthy', openbaoReplicas: 3 });
  session = await openSession({ env: { ...sim.env, HOME: dir, XDG_STATE_HOME: join(dir, 'state') }, flags: { kubeconfig: sim.kubeconfigPath } });
  store = createAppStore();
  source = (await session.startSources(store)).find((s) => s.id === 'openbao') as OpenbaoSource;
});
afterAll(async () => {
  await session?.stop();
  await sim?.stop();
});

describe('the OpenBao source', () => {
  it('fills the store per replica (one active, two standbys), the token, and costs about one request a second per replica while idle', async () => {
    await waitFor(() => ['openbao-0', 'openbao-1', 'openbao-2'].every((n) => store.getState().openbao.replicas[n]?.reachable && store.getState().openbao.replicas[n]?.sealed === false), { timeoutMs: 20_000, message: 'three unsealed replicas' });
    const rs = Object.values(store.getState().openbao.replicas);
    expect(rs.map((r) => r.name).sort()).toEqual(['openbao-0', 'openbao-1', 'openbao-2']);
    expect(rs.filter((r) => r.role === 'active')).toHaveLength(1);
    expect(rs.filter((r) => r.role === 'standby')).toHaveLength(2);
    await waitFor(() => store.getState().openbao.token?.state === 'valid', { message: 'the token looked up' });
    await source.synced();
    // Idle: settle, then count over 6 s (seal-status + health per replica every 2 s; leader and token less often).
    await new Promise((r) => setTimeout(r, 2500));
    const before = source.requests();
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 6000));
    const rps = (source.requests() - before) / ((Date.now() - t0) / 1000);
    console.log(`openbao source idle: ${rps.toFixed(2)} requests/s for 3 replicas`);
    expect(rps).toBeGreaterThan(2);
    expect(rps).toBeLessThan(4.5);
  }, 60_000);
});
