// The guided unseal against the simulator's OpenBao in HA (three replicas, Raft): one share through the unseal
// action goes to every sealed replica, in the action's order (the leader first, then by ordinal; with every
// replica sealed none leads, so openbao-0 goes first and is the one that leads once a quorum is open), with
// each replica's progress after each share; three shares open all three. With one replica sealed alone
// (vault-replica-sealed), the ladder warns (HA lost) instead of naming a root cause, only that replica gets the
// shares, and a wrong share (random bytes of a share's length, valid base64) is refused in one sentence at the
// threshold with the progress back to 0, as OpenBao discards the attempt; three genuine shares then open it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../../src/actions/executor.js';
import { unsealAction } from '../../src/actions/primitives/unseal.js';
import { secretBuffers } from '../../src/actions/secret-buffers.js';
import { Journal } from '../../src/journal/journal.js';
import { evaluateLadder } from '../../src/ladder/index.js';
import { openSession, type Session } from '../../src/session/index.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createAppStore, type AppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

const REPLICAS = ['openbao-0', 'openbao-1', 'openbao-2'];

interface Run {
  sim: SimHandle;
  session: Session;
  store: AppStore;
  dir: string;
  journal: Journal;
}

async function open(scenario: string, openbaoReplicas?: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-bao-ha-'));
  const sim = await startSim({ scenario, speed: 20, ...(openbaoReplicas ? { openbaoReplicas } : {}), unsealKeysPath: join(dir, 'unseal-keys') });
  const session = await openSession({ env: { ...sim.env, HOME: process.env.HOME, XDG_STATE_HOME: join(dir, 'state') }, flags: { kubeconfig: sim.kubeconfigPath } });
  const store = createAppStore();
  await session.startSources(store);
  return { sim, session, store, dir, journal: new Journal({ dir: join(dir, 'journal'), user: 'oncall' }) };
}

async function close(run: Run | undefined): Promise<void> {
  await run?.session.stop();
  await run?.sim.stop();
}

/** One share through the unseal action, as the dialog and `vault unseal` run it; the share's buffer is wiped after. */
async function enter(run: Run, share: string) {
  const buf = Buffer.from(share);
  const ctx = { clients: run.session.clients, writers: run.session.writers, journal: run.journal, readOnly: false, user: 'oncall', secrets: secretBuffers({ unsealKey: buf }) };
  const r = await execute(unsealAction(REPLICAS), {}, ctx);
  expect(buf.every((b) => b === 0)).toBe(true);
  // The step's result lines, one per replica in the order the share went to them (the message joins them).
  const lines = r.steps[0]?.lines ?? [];
  expect(r.message).toBe(lines.join('; '));
  return { ...r, lines, replicas: lines.map((l) => l.slice(0, l.indexOf(':'))) };
}

const shares = (run: Run) => readFileSync(join(run.dir, 'unseal-keys'), 'utf8').trim().split('\n');
const simView = (run: Run, name: string) => run.sim.box.world.bao.view(name)!;
const journalText = (run: Run) =>
  readdirSync(join(run.dir, 'journal'))
    .map((f) => readFileSync(join(run.dir, 'journal', f), 'utf8'))
    .join('\n');

describe('unseal, three replicas all sealed (vault-sealed, --openbao-replicas 3)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await open('vault-sealed', 3);
  });
  afterAll(() => close(run));

  it('each share goes to every replica, openbao-0 first; the progress of each after each share; three shares open all three and openbao-0 leads', async () => {
    await waitFor(() => REPLICAS.every((n) => run.store.getState().openbao.replicas[n]?.reachable && run.store.getState().openbao.replicas[n]?.sealed === true), { timeoutMs: 20_000, message: 'three sealed replicas in the store' });
    const before = await waitFor(() => {
      const l = evaluateLadder(run.store.getState(), Date.now());
      return l.rootCause?.rule === 'openbao-sealed' ? l : undefined;
    }, { timeoutMs: 20_000, message: 'the seal as the root cause' });
    expect(before.rootCause!.title).toBe('openbao/openbao: OpenBao sealed (3/3 replicas sealed), 0/3 key shares entered');
    expect(before.rungs[3]).toMatchObject({ verdict: 'failing', summary: 'sealed, 0/3 shares, 0/3 unsealed' });
    expect(run.sim.box.world.bao.leader).toBeUndefined();

    const keys = shares(run);
    for (const [i, share] of keys.slice(0, 2).entries()) {
      const r = await enter(run, share);
      const words = `${i + 1}/3 shares (${2 - i} more to go)`;
      expect(r.outcome).toBe('succeeded');
      expect(r.replicas).toEqual(REPLICAS);
      expect(r.lines).toEqual(REPLICAS.map((n) => `${n}: ${words}`));
      for (const n of REPLICAS) expect(simView(run, n)).toMatchObject({ sealed: true, progress: i + 1 });
      // The source sees each replica's progress too (the pane's "t/n" per replica).
      await waitFor(() => REPLICAS.every((n) => run.store.getState().openbao.replicas[n]?.progress === i + 1), { timeoutMs: 10_000, message: `progress ${i + 1} on every replica in the store` });
      expect(evaluateLadder(run.store.getState(), Date.now()).rootCause?.title).toBe(`openbao/openbao: OpenBao sealed (3/3 replicas sealed), ${i + 1}/3 key shares entered`);
    }

    const last = await enter(run, keys[2]!);
    expect(last.outcome).toBe('succeeded');
    expect(last.lines).toEqual(REPLICAS.map((n) => `${n}: unsealed`));
    expect(last.replicas).toEqual(REPLICAS);
    for (const n of REPLICAS) expect(simView(run, n)).toMatchObject({ sealed: false, progress: 0 });
    // The first replica the unseal went to is the one Raft elected once a quorum was open.
    expect(run.sim.box.world.bao.leader).toBe('openbao-0');

    await waitFor(() => REPLICAS.every((n) => run.store.getState().openbao.replicas[n]?.sealed === false), { timeoutMs: 10_000, message: 'three unsealed replicas in the store' });
    await waitFor(() => run.store.getState().openbao.replicas['openbao-0']?.role === 'active', { timeoutMs: 15_000, message: 'openbao-0 active in the store' });
    const after = evaluateLadder(run.store.getState(), Date.now());
    expect(after.rootCause?.rule).not.toBe('openbao-sealed');
    expect(after.findings.filter((f) => f.rule.startsWith('openbao-'))).toEqual([]);
    expect(after.rungs[3]).toMatchObject({ verdict: 'ok', summary: 'unsealed, 3/3 unsealed' });

    const text = journalText(run);
    expect(text.match(/"kind":"action-end"[^\n]*"action":"vault-unseal"/g)).toHaveLength(3);
    for (const s of keys) expect(text).not.toContain(s);
  }, 90_000);
});

