// The runbooks and the executor against the simulated Box (real client-node over HTTPS; nothing of ours mocked).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../../src/actions/executor.js';
import { preflight } from '../../src/actions/preflight.js';
import { planBarmanBackup, planCnpgBackup } from '../../src/actions/primitives/backup.js';
import { planCertRenew } from '../../src/actions/primitives/certificate.js';
import { planPitr } from '../../src/actions/primitives/pitr.js';
import { planRestart } from '../../src/actions/primitives/restart.js';
import type { Progress } from '../../src/actions/types.js';
import { Journal } from '../../src/journal/journal.js';
import { kubeClients, loadKubeConfig, type KubeClients } from '../../src/kube/client.js';
import { builtinRunbooks, loadRunbooks, planRunbook } from '../../src/runbooks/engine.js';
import { createActionFlow } from '../../src/runbooks/flow.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createWriters } from '../../src/actions/writers/index.js';
import { waitFor } from '../helpers/wait-for.js';

let sim: SimHandle;
let clients: KubeClients;
let journal: Journal;

beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy', speed: 50 });
  clients = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }));
  journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-sim-journal-')), user: 'oncall' });
});

afterAll(async () => {
  await sim?.stop();
});

const ctx = (extra: Partial<Parameters<typeof execute>[2]> = {}) => ({ clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: false, timeoutMs: 60_000, ...extra });

async function podNames(ns: string, selector: string): Promise<{ name: string; uid: string }[]> {
  return (await clients.core.listNamespacedPod({ namespace: ns, labelSelector: selector })).items.map((p) => ({ name: p.metadata!.name!, uid: p.metadata!.uid! }));
}

async function cert(ns: string, name: string): Promise<any> {
  return clients.custom.getNamespacedCustomObject({ group: 'cert-manager.io', version: 'v1', plural: 'certificates', namespace: ns, name });
}

