// The 'mistral' source against the simulated Box (startSim: the Mistral SSE server on loopback HTTP and the
// Kubernetes API): Sol's brain answers with a time to first token; the sol-crashloop drill's 429 with its
// Retry-After; a wrong key is the 401 sentence; a stream that stalls after its headers, a 5xx, a malformed
// stream and a refused port are each reported, not thrown; the bot Secret is present, missing or forbidden by
// its metadata alone; without MISTRAL_API_KEY the check is "not connected" and only the Secret is looked at.
// The key never reaches the store.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateFindings } from '../../src/ladder/index.js';
import { kubeClients, loadKubeConfig } from '../../src/kube/client.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { MISTRAL_FAULTS, RATE_LIMIT_RETRY_S } from '../../src/sim/servers/mistral/index.js';
import { mistralSettings } from '../../src/session/mistral-env.js';
import { openSession, type Session } from '../../src/session/index.js';
import { checkBrain } from '../../src/sources/mistral/check.js';
import { mistralClient } from '../../src/sources/mistral/client.js';
import { createSolSource, NOT_CONNECTED, type SolSourceOptions } from '../../src/sources/mistral/index.js';
import type { Source } from '../../src/sources/source.js';
import { createAppStore, type AppStore } from '../../src/store/index.js';
import { kubectl } from '../conformance/kubectl-helper.js';
import { waitFor } from '../helpers/wait-for.js';

let sim: SimHandle | undefined;
let source: Source | undefined;
let session: Session | undefined;
afterEach(async () => {
  source?.stop();
  await session?.stop();
  await sim?.stop();
  sim = source = session = undefined;
});

async function run(scenario: string, env: (e: Record<string, string>) => Record<string, string> = (e) => e, opts: SolSourceOptions = {}): Promise<{ store: AppStore; key: string }> {
  sim = await startSim({ scenario });
  const kube = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }, {}));
  const settings = mistralSettings(env(sim.env));
  const store = createAppStore();
  source = createSolSource(store, settings ? { kube, mistral: mistralClient(settings) } : { kube }, { stallMs: 500, ...opts });
  source.start();
  await source.synced();
  return { store, key: sim.env.MISTRAL_API_KEY! };
}

