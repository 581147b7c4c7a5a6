// The Loki source against the simulated Box's Loki (startSim, real HTTPS and WebSocket, the run's CA): the
// errors view gets sol-crashloop's error lines; the tail resumes after closeLokiTails() and after Loki's tail
// max duration with no duplicate and no gap (counted against what the simulator's log store holds); the
// error-burst finding fires in sol-crashloop and not in a healthy Box.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorsVerdict } from '../../src/ladder/errors-verdict.js';
import { evaluateLadder } from '../../src/ladder/index.js';
import { lokiLabels } from '../../src/sim/box/logs/labels.js';
import { epochNs } from '../../src/sim/box/logs/stamp.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import type { SimOptions } from '../../src/sim/options.js';
import { openSession, type Session } from '../../src/session/index.js';
import { ERRORS_VIEW, type LokiSource } from '../../src/sources/loki/index.js';
import { toEpochNs } from '../../src/logs/record.js';
import { createAppStore, type AppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

let sim: SimHandle | undefined;
let session: Session | undefined;
afterEach(async () => {
  await session?.stop();
  await sim?.stop();
  session = sim = undefined;
});

async function open(opts: SimOptions, query?: string): Promise<{ store: AppStore; source: LokiSource }> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-loki-src-'));
  sim = await startSim(opts);
  expect(sim.env.LOKI_ADDR).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  session = await openSession({ env: { ...sim.env, HOME: dir, XDG_STATE_HOME: join(dir, 'state') }, flags: { kubeconfig: sim.kubeconfigPath } });
  const store = createAppStore();
  if (query) store.getState().actions.setLokiErrors({ query });
  const source = (await session.startSources(store, { flushMs: 50 })).find((s) => s.id === 'loki') as LokiSource;
  expect(source).toBeDefined();
  await source.synced();
  return { store, source };
}

/** What the simulator's log store holds at or after `fromNs`, as "ns pod text" keys, for the lines `pick` selects. */
function simKeys(fromNs: string, pick: (labels: Record<string, string>) => boolean): string[] {
  const out: string[] = [];
  for (const c of sim!.box.logs.linesSince(new Date(Number(BigInt(fromNs) / 1_000_000n) - 1))) {
    for (const l of c.lines) {
      const ns = epochNs(l);
      if (BigInt(ns) < BigInt(fromNs) || !pick(lokiLabels(c, l.text))) continue;
      out.push(`${ns} ${c.pod} ${l.text}`);
    }
  }
  return out.sort();
}

function viewKeys(store: AppStore, fromNs: string): string[] {
  const ring = store.getState().logs.views[ERRORS_VIEW]!.ring;
  return ring
    .toArray()
    .filter((r) => BigInt(toEpochNs(r)) >= BigInt(fromNs))
    .map((r) => `${toEpochNs(r)} ${r.pod} ${r.text}`)
    .sort();
}

