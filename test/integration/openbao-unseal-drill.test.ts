// The playbook's "OpenBao sealed" drill against the simulator's real OpenBao (real Shamir shares): the OpenBao
// source fills the store per replica through the Kubernetes pod proxy, the ladder puts the seal first and blocks
// what needs it; three shares from the keys file, each through the unseal action, clear the root cause within a
// second of the last share, and the dependent pods come back Ready. No share reaches the journal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../../src/actions/executor.js';
import { unsealAction } from '../../src/actions/primitives/unseal.js';
import { secretBuffers } from '../../src/actions/secret-buffers.js';
import { Journal } from '../../src/journal/journal.js';
import { evaluateLadder } from '../../src/ladder/index.js';
import { openSession, type Session } from '../../src/session/index.js';
import type { Source } from '../../src/sources/source.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createAppStore, type AppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

let sim: SimHandle;
let session: Session;
let store: AppStore;
let sources: Source[];
let keysFile: string;
const dir = mkdtempSync(join(tmpdir(), 'sc-bao-drill-'));

beforeAll(async () => {
  keysFile = join(dir, 'unseal-keys');
  sim = await startSim({ scenario: 'vault-sealed', speed: 20, unsealKeysPath: keysFile });
  session = await openSession({ env: { ...sim.env, HOME: process.env.HOME, XDG_STATE_HOME: join(dir, 'state') }, flags: { kubeconfig: sim.kubeconfigPath } });
  store = createAppStore();
  sources = await session.startSources(store);
});
afterAll(async () => {
  await session?.stop();
  await sim?.stop();
});

const dependents = ['messages/messages', 'messages/messages-worker', 'gitea/gitea', 'drive/drive', 'matrix/synapse', 'matrix/sol'];
function dependentPodsReady(): boolean {
  const pods = Object.values(store.getState().kube.pods).filter((p) => dependents.includes(`${p.namespace}/${p.ownerName}`) && !p.deleting);
  return pods.length > 0 && dependents.every((d) => pods.some((p) => `${p.namespace}/${p.ownerName}` === d)) && pods.every((p) => p.phase === 'Running' && p.readyContainers === p.totalContainers);
}

describe('drill: OpenBao sealed', () => {
  it('the source fills the store per replica; the ladder puts the seal first; three shares through the action clear it and the dependants recover', async () => {
    expect(sources.map((s) => s.id).sort()).toEqual(['alertmanager', 'kubernetes', 'loki', 'mistral', 'openbao', 'postgres']);
    const sealed = await waitFor(() => (store.getState().openbao.replicas['openbao-0']?.sealed === true ? store.getState().openbao.replicas['openbao-0'] : undefined), { timeoutMs: 20_000, message: 'openbao-0 read as sealed through the pod proxy' });
    expect(sealed).toMatchObject({ name: 'openbao-0', reachable: true, role: 'sealed', t: 3, n: 5, progress: 0 });
    expect(store.getState().sources.openbao?.state).toBe('ok');

    const before = await waitFor(() => {
      const l = evaluateLadder(store.getState(), Date.now());
      return l.rootCause?.rule === 'openbao-sealed' && l.findings.some((f) => f.component === 'messages' && f.because === 'blocked by: OpenBao sealed') ? l : undefined;
    }, { timeoutMs: 30_000, message: 'the seal as the root cause, messages blocked by it' });
    expect(before.rungs[3]).toMatchObject({ verdict: 'failing', summary: 'sealed, 0/3 shares' });
    expect(before.findings[0]!.rule).toBe('openbao-sealed');
    const vso = before.findings.find((f) => f.rule === 'vso-cannot-sync');
    expect(vso?.because).toBe('blocked by: OpenBao sealed');

    const shares = readFileSync(keysFile, 'utf8').trim().split('\n');
    expect(shares).toHaveLength(5);
    const journal = new Journal({ dir: join(dir, 'journal'), user: 'oncall' });
    const ctx = { clients: session.clients, writers: session.writers, journal, readOnly: false, user: 'oncall' };
    let lastShareAt = 0;
    for (const [i, share] of shares.slice(0, 3).entries()) {
      const buf = Buffer.from(share);
      const r = await execute(unsealAction(['openbao-0']), {}, { ...ctx, secrets: secretBuffers({ unsealKey: buf }) });
      expect(r.outcome).toBe('succeeded');
      expect(buf.every((b) => b === 0)).toBe(true);
      if (i < 2) expect(r.message).toBe(`openbao-0: ${i + 1}/3 shares (${2 - i} more to go)`);
      else {
        expect(r.message).toBe('openbao-0: unsealed');
        lastShareAt = Date.now();
      }
    }
    await waitFor(() => evaluateLadder(store.getState(), Date.now()).rootCause?.rule !== 'openbao-sealed', { timeoutMs: 1000, message: 'the seal cleared from the ladder within a second of the last share' });
    const cleared = Date.now() - lastShareAt;
    expect(cleared).toBeLessThan(1000);
    expect(evaluateLadder(store.getState(), Date.now()).rungs[3]!.verdict).toBe('ok');

    await waitFor(dependentPodsReady, { timeoutMs: 60_000, message: 'every dependent pod Ready' });
    const recovered = Date.now() - lastShareAt;
    console.log(`openbao drill: ladder cleared ${cleared} ms after the last share; every dependent pod Ready after ${recovered} ms (sim speed 20)`);

    const text = readdirSync(join(dir, 'journal')).map((f) => readFileSync(join(dir, 'journal', f), 'utf8')).join('\n');
    expect(text).toContain('vault-unseal');
    expect(text).toContain('oncall');
    for (const s of shares) expect(text).not.toContain(s);
  }, 120_000);
});