describe('unseal, one replica sealed alone (vault-replica-sealed)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await open('vault-replica-sealed');
  });
  afterAll(() => close(run));

  it('the ladder warns, no root cause; a wrong share is refused in one sentence and the progress goes back to 0; only the sealed replica gets the shares; then none is sealed', async () => {
    await waitFor(() => {
      const rs = run.store.getState().openbao.replicas;
      return rs['openbao-2']?.sealed === true && rs['openbao-0']?.sealed === false && rs['openbao-1']?.sealed === false;
    }, { timeoutMs: 20_000, message: 'openbao-2 sealed, the other two open, in the store' });
    const before = await waitFor(() => {
      const l = evaluateLadder(run.store.getState(), Date.now());
      return l.findings.some((f) => f.rule === 'openbao-replica-sealed') ? l : undefined;
    }, { timeoutMs: 10_000, message: 'the replica-sealed warning' });
    const warning = before.findings.find((f) => f.rule === 'openbao-replica-sealed')!;
    expect(warning).toMatchObject({ severity: 'warn', title: 'openbao/openbao: 1 of 3 replicas sealed (openbao-2)' });
    expect(before.rootCause?.rule).not.toBe('openbao-sealed');
    expect(before.rootCause?.component).not.toBe('openbao');
    expect(before.findings.some((f) => f.rule === 'openbao-sealed')).toBe(false);
    expect(before.findings.some((f) => f.because === 'blocked by: OpenBao sealed')).toBe(false);
    expect(before.rungs[3]).toMatchObject({ verdict: 'warn', summary: '1 sealed, 2/3 unsealed' });

    const keys = shares(run);
    // Two genuine shares, then random bytes of a share's length (base64, and not the x-coordinate of either).
    for (const [i, share] of keys.slice(0, 2).entries()) {
      const r = await enter(run, share);
      expect(r.outcome).toBe('succeeded');
      expect(r.lines).toEqual([`openbao-2: ${i + 1}/3 shares (${2 - i} more to go)`]);
      expect(r.replicas).toEqual(['openbao-2']);
      expect(simView(run, 'openbao-2').progress).toBe(i + 1);
    }
    const real = keys.slice(0, 2).map((k) => Buffer.from(k, 'base64'));
    const wrong = randomBytes(real[0]!.length);
    const used = new Set(real.map((b) => b[b.length - 1]));
    let x = 1;
    while (used.has(x)) x++;
    wrong[wrong.length - 1] = x;
    const wrongShare = wrong.toString('base64');
    const refused = await enter(run, wrongShare);
    expect(refused.outcome).toBe('failed');
    expect(refused.lines).toHaveLength(1);
    expect(refused.message).toMatch(/^openbao-2: The shares entered do not open openbao-2: one of them is wrong or belongs to another cluster; OpenBao discarded this attempt, so start again with 3 correct shares\.$/);
    expect(refused.message.split(/[.!?]\s+/)).toHaveLength(1);
    expect(refused.message).not.toContain(wrongShare);
    expect(simView(run, 'openbao-2')).toMatchObject({ sealed: true, progress: 0, nonce: '' });
    await waitFor(() => run.store.getState().openbao.replicas['openbao-2']?.progress === 0, { timeoutMs: 10_000, message: 'progress back to 0 in the store' });
    // The others were not touched and still serve.
    for (const n of ['openbao-0', 'openbao-1']) expect(simView(run, n)).toMatchObject({ sealed: false, progress: 0 });

    for (const [i, share] of keys.slice(2, 5).entries()) {
      const r = await enter(run, share);
      expect(r.outcome).toBe('succeeded');
      expect(r.lines).toEqual([i < 2 ? `openbao-2: ${i + 1}/3 shares (${2 - i} more to go)` : 'openbao-2: unsealed']);
      expect(r.replicas).toEqual(['openbao-2']);
    }
    for (const n of REPLICAS) expect(simView(run, n).sealed).toBe(false);
    expect(run.sim.box.world.bao.leader).toBe('openbao-0');
    await waitFor(() => REPLICAS.every((n) => run.store.getState().openbao.replicas[n]?.sealed === false), { timeoutMs: 10_000, message: 'no replica sealed in the store' });
    const after = evaluateLadder(run.store.getState(), Date.now());
    expect(after.findings.filter((f) => f.rule.startsWith('openbao-'))).toEqual([]);
    expect(after.rungs[3]).toMatchObject({ verdict: 'ok', summary: 'unsealed, 3/3 unsealed' });

    const text = journalText(run);
    for (const s of [...keys, wrongShare]) expect(text).not.toContain(s);
  }, 90_000);
});
