// Verdicts that never lie, against the simulated Box over its real wire: for every scenario and every
// namespace, a scoped `status` or `check` is never "ok" while a pod or a finding there is failing; with a wrong
// token the source says the API refused our credentials (401), in the same words on every rung, and the
// one-shot reports say so at once instead of waiting out their timeout.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReport } from '../../src/cli/check-report.js';
import { CouldNotTell, takeSnapshot } from '../../src/cli/kube-snapshot.js';
import { statusReport } from '../../src/cli/status-report.js';
import { kubeClients, loadKubeConfig } from '../../src/kube/client.js';
import { evaluateFindings, evaluateLadder } from '../../src/ladder/index.js';
import { SCENARIOS } from '../../src/sim/box/index.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { startKubernetesSource } from '../../src/sources/kubernetes/index.js';
import { createAppStore } from '../../src/store/index.js';
import { podHealth } from '../../src/views/health.js';
import { waitFor } from '../helpers/wait-for.js';

describe('scoped verdicts in every scenario and namespace', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario}: no namespace is "ok" while a pod or a finding in it is failing`, async () => {
      const snap = await takeSnapshot({ demo: true, scenario });
      try {
        const state = snap.store.getState();
        const now = Date.now();
        const all = evaluateFindings(state, now);
        for (const ns of state.kube.namespaces) {
          const failingPods = Object.values(state.kube.pods).filter((p) => p.namespace === ns && podHealth(p) === 'failing');
          const failingFindings = all.filter((f) => f.namespace === ns && f.severity === 'failing');
          const status = statusReport(state, ns, now);
          const check = checkReport(state, ns, now);
          if (failingPods.length || failingFindings.length) {
            const why = `${scenario} ${ns}: ${[...failingPods.map((p) => p.name), ...failingFindings.map((f) => f.id)].join(', ')}`;
            expect(status.verdict, `status ${why}`).toBe('failing');
            expect(check.verdict, `check ${why}`).toBe('failing');
            // What fails there is listed, not only counted.
            for (const f of failingFindings) expect(status.findings.map((x) => x.id), `status ${why}`).toContain(f.id);
          }
          if (status.verdict === 'ok') expect(status.findings, `${scenario} ${ns}`).toEqual([]);
        }
        // The whole Box lists every failing finding, root causes included.
        const whole = statusReport(state, undefined, now);
        for (const f of all.filter((x) => x.severity === 'failing')) expect(whole.findings.map((x) => x.id), `${scenario} whole box`).toContain(f.id);
        if (scenario === 'postgres-down') {
          const data = statusReport(state, 'data', now);
          expect(data.findings.map((f) => f.id)).toContain('pg-cluster-unhealthy:data/postgres');
          expect(whole.findings[0]!.id).toBe('pg-cluster-unhealthy:data/postgres');
        }
      } finally {
        await snap.stop();
      }
    }, 30_000);
  }
});

describe('a wrong token', () => {
  let sim: SimHandle;
  let kubeconfig: string;

  beforeAll(async () => {
    sim = await startSim({ scenario: 'healthy' });
    const dir = mkdtempSync(join(tmpdir(), 'sc-wrong-token-'));
    kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, readFileSync(sim.kubeconfigPath, 'utf8').replace(/token: .+/, 'token: not-the-token'), { mode: 0o600 });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('the source says the API refused our credentials (401); every rung says the same words', async () => {
    const store = createAppStore();
    const source = startKubernetesSource(store, kubeClients(loadKubeConfig({ kubeconfig })), { backoffMs: [200, 400] });
    try {
      await waitFor(() => store.getState().sources.kubernetes?.state === 'unauthorized', { timeoutMs: 10_000, message: 'the source to say unauthorized' });
      const h = store.getState().sources.kubernetes!;
      expect(h.lastError).toMatch(/refused our credentials \(401/);
      const l = evaluateLadder(store.getState(), Date.now());
      for (const id of [1, 2, 5]) expect(l.rungs[id - 1]).toMatchObject({ verdict: 'unknown', summary: 'API refused our credentials' });
      expect(JSON.stringify(l)).not.toContain('unreachable');
    } finally {
      source.stop();
    }
  });

  it('status and check say so at once (not after their 10-s wait), and never the token', async () => {
    const started = Date.now();
    const err = await takeSnapshot({ kubeconfig }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CouldNotTell);
    expect((err as Error).message).toMatch(/refused our credentials \(401/);
    expect((err as Error).message).not.toContain('not-the-token');
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