describe('runbooks against the simulator', () => {
  it('restart matrix/sol replaces the pods, verifies and journals', async () => {
    const before = await podNames('matrix', 'app=sol');
    expect(before.length).toBe(1);
    const action = await planRestart(clients, 'matrix/sol');
    expect(action.target.kind).toBe('Deployment');
    expect(action.steps[0]!.calls[0]!.equivalent.command).toBe('kubectl -n matrix rollout restart deployment/sol');
    const pre = await preflight(action, { clients: { kube: clients } });
    expect(pre.find((l) => l.label === 'Replicas')!.value).toBe('1/1 ready');
    const progress: Progress[] = [];
    const r = await execute(action, {}, ctx({ confirmation: 'y', onProgress: (p) => progress.push(p) }));
    expect(r.message).toMatch(/matrix\/sol restarted: 1\/1 pods ready, all replaced/);
    expect(r.outcome).toBe('succeeded');
    const after = await podNames('matrix', 'app=sol');
    expect(after.some((p) => before.some((b) => b.uid === p.uid))).toBe(false);
    const dep = await clients.apps.readNamespacedDeployment({ namespace: 'matrix', name: 'sol' });
    expect(dep.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const entries = journal.read().entries.filter((e) => e.kind === 'action-end' && e.run === r.runId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: 'succeeded', target: 'Deployment matrix/sol', who: 'oncall', dryRun: false });
  });

  it('dry run changes nothing', async () => {
    const depBefore = await clients.apps.readNamespacedDeployment({ namespace: 'messages', name: 'messages' });
    const podsBefore = await podNames('messages', 'app=messages');
    const r = await execute(await planRestart(clients, 'messages/messages'), {}, ctx({ dryRun: true }));
    expect(r.outcome).toBe('dry-run');
    expect(r.message).toMatch(/^Dry run: the server accepted the restart/);
    const certBefore = await cert('ingress', 'pingora-tls');
    const d = await execute(await planCertRenew(clients, 'ingress/pingora-tls', 'delete'), {}, ctx({ dryRun: true }));
    expect(d.outcome).toBe('dry-run');
    const b = await execute(planBarmanBackup(), {}, ctx({ dryRun: true }));
    expect(b.outcome).toBe('dry-run');
    expect(b.message).toMatch(/no server-side dry run; nothing ran/);
    // Truly time passing: an absence has no condition to wait for. 300 ms is 15 simulated seconds at speed 50,
    // long enough for the Box's controllers to act on a change the dry run should not have made.
    await new Promise((res) => setTimeout(res, 300));
    const depAfter = await clients.apps.readNamespacedDeployment({ namespace: 'messages', name: 'messages' });
    expect(depAfter.metadata?.resourceVersion).toBe(depBefore.metadata?.resourceVersion);
    expect(await podNames('messages', 'app=messages')).toEqual(podsBefore);
    const certAfter = await cert('ingress', 'pingora-tls');
    expect(certAfter.metadata.uid).toBe(certBefore.metadata.uid);
    expect(certAfter.metadata.resourceVersion).toBe(certBefore.metadata.resourceVersion);
  });

  it('read-only refuses before any call', async () => {
    const depBefore = await clients.apps.readNamespacedDeployment({ namespace: 'gitea', name: 'gitea' });
    const r = await execute(await planRestart(clients, 'gitea/gitea'), {}, ctx({ readOnly: true, confirmation: 'y' }));
    expect(r).toMatchObject({ outcome: 'refused', message: 'Read-only mode: restart is a change; start without --read-only to run it.' });
    const depAfter = await clients.apps.readNamespacedDeployment({ namespace: 'gitea', name: 'gitea' });
    expect(depAfter.metadata?.resourceVersion).toBe(depBefore.metadata?.resourceVersion);
  });

  it('the barman backup runbook streams the exec output and succeeds', async () => {
    const rb = builtinRunbooks().find((x) => x.id === 'backup-barman')!;
    const action = await planRunbook(rb, {}, { kube: clients });
    expect(action.steps[0]!.calls[0]!.equivalent.command).toBe('kubectl exec -n data barman-0 -c barman -- barman backup postgres');
    const lines: string[] = [];
    const r = await execute(action, {}, ctx({ confirmation: 'y', onProgress: (p) => p.kind === 'output' && lines.push(p.line) }));
    expect(r.outcome).toBe('succeeded');
    expect(r.message).toBe('barman backup postgres finished (exit 0).');
    expect(lines.length).toBeGreaterThan(0);
    expect(r.steps[0]!.lines).toEqual(lines);
  });

  it('a CloudNativePG Backup resource reaches completed', async () => {
    const action = planCnpgBackup('data/postgres');
    const r = await execute(action, {}, ctx({ confirmation: 'y' }));
    expect(r.outcome).toBe('succeeded');
    expect(r.message).toMatch(/^Backup data\/postgres-\d{14} completed/);
  });

  it('certificate renewal, the playbook way: delete -> recreated, Ready, newer notAfter', async () => {
    const before = await cert('ingress', 'pingora-tls');
    const action = await planCertRenew(clients, 'ingress/pingora-tls', 'delete');
    expect(action.tier).toBe('destructive');
    expect(action.confirmation).toEqual({ kind: 'typed', expect: 'pingora-tls' });
    const pre = await preflight(action, { clients: { kube: clients } });
    expect(pre.find((l) => l.label === 'ingress-shim')!.level).toBe('ok');
    expect(pre.find((l) => l.label === 'Ingresses')!.value).toContain('messages');
    const r = await execute(action, {}, ctx({ confirmation: 'pingora-tls' }));
    expect(r.outcome).toBe('succeeded');
    const after = await cert('ingress', 'pingora-tls');
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(Date.parse(after.status.notAfter)).toBeGreaterThan(Date.parse(before.status.notAfter));
  });

  it("certificate renewal, cmctl's way: Issuing -> Ready, newer notAfter, same object", async () => {
    const before = await cert('ingress', 'pingora-tls');
    // notAfter has second precision (issuance second + lifetime): a renewal is newer only from the next second on.
    await waitFor(() => Date.now() >= Date.parse(before.status.notBefore) + 1000, { timeoutMs: 2_000, message: 'a second after the last issuance' });
    const action = await planCertRenew(clients, 'ingress/pingora-tls', 'issuing');
    expect(action.tier).toBe('change');
    const r = await execute(action, {}, ctx({ confirmation: 'y' }));
    expect(r.outcome).toBe('succeeded');
    const after = await cert('ingress', 'pingora-tls');
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(Date.parse(after.status.notAfter)).toBeGreaterThan(Date.parse(before.status.notAfter));
  });

  it('restart data/postgres annotates the Cluster and verifies it healthy', async () => {
    const action = await planRestart(clients, 'data/postgres');
    expect(action.target.kind).toBe('Cluster');
    expect(action.steps[0]!.calls[0]!.equivalent.command).toBe('kubectl cnpg restart -n data postgres');
    const before = await podNames('data', 'cnpg.io/cluster=postgres');
    const r = await execute(action, {}, ctx({ confirmation: 'y' }));
    expect(r.message).toMatch(/cluster data\/postgres healthy: 2\/2 instances ready, all restarted/);
    expect(r.outcome).toBe('succeeded');
    const c: any = await clients.custom.getNamespacedCustomObject({ group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters', namespace: 'data', name: 'postgres' });
    expect(c.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
    const after = await podNames('data', 'cnpg.io/cluster=postgres');
    expect(after.some((p) => before.some((b) => b.uid === p.uid))).toBe(false);
  });

  it('PITR before the first recoverability point is refused by the preflight', async () => {
    const action = await planPitr(clients, 'data/postgres', '2001-01-01T00:00:00Z');
    expect(action.confirmation.kind).toBe('typed');
    expect(action.detail).toContain('recoveryTarget');
    const r = await execute(action, {}, ctx({ confirmation: action.target.name }));
    expect(r.outcome).toBe('refused');
    expect(r.message).toMatch(/is before the first recoverability point/);
  });

  it('two restarts within one second both restart (the second waits for a new timestamp)', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await execute(await planRestart(clients, 'monitoring/grafana'), {}, ctx({ confirmation: 'y' }));
      expect(r.outcome).toBe('succeeded');
    }
  });

  it('restarts a StatefulSet (storage/seaweedfs-filer) and verifies the rollout', async () => {
    const action = await planRestart(clients, 'storage/seaweedfs-filer');
    expect(action.target.kind).toBe('StatefulSet');
    const r = await execute(action, {}, ctx({ confirmation: 'y' }));
    expect(r.message).toMatch(/storage\/seaweedfs-filer restarted/);
    expect(r.outcome).toBe('succeeded');
  });

  it('point-in-time restore inside the window creates a new recovery cluster and verifies it', async () => {
    const c: any = await clients.custom.getNamespacedCustomObject({ group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters', namespace: 'data', name: 'postgres' });
    const first = Date.parse(c.status.firstRecoverabilityPoint);
    const target = new Date(first + (Date.now() - first) / 2).toISOString().replace(/\.\d+Z$/, 'Z');
    const action = await planPitr(clients, 'data/postgres', target);
    expect(action.target.name).toMatch(/^postgres-pitr-\d{14}$/);
    expect(action.confirmation).toEqual({ kind: 'typed', expect: action.target.name });
    expect((await preflight(action, { clients: { kube: clients } })).filter((l) => l.level === 'blocking')).toEqual([]);
    const wrong = await execute(action, {}, ctx({ confirmation: 'postgres' }));
    expect(wrong.outcome).toBe('refused');
    const r = await execute(action, {}, ctx({ confirmation: action.target.name }));
    expect(r.message).toMatch(/recovery cluster data\/postgres-pitr-\d+ healthy/);
    expect(r.outcome).toBe('succeeded');
    const created: any = await clients.custom.getNamespacedCustomObject({ group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters', namespace: 'data', name: action.target.name });
    expect(created.spec.bootstrap.recovery.recoveryTarget.targetTime).toBe(target);
    expect(created.spec.externalClusters[0]).toMatchObject({ name: 'postgres', barmanObjectStore: { destinationPath: 's3://sunbeam-backups/postgres' } });
  });

  it('a user runbook from YAML (restart, wait, backup) runs with the same primitives', async () => {
    const cfg = mkdtempSync(join(tmpdir(), 'sc-cfg-'));
    mkdirSync(join(cfg, 'runbooks'));
    writeFileSync(
      join(cfg, 'runbooks', 'gitea.yaml'),
      'id: gitea-restart-and-backup\ntitle: Restart gitea then back up the database\nsteps:\n  - action: restart\n    target: gitea/gitea\n  - action: wait\n    target: gitea/gitea\n    condition: rollout-complete\n  - action: create-backup\n    target: data/postgres\n',
    );
    const { runbooks, errors } = loadRunbooks({ configDir: cfg });
    expect(errors).toEqual([]);
    const rb = runbooks.find((x) => x.id === 'gitea-restart-and-backup')!;
    const action = await planRunbook(rb, {}, { kube: clients });
    expect(action.tier).toBe('change');
    expect(action.steps.map((st) => st.calls[0]!.equivalent.command)).toEqual([
      'kubectl -n gitea rollout restart deployment/gitea',
      'kubectl wait -n gitea gitea --for=rollout-complete --timeout=300s',
      'kubectl cnpg backup -n data postgres --method barmanObjectStore',
    ]);
    const r = await execute(action, {}, ctx({ confirmation: 'y' }));
    expect(r.steps.map((st) => st.outcome)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(r.outcome).toBe('succeeded');
  });

  // These two need a rollout that is still under way when the verification looks. On the Box above (speed 50)
  // a rollout can finish in ~50 ms of real time, which a loaded machine's first probe may not beat (the
  // timeout then found it done: 'succeeded'). A Box at speed 0.01 needs over two real minutes for a new pod to
  // become Ready (schedule, pull, start, probe: at least 1.5 simulated seconds), far beyond the test's 30 s, so
  // the rollout never finishes while these tests look at it, however busy the machine is.
  describe('on a Box too slow to finish a rollout during the test', () => {
    let slow: SimHandle;
    let slowClients: KubeClients;
    const slowCtx = (extra: Partial<Parameters<typeof execute>[2]> = {}) => ctx({ clients: { kube: slowClients }, writers: createWriters({ kube: slowClients }), ...extra });

    beforeAll(async () => {
      slow = await startSim({ scenario: 'healthy', speed: 0.01 });
      slowClients = kubeClients(loadKubeConfig({ kubeconfig: slow.kubeconfigPath }));
    });

    afterAll(async () => {
      await slow?.stop();
    });

    it('a verification that runs out of time says exactly what is still wrong', async () => {
      const r = await execute(await planRestart(slowClients, 'matrix/synapse'), {}, slowCtx({ confirmation: 'y', timeoutMs: 1 }));
      expect(r.outcome).toBe('failed');
      expect(r.message).toMatch(/^\d\/1 pods ready, \d\/1 updated.* after \d+ s; 1 old pod\(s\) not gone yet \(synapse-/);
    });

    it('cancelling (the signal) stops the verification and says so', async () => {
      const ac = new AbortController();
      const p = execute(await planRestart(slowClients, 'drive/drive'), {}, slowCtx({ confirmation: 'y', signal: ac.signal, onProgress: (pr) => pr.kind === 'waiting' && ac.abort() }));
      const r = await p;
      expect(r.outcome).toBe('cancelled');
      expect(r.message).toMatch(/^Cancelled while waiting for rollout of drive\/drive/);
    });
  });

  it('the action flow a UI drives: params, preflight, No, dry run, typed hint, run with progress, read-only', async () => {
    const rbs = builtinRunbooks();
    const byId = (id: string) => rbs.find((r) => r.id === id)!;
    const states: string[] = [];
    const flow = createActionFlow({ clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: false, user: 'oncall' }, (st) => states.push(st.step));

    await flow.start(byId('pitr'));
    expect(flow.state.step).toBe('params');
    await flow.submitParams({ targetTime: '2001-01-01T00:00:00Z' });
    expect(flow.state).toMatchObject({ step: 'confirm', blocked: expect.stringMatching(/before the first recoverability point/) });

    const sel = { kind: 'Deployment', namespace: 'messages', name: 'messages-worker' };
    await flow.start(byId('restart'), sel);
    expect(flow.state).toMatchObject({ step: 'confirm', prompt: 'Restart messages/messages-worker? [y/N]' });
    expect(flow.state.step === 'confirm' && flow.state.preflight.map((l) => l.label)).toContain('Replicas');
    await flow.confirm('');
    expect(flow.state.step).toBe('idle');

    await flow.start(byId('restart'), sel);
    await flow.dryRun();
    expect(flow.state).toMatchObject({ step: 'done', result: { outcome: 'dry-run' } });

    await flow.start(byId('cert-renew-delete'), { kind: 'Certificate', namespace: 'ingress', name: 'pingora-tls' });
    await flow.confirm('pingora');
    expect(flow.state).toMatchObject({ step: 'confirm', hint: 'Type pingora-tls exactly, or Esc to cancel.' });
    flow.cancel();
    expect(flow.state.step).toBe('idle');

    states.length = 0;
    await flow.start(byId('restart'), sel);
    await flow.confirm('y');
    expect(flow.state).toMatchObject({ step: 'done', result: { outcome: 'succeeded' } });
    expect(states).toContain('running');

    const ro = createActionFlow({ clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: true });
    await ro.start(byId('restart'), sel);
    expect(ro.state).toEqual({ step: 'error', message: 'Read-only mode: restart is a change; start without --read-only to run it.' });
  });

  it('a write RBAC forbids fails with one sentence, journaled as failed', async () => {
    sim.setForbidden([{ verb: 'patch', resource: 'deployments', namespace: 'drive' }]);
    try {
      const r = await execute(await planRestart(clients, 'drive/drive'), {}, ctx({ confirmation: 'y' }));
      expect(r.outcome).toBe('failed');
      expect(r.message).toMatch(/^The Kubernetes API forbids this: .*deployments.* "drive".* \(403\)\.$/);
      expect(r.message).not.toMatch(/\n|Bearer|HTTP-Code/);
      const end = journal.read().entries.find((e) => e.kind === 'action-end' && e.run === r.runId);
      expect(end).toMatchObject({ outcome: 'failed' });
    } finally {
      sim.setForbidden([]);
    }
  });

  it('restart of an unknown NS/NAME is one clear sentence', async () => {
    await expect(planRestart(clients, 'matrix/nope')).rejects.toThrow(
      'Nothing to restart at matrix/nope: no CloudNativePG Cluster, Deployment, StatefulSet or DaemonSet of that name.',
    );
  });
});
