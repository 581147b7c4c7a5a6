// The playbook's "Certs expired" drill on the simulator, cmctl's way, plus the ACME challenge check.
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
  sim = await startSim({ scenario: 'cert-expired', speed: 50 });
  clients = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }));
});
afterAll(async () => {
  await sim?.stop();
});

describe('drill: certs expired', () => {
  it('renews the expired certificate through the Issuing condition and the ACME check reports', async () => {
    const journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-drill-')) });
    const selection = { kind: 'Certificate', namespace: 'ingress', name: 'pingora-tls' };
    const picked = runbooksFor({ rung: 2, selection }, false, builtinRunbooks());
    const renew = picked.find((p) => p.id === 'cert-renew-issuing')!;
    const action = await planRunbook(renew.runbook, { target: selection }, { kube: clients });
    expect(action.steps[0]!.calls[0]!.equivalent.command).toBe('cmctl renew -n ingress pingora-tls');
    const before: any = await clients.custom.getNamespacedCustomObject({ group: 'cert-manager.io', version: 'v1', plural: 'certificates', namespace: 'ingress', name: 'pingora-tls' });
    expect(Date.parse(before.status.notAfter)).toBeLessThan(Date.now());
    const r = await execute(action, {}, { clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: false, confirmation: 'y', timeoutMs: 60_000 });
    expect(r.outcome).toBe('succeeded');
    const after: any = await clients.custom.getNamespacedCustomObject({ group: 'cert-manager.io', version: 'v1', plural: 'certificates', namespace: 'ingress', name: 'pingora-tls' });
    expect(Date.parse(after.status.notAfter)).toBeGreaterThan(Date.now() + 80 * 86_400_000);

    const acme = picked.find((p) => p.id === 'acme-check')!;
    const check = await execute(await planRunbook(acme.runbook, { target: selection }, { kube: clients }), {}, { clients: { kube: clients }, writers: createWriters({ kube: clients }), journal, readOnly: true });
    expect(check.outcome).toBe('succeeded');
    const lines = check.steps[0]!.lines!.join('\n');
    expect(lines).toMatch(/CertificateRequest/);
    expect(lines).toMatch(/acme-challenge|solver Ingress/i);
  });
});