describe('the mistral source against the simulated Mistral API', () => {
  it('a healthy Box: Sol\'s brain answers with a time to first token and to [DONE]; the bot Secret is present', async () => {
    const { store, key } = await run('healthy');
    const { sol, sources } = store.getState();
    expect(sol.last).toMatchObject({ ok: true, status: 200, model: 'mistral-small-latest' });
    expect(sol.last!.ttftMs).toBeGreaterThanOrEqual(0);
    expect(sol.last!.totalMs).toBeGreaterThanOrEqual(sol.last!.ttftMs!);
    expect(sol.history).toHaveLength(1);
    expect(sol.base).toBe(sim!.env.MISTRAL_BASE_URL);
    expect(sol.botSecret).toMatchObject({ state: 'present' });
    expect(sources.mistral).toMatchObject({ state: 'ok' });
    expect(JSON.stringify(store.getState())).not.toContain(key);
    expect(evaluateFindings(store.getState(), Date.now()).filter((f) => f.rule === 'sol-brain')).toEqual([]);
  });

  it('sol-crashloop: 429 with its Retry-After, and the ladder names Sol\'s brain', async () => {
    const { store } = await run('sol-crashloop');
    const { last } = store.getState().sol;
    expect(last).toMatchObject({ ok: false, status: 429, failure: 'rate-limited', retryAfterS: RATE_LIMIT_RETRY_S, error: `Mistral API 429 (rate limited), retry in ${RATE_LIMIT_RETRY_S}s` });
    expect(store.getState().sources.mistral).toMatchObject({ state: 'degraded', lastError: last!.error });
    const brain = evaluateFindings(store.getState(), Date.now()).find((f) => f.rule === 'sol-brain');
    expect(brain?.title).toBe(`Sol's brain does not answer: Mistral API 429 (rate limited), retry in ${RATE_LIMIT_RETRY_S}s`);
    // The drill's fix, as the playbook says (restart Sol): the fault clears with it, and the API answers again.
    const r = await kubectl(sim!.kubeconfigPath, ['rollout', 'restart', 'deployment/sol', '-n', 'matrix']);
    expect(r.code, r.stderr).toBe(0);
    const client = mistralClient(mistralSettings(sim!.env)!);
    await waitFor(async () => (await checkBrain(client))?.ok, { timeoutMs: 20_000, intervalMs: 200, message: "Sol's brain answering after the restart" });
  }, 30_000);

  it('a wrong key: the 401 sentence, and the health says the credentials are refused', async () => {
    const { store } = await run('healthy', (e) => ({ ...e, MISTRAL_API_KEY: 'not-the-key' }));
    expect(store.getState().sol.last).toMatchObject({ ok: false, status: 401, failure: 'unauthorized', error: 'Mistral API 401 (the API key is refused)' });
    expect(store.getState().sources.mistral).toMatchObject({ state: 'unauthorized' });
    expect(JSON.stringify(store.getState())).not.toContain('not-the-key');
  });

  it('a stream that opens and then stalls is aborted and reported; a 5xx and a malformed stream too', async () => {
    sim = await startSim({ scenario: 'healthy' });
    const client = mistralClient(mistralSettings(sim.env)!);
    sim.box.world.addFault(MISTRAL_FAULTS.stall);
    const started = Date.now();
    const stalled = await checkBrain(client, { stallMs: 400 });
    expect(stalled).toMatchObject({ ok: false, status: 200, failure: 'stalled', error: 'Mistral API stream stalled: no token within 400 ms after its headers' });
    expect(Date.now() - started).toBeLessThan(5_000);
    sim.box.world.clearFault(MISTRAL_FAULTS.stall);
    sim.box.world.addFault(MISTRAL_FAULTS.serverError);
    expect(await checkBrain(client)).toMatchObject({ ok: false, status: 503, failure: 'server-error' });
    sim.box.world.clearFault(MISTRAL_FAULTS.serverError);
    sim.box.world.addFault(MISTRAL_FAULTS.badStream);
    expect(await checkBrain(client)).toMatchObject({ ok: false, failure: 'bad-stream', error: 'Mistral API sent a malformed stream: a data line that is not JSON' });
    sim.box.world.clearFault(MISTRAL_FAULTS.badStream);
    expect(await checkBrain(client)).toMatchObject({ ok: true });
  });

  it('a stall longer than a one-shot can wait: synced() comes at its deadline with "connecting" (the ladder says nothing), the stall is recorded after', async () => {
    sim = await startSim({ scenario: 'healthy' });
    sim.box.world.addFault(MISTRAL_FAULTS.stall);
    const kube = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }, {}));
    const store = createAppStore();
    source = createSolSource(store, { kube, mistral: mistralClient(mistralSettings(sim.env)!) }, { stallMs: 1_500, syncedWithinMs: 300 });
    const started = Date.now();
    source.start();
    await source.synced();
    expect(Date.now() - started).toBeLessThan(1_400);
    expect(store.getState().sources.mistral).toMatchObject({ state: 'connecting' });
    expect(evaluateFindings(store.getState(), Date.now()).filter((f) => f.rule === 'sol-brain')).toEqual([]);
    await waitFor(() => store.getState().sol.last?.failure === 'stalled', { message: 'the stall recorded' });
    expect(evaluateFindings(store.getState(), Date.now()).find((f) => f.rule === 'sol-brain')?.title).toBe("Sol's brain does not answer: Mistral API stream stalled: no token within 2s after its headers");
  });

  it('a port nobody listens on: refused, in one sentence', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const client = mistralClient(mistralSettings({ MISTRAL_API_KEY: 'k', MISTRAL_BASE_URL: `http://127.0.0.1:${port}` })!);
    expect(await checkBrain(client)).toMatchObject({ ok: false, failure: 'unreachable', error: `Mistral API at http://127.0.0.1:${port} refused the connection` });
  });

  it('the bot Secret: missing when absent, forbidden when RBAC refuses it; never its data', async () => {
    const missing = await run('healthy', (e) => e, { botSecret: { namespace: 'monitoring', name: 'no-such-secret' } });
    expect(missing.store.getState().sol.botSecret).toMatchObject({ state: 'missing' });
    source!.stop();
    sim!.setForbidden([{ verb: 'get', resource: 'secrets', namespace: 'monitoring' }]);
    const store = createAppStore();
    const kube = kubeClients(loadKubeConfig({ kubeconfig: sim!.kubeconfigPath }, {}));
    source = createSolSource(store, { kube });
    source.start();
    await source.synced();
    expect(store.getState().sol.botSecret).toMatchObject({ state: 'forbidden' });
    expect(store.getState().sources.mistral).toEqual({ state: 'not-connected', lastError: NOT_CONNECTED });
  });

  it('through the session: the demo\'s MISTRAL_* reach the source; without MISTRAL_API_KEY it is not connected', async () => {
    sim = await startSim({ scenario: 'healthy' });
    const dir = mkdtempSync(join(tmpdir(), 'sc-mistral-'));
    const base = { HOME: dir, XDG_STATE_HOME: join(dir, 'state') };
    session = await openSession({ env: { ...sim.env, ...base }, flags: { kubeconfig: sim.kubeconfigPath } });
    const store = createAppStore();
    const sources = await session.startSources(store, { flushMs: 50 });
    await waitFor(() => store.getState().sol.last?.ok, { message: "Sol's brain answers through the session" });
    expect(sources.map((s) => s.id)).toContain('mistral');
    await session.stop();
    const { MISTRAL_API_KEY: _k, ...noKey } = sim.env;
    session = await openSession({ env: { ...noKey, ...base }, flags: { kubeconfig: sim.kubeconfigPath } });
    const bare = createAppStore();
    await session.startSources(bare, { flushMs: 50 });
    await waitFor(() => bare.getState().sol.botSecret?.state === 'present', { message: 'the bot Secret looked at' });
    expect(bare.getState().sources.mistral).toEqual({ state: 'not-connected', lastError: NOT_CONNECTED });
    expect(bare.getState().sol.last).toBeUndefined();
  });
});