describe('the Loki source against the simulator', () => {
  it("fills the errors view with sol-crashloop's error lines and fires the error burst on matrix/sol", async () => {
    const { store } = await open({ scenario: 'sol-crashloop' });
    await waitFor(() => store.getState().loki.checkedAt && store.getState().sources.loki?.state === 'ok', { message: 'the summary', timeoutMs: 20_000 });
    const view = store.getState().logs.views[ERRORS_VIEW]!;
    const records = view.ring.toArray();
    expect(records.length).toBeGreaterThan(20);
    expect(records.every((r) => r.labels?.level === 'error')).toBe(true);
    expect(records.some((r) => r.namespace === 'matrix' && r.labels?.app === 'sol' && r.text.includes('cannot reach the Mistral API'))).toBe(true);
    // Everything the simulator's Loki holds at level=error in the window (up to a moment already tailed past).
    const first = toEpochNs(records[0]!);
    await waitFor(() => expect(viewKeys(store, first)).toEqual(simKeys(first, (l) => l.level === 'error')), { message: 'the view to match the log store', timeoutMs: 15_000 });
    const sol = store.getState().loki.services.find((s) => s.namespace === 'matrix' && s.app === 'sol')!;
    expect(sol.count).toBeGreaterThan(20);
    const ladder = evaluateLadder(store.getState(), Date.now());
    const burst = ladder.findings.find((f) => f.rule === 'error-burst');
    expect(burst).toMatchObject({ id: 'error-burst:matrix/sol', namespace: 'matrix', target: { kind: 'Deployment', namespace: 'matrix', name: 'sol' } });
    expect(burst!.title).toMatch(/^matrix\/sol wrote \d+ error lines in the last 15m, \d+ in the last minute$/);
    expect(errorsVerdict(store.getState().loki, store.getState().sources.loki, Date.now()).verdict).toBe('warn');
  }, 60_000);

  it('fires the error burst for the crash loops that follow from a database that is down', async () => {
    const { store } = await open({ scenario: 'postgres-down' });
    await waitFor(() => store.getState().loki.checkedAt && store.getState().sources.loki?.state === 'ok', { message: 'the summary', timeoutMs: 20_000 });
    const bursts = evaluateLadder(store.getState(), Date.now()).findings.filter((f) => f.rule === 'error-burst').map((f) => f.id);
    expect(bursts).toEqual(expect.arrayContaining(['error-burst:messages/messages', 'error-burst:matrix/synapse', 'error-burst:gitea/gitea']));
  }, 60_000);

  it('finds no burst in a healthy Box, and rung 7 says so only because Loki answers', async () => {
    const { store } = await open({ scenario: 'healthy' });
    await waitFor(() => store.getState().loki.checkedAt && store.getState().sources.loki?.state === 'ok', { message: 'the summary', timeoutMs: 20_000 });
    const ladder = evaluateLadder(store.getState(), Date.now());
    expect(ladder.findings.filter((f) => f.rule === 'error-burst')).toEqual([]);
    expect(errorsVerdict(store.getState().loki, store.getState().sources.loki, Date.now())).toEqual({ verdict: 'ok', summary: 'no errors in 15m' });
  }, 60_000);

  it("resumes after closeLokiTails() and at the tail's max duration with no duplicate and no gap", async () => {
    // Every line of matrix/sol, at 40 lines a second, through tails that Loki ends every 1.5 s.
    const { store, source } = await open({ scenario: 'healthy', loki: { tailMaxDurationMs: 1500 } }, '{namespace="matrix", app="sol"}');
    await waitFor(() => store.getState().logs.views[ERRORS_VIEW]!.source.status === 'following', { message: 'the tail open' });
    const from = `${BigInt(Date.now()) * 1_000_000n}`;
    sim!.setLogRate('matrix/sol', 40);
    const resumes0 = source.resumes();
    for (let i = 0; i < 3; i++) {
      await waitFor(() => store.getState().logs.views[ERRORS_VIEW]!.source.status === 'following' && store.getState().logs.views[ERRORS_VIEW]!.source.streams[0]?.state === 'streaming', { message: `streaming (${i})` });
      await new Promise((r) => setTimeout(r, 300 + i * 200));
      sim!.closeLokiTails();
    }
    // And at least two tails ended by the max duration.
    await waitFor(() => source.resumes() >= resumes0 + 5, { message: 'tails ended by the max duration', timeoutMs: 15_000 });
    sim!.setLogRate('matrix/sol', 0);
    const want = () => simKeys(from, (l) => l.namespace === 'matrix' && l.app === 'sol');
    await waitFor(() => expect(viewKeys(store, from)).toEqual(want()), { message: 'every line once', timeoutMs: 15_000 });
    const got = viewKeys(store, from);
    expect(got.length).toBeGreaterThan(100);
    expect(new Set(got).size).toBe(got.length);
    expect(store.getState().logs.views[ERRORS_VIEW]!.source.resumes).toBeGreaterThanOrEqual(5);
  }, 60_000);
});
