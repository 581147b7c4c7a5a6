// The playbook's "Database down" drill on the simulator: restart data/postgres through the built-in runbook,
// the Cluster comes back healthy and the crash-looping database clients recover after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../../src/actions/executor.js';
import { preflight } from '../../src/actions/preflight.js';
import { Journal } from '../../src/journal/journal.js';
import { kubeClients, loadKubeConfig, type KubeClients } from '../../src/kube/client.js';
import { emergencyRows } from '../../src/runbooks/emergency.js';
import { builtinRunbooks, planRunbook } from '../../src/runbooks/engine.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createWriters } from '../../src/actions/writers/index.js';

let sim: SimHandle;
let clients: KubeClients;

beforeAll(async () => {
  sim = await startSim({ scenario: 'postgres-down', speed: 50 });
  clients = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }));
});
afterAll(async () => {
  await sim?.stop();
});

describe('drill: database down', () => {
  it('the emergency table leads to the operator logs and restart-postgres, which fixes it', async () => {
    const row = emergencyRows(builtinRunbooks()).find((r) => r.situation === 'Database down')!;
    const [logsRb, restartRb] = row.runbooks;
    const journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-drill-')), user: 'oncall' });

    const logs = await execute(await planRunbook(logsRb!, {}, { kube: clients }), {}, { clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: true });
    expect(logs.outcome).toBe('succeeded');
    expect(logs.steps[0]!.lines!.length).toBeGreaterThan(0);
    expect(logs.steps[0]!.lines![0]).toMatch(/^cnpg-controller-manager-[a-z0-9-]+ manager /);

    const messagesBefore = await clients.apps.readNamespacedDeployment({ namespace: 'messages', name: 'messages' });
    expect(messagesBefore.status?.readyReplicas ?? 0).toBeLessThan(2);
    const action = await planRunbook(restartRb!, {}, { kube: clients });
    expect(action).toMatchObject({ id: 'restart-postgres', tier: 'change', confirmation: { kind: 'yes-no', default: 'no' }, target: { kind: 'Cluster', namespace: 'data', name: 'postgres' } });
    const pre = await preflight(action, { clients: { kube: clients } });
    expect(pre.find((l) => l.label === 'Instances')).toMatchObject({ value: '0/2 ready', level: 'warn' });
    const r = await execute(action, {}, { clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: false, confirmation: 'y', timeoutMs: 60_000 });
    expect(r.message).toMatch(/cluster data\/postgres healthy: 2\/2 instances ready/);
    expect(r.outcome).toBe('succeeded');

    // the dependants recover after the database (verified with the same primitive a user runbook would use)
    const wait = await execute(
      await planRunbook({ id: 'w', title: 'wait', source: 'test', tier: 'read', steps: [{ action: 'wait', target: 'messages/messages', condition: 'rollout-complete', timeoutSeconds: 60 }] }, {}, { kube: clients }),
      {},
      { clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: true },
    );
    expect(wait.message).toMatch(/messages\/messages: 2\/2 ready/);
    expect(wait.outcome).toBe('succeeded');
  });
});
