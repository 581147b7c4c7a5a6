// The cert-expired drill end to end on the simulated Box, as the console wires it: the Kubernetes source fills
// the store, the rung journal records the ladder's changes, the renewal runs through the executor with the
// same journal. The renewed certificate is seen Ready while the action is still verifying: the incident stays
// open until the action's success is journaled, then closes, and its COE counts that success.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/actions/executor.js';
import { createWriters } from '../../src/actions/writers/index.js';
import { journalRungChanges } from '../../src/console/rung-journal.js';
import { exportCoe } from '../../src/journal/coe.js';
import { Journal } from '../../src/journal/journal.js';
import { kubeClients, loadKubeConfig, type KubeClients } from '../../src/kube/client.js';
import { evaluateLadder } from '../../src/ladder/index.js';
import { builtinRunbooks, planRunbook } from '../../src/runbooks/engine.js';
import { runbooksFor } from '../../src/runbooks/fit.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { startKubernetesSource } from '../../src/sources/kubernetes/index.js';
import { createAppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

let sim: SimHandle;
let clients: KubeClients;

beforeAll(async () => {
  sim = await startSim({ scenario: 'cert-expired', speed: 50 });
  clients = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }));
});
afterAll(async () => {
  await sim?.stop();
});

describe('cert-expired: renew, then the COE', () => {
  it('the incident closes after the renewal succeeded, and its COE counts 1 action succeeded', async () => {
    const store = createAppStore();
    const source = startKubernetesSource(store, clients, { flushMs: 50 });
    const journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-cert-coe-')), user: 'oncall' });
    const stop = journalRungChanges(store, journal, evaluateLadder, { tickMs: 500 });
    try {
      await source.synced();
      const incident = await waitFor(() => journal.currentIncident(), { timeoutMs: 10_000, message: 'the incident to open on the expired certificate' });
      const selection = { kind: 'Certificate', namespace: 'ingress', name: 'pingora-tls' };
      const renew = runbooksFor({ rung: 2, selection }, false, builtinRunbooks()).find((p) => p.id === 'cert-renew-issuing')!;
      const action = await planRunbook(renew.runbook, { target: selection }, { kube: clients });
      // The console sees the certificate Ready (its source is live) while the executor still verifies.
      const seenReady = waitFor(() => store.getState().kube.certificates['ingress/pingora-tls']?.ready === 'True', { timeoutMs: 60_000, message: 'the source to see the certificate Ready' });
      const r = await execute(action, {}, { clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: false, confirmation: 'y', timeoutMs: 60_000 });
      expect(r.outcome).toBe('succeeded');
      await seenReady;
      await waitFor(() => journal.currentIncident() === undefined, { timeoutMs: 10_000, message: 'the incident to close' });
      const entries = journal.read().entries;
      const end = entries.find((e) => e.kind === 'action-end')!;
      const closed = entries.find((e) => e.kind === 'incident-end')!;
      expect(end.incident).toBe(incident);
      expect(closed.incident).toBe(incident);
      expect(entries.indexOf(end)).toBeLessThan(entries.indexOf(closed));
      const draft = exportCoe({ journalEntries: entries, outDir: mkdtempSync(join(tmpdir(), 'sc-cert-coe-out-')), author: 'oncall', incident });
      expect(draft.content).toContain('1 action(s) succeeded');
      expect(draft.content).not.toContain('0 action(s) succeeded');
    } finally {
      stop();
      source.stop();
    }
  }, 90_000);
});
