// The playbook's "SeaweedFS Recovery: volume server down" drill on the simulator: logs, restart, check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../../src/actions/executor.js';
import { Journal } from '../../src/journal/journal.js';
import { kubeClients, loadKubeConfig, type KubeClients } from '../../src/kube/client.js';
import { builtinRunbooks, planRunbook } from '../../src/runbooks/engine.js';
import { runbooksFor } from '../../src/runbooks/fit.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createWriters } from '../../src/actions/writers/index.js';

let sim: SimHandle;
let clients: KubeClients;

beforeAll(async () => {
  sim = await startSim({ scenario: 'seaweedfs-volume-down', speed: 50 });
  clients = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }));
});
afterAll(async () => {
  await sim?.stop();
});

describe('drill: SeaweedFS volume server down', () => {
  it('check shows it, the restart runbook fixes it, check is clean afterwards', async () => {
    const journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-drill-')) });
    const offered = runbooksFor({ rung: 2, selection: { kind: 'StatefulSet', namespace: 'storage', name: 'seaweedfs-volume' } }, false, builtinRunbooks());
    const ids = offered.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining(['restart', 'logs', 'seaweedfs-volume-restart', 'seaweedfs-volume-logs', 'seaweedfs-filer-logs', 'storage-check']));
    const rb = (id: string) => offered.find((o) => o.id === id)!.runbook;

    const before = await execute(await planRunbook(rb('storage-check'), {}, { kube: clients }), {}, { clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: true });
    expect(before.steps[0]!.lines!.join('\n')).toMatch(/pod storage\/seaweedfs-volume-0: CrashLoopBackOff/);

    const r = await execute(await planRunbook(rb('seaweedfs-volume-restart'), {}, { kube: clients }), {}, { clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: false, confirmation: 'y', timeoutMs: 60_000 });
    expect(r.message).toMatch(/storage\/seaweedfs-volume restarted: 1\/1 pods ready, all replaced/);
    expect(r.outcome).toBe('succeeded');

    const after = await execute(await planRunbook(rb('storage-check'), {}, { kube: clients }), {}, { clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: true });
    expect(after.steps[0]!.lines!.filter((l) => /seaweedfs-volume/.test(l))).toEqual([]);
  });
});
