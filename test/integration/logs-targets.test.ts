// The logs runbook against the simulated Box (real client-node over HTTPS): a selected pod logs that pod, a
// workload its own selector's pods, a CloudNativePG Cluster its instances; the equivalent shown and journaled
// is the console's own `logs` one-shot for it (printing the same POD CONTAINER lines), and the dialog names the
// target's real kind.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/actions/executor.js';
import type { Action, ActionTarget } from '../../src/actions/types.js';
import { createWriters } from '../../src/actions/writers/index.js';
import { Journal } from '../../src/journal/journal.js';
import { kubeClients, loadKubeConfig, type KubeClients } from '../../src/kube/client.js';
import { builtinRunbooks, planRunbook } from '../../src/runbooks/engine.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { actionView } from '../../screens/modals/action-lines.js';

let sim: SimHandle;
let clients: KubeClients;
let journal: Journal;

beforeAll(async () => {
  sim = await startSim({ scenario: 'postgres-down', speed: 20 });
  clients = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }));
  journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-logs-journal-')), user: 'oncall' });
});

afterAll(async () => {
  await sim?.stop();
});

const logsRunbook = () => builtinRunbooks().find((r) => r.id === 'logs')!;
const plan = (target: ActionTarget) => planRunbook(logsRunbook(), { target }, { kube: clients });
const equivalents = (a: Action) => a.steps.flatMap((s) => s.calls.map((c) => c.equivalent.command));
const prefixes = (lines: string[]) => [...new Set(lines.map((l) => { const [pod, container] = l.split(' '); return `pod/${pod}/${container}`; }))].sort();

describe('the logs runbook on each kind of target', () => {
  it('a selected pod logs that pod: sunbeam-console logs data/postgres-1 --kind pod, "Target: Pod data/postgres-1", journaled as shown', async () => {
    const action = await plan({ kind: 'Pod', namespace: 'data', name: 'postgres-1' });
    expect(equivalents(action)).toEqual(['sunbeam-console logs data/postgres-1 --kind pod --tail 50']);
    expect(action.target).toEqual({ kind: 'Pod', namespace: 'data', name: 'postgres-1' });
    const view = actionView({ step: 'confirm', action, preflight: [], prompt: '' }, '', false, []);
    expect(view.head[0]!.text).toBe('Target: Pod data/postgres-1');
    const r = await execute(action, {}, { clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: true });
    expect(r.outcome).toBe('succeeded');
    expect(r.steps[0]!.lines!.length).toBeGreaterThan(0);
    expect(prefixes(r.steps[0]!.lines!)).toEqual(['pod/postgres-1/postgres']);
    const start = journal.read().entries.find((e) => e.kind === 'action-start' && e.run === r.runId) as { commands?: string[]; target?: string } | undefined;
    expect(start).toMatchObject({ target: 'Pod data/postgres-1', commands: ['sunbeam-console logs data/postgres-1 --kind pod --tail 50'] });
  });

  it("a CloudNativePG Cluster logs its instances by the cluster's label, as kind Cluster", async () => {
    const action = await plan({ kind: 'Cluster', namespace: 'data', name: 'postgres' });
    expect(action.target.kind).toBe('Cluster');
    expect(equivalents(action)).toEqual(['sunbeam-console logs data/postgres --kind cluster --tail 50']);
    const r = await execute(action, {}, { clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: true });
    expect(prefixes(r.steps[0]!.lines!)).toEqual(['pod/postgres-1/postgres', 'pod/postgres-2/postgres']);
  });

  it("a workload logs by its own .spec.selector and shows its kind (a named ref without a selection resolves the same)", async () => {
    const sts = await planRunbook(builtinRunbooks().find((r) => r.id === 'seaweedfs-volume-logs')!, {}, { kube: clients });
    expect(sts.target).toEqual({ kind: 'StatefulSet', namespace: 'storage', name: 'seaweedfs-volume' });
    expect(equivalents(sts)).toEqual(['sunbeam-console logs storage/seaweedfs-volume --tail 50']);
    const dep = await plan({ kind: 'Deployment', namespace: 'matrix', name: 'sol' });
    expect(dep.target.kind).toBe('Deployment');
  });

  it('a name that is nothing says so in one sentence while planning', async () => {
    await expect(plan({ kind: 'Pod', namespace: 'data', name: 'nope' })).rejects.toThrow(
      'Nothing to follow at data/nope: no CloudNativePG Cluster, Deployment, StatefulSet, DaemonSet, Service, Job or pod of that name (sunbeam-console status -n data lists what runs there).',
    );
  });
});
