// The safety races of the action dialog (issue 7), on the real console screen (ink-testing-library) with the
// real flow, executor and journal; only the planners that would read the cluster are replaced.
//   a. Esc while an action is being planned cancels it: nothing runs, nothing is journaled, nothing waits.
//   b. A confirming key typed before the confirmation was drawn (plus a guard) is dropped, with a hint.
//   c. R on a pod restarts the workload the source resolved as its owner, not one whose selector matches.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { confirmationFor } from '../../src/actions/tiers.js';
import type { Action, ActionStep, Tier } from '../../src/actions/types.js';
import type { SourceClients } from '../../src/sources/source.js';
import { boxStore, consoleFor, pod, postgresDownLadder, workload } from './fixtures.js';
import { KEY, press, settle, type, waitUntil } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sbc-races-'));
});
afterEach(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function testAction(tier: Tier, ns: string, name: string, run: ActionStep['run']): Action {
  return {
    id: `test-${tier}`,
    verb: 'restart',
    title: `Restart ${ns}/${name}`,
    target: { kind: 'Deployment', namespace: ns, name },
    tier,
    confirmation: confirmationFor(tier, name),
    params: [],
    steps: [{ title: `Step on ${ns}/${name}`, tier, calls: [{ equivalent: { tool: 'kubectl', command: `kubectl -n ${ns} rollout restart deployment/${name}` }, method: 'PATCH', path: `/apis/apps/v1/namespaces/${ns}/deployments/${name}` }], dryRunnable: true, run }],
  };
}

/** A planner whose answer the test releases (or that answers at once). */
function mount(opts: { tier?: Tier; held?: boolean } = {}) {
  const store = boxStore();
  const a = store.getState().actions;
  a.applyKube([{ collection: 'workloads', upsert: [workload('Deployment', 'matrix', 'sol', 1, 1)] }]);
  const run = vi.fn<ActionStep['run']>(async () => ({ ok: true, message: 'done' }));
  let release: () => void = () => {};
  const planSignals: (AbortSignal | undefined)[] = [];
  const gate = new Promise<void>((r) => (release = r));
  const restart = vi.fn(async (_c: SourceClients, ref: string, signal?: AbortSignal) => {
    if (opts.held) await gate;
    planSignals.push(signal);
    const [ns, name] = ref.split('/') as [string, string];
    return testAction(opts.tier ?? 'change', ns, name, run);
  });
  const ops = consoleFor(store, { dir, planners: { restart } });
  const r = render(<Console store={store} evaluate={() => postgresDownLadder()} console={ops} quit={() => {}} size={{ columns: 100, rows: 30 }} />);
  return { ...r, store, run, restart, release, planSignals, flowStep: () => store.getState().flow.state.step };
}

const frame = (r: { lastFrame(): string | undefined }) => r.lastFrame() ?? '';
const journalText = () =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('');

describe('a. Esc while planning', () => {
  for (const tier of ['change', 'read'] as const) {
    it(`cancels a ${tier} action: nothing runs, nothing is journaled, nothing waits in confirm`, async () => {
      const r = mount({ tier, held: true });
      await press(r.stdin, ':');
      await type(r.stdin, 'restart matrix/sol');
      await press(r.stdin, KEY.enter);
      await waitUntil(() => frame(r).includes('Planning'));
      await press(r.stdin, KEY.esc);
      await waitUntil(() => frame(r).includes('Cancelled: nothing was changed.'));
      expect(r.restart).toHaveBeenCalledTimes(1);
      r.release();
      // Let the planner's answer arrive and anything it would start run its course.
      await r.restart.mock.results[0]!.value;
      await settle(30);
      expect(r.run).not.toHaveBeenCalled();
      expect(journalText()).not.toContain('"kind":"action-start"');
      expect(r.flowStep()).toBe('idle');
      // The planner was told (its signal aborted) as well as ignored.
      expect(r.planSignals[0]?.aborted).toBe(true);
      expect(r.store.getState().ui.modals).toEqual([]);
      // The next action starts cleanly.
      await press(r.stdin, ':');
      await type(r.stdin, 'restart matrix/sol');
      await press(r.stdin, KEY.enter);
      if (tier === 'change') await waitUntil(() => frame(r).includes('[y/N]'));
    });
  }
});

describe('b. keys typed before the confirmation is drawn', () => {
  it('a y at any delay from 0 to 100 ms after Enter never runs the action before its prompt was drawn (+ guard)', async () => {
    for (let delay = 0; delay <= 100; delay += 10) {
      const r = mount();
      let promptAt = 0;
      const write = r.stdout.write;
      r.stdout.write = (f: string) => {
        if (!promptAt && f.includes('[y/N]')) promptAt = performance.now();
        write(f);
      };
      let ranAt = 0;
      r.run.mockImplementation(async () => {
        ranAt = performance.now();
        return { ok: true, message: 'done' };
      });
      await press(r.stdin, ':', 'restart matrix/sol');
      await waitUntil(() => frame(r).includes(':restart matrix/sol█'));
      r.stdin.write(KEY.enter);
      // Truly time passing: the delay between Enter and y is what this test varies (0 to 100 ms of type-ahead).
      await new Promise((res) => setTimeout(res, delay));
      r.stdin.write('y');
      // The y has been handled: it ran the action, or it was dropped with the typed-ahead hint.
      await waitUntil(() => r.run.mock.calls.length > 0 || r.store.getState().flow.early !== undefined, 5000, `the y at ${delay} ms`);
      if (r.run.mock.calls.length) {
        expect(promptAt, `delay ${delay} ms: ran before the prompt was drawn`).toBeGreaterThan(0);
        expect(ranAt - promptAt, `delay ${delay} ms: ran within the guard`).toBeGreaterThanOrEqual(150);
      }
      r.unmount();
    }
  });

  it('drops a y typed ahead with a hint; a y after the dialog was shown runs it', async () => {
    const r = mount();
    await press(r.stdin, ':');
    await type(r.stdin, 'restart matrix/sol');
    r.stdin.write(KEY.enter);
    r.stdin.write('y');
    await waitUntil(() => frame(r).includes('[y/N]'));
    await waitUntil(() => frame(r).includes('press y again'));
    expect(frame(r)).toContain('typed before the question was shown; press y again');
    expect(r.run).not.toHaveBeenCalled();
    await waitUntil(() => r.store.getState().flow.armed, 5000, 'the question armed');
    await press(r.stdin, 'y');
    await waitUntil(() => frame(r).includes('Succeeded'));
    expect(r.run).toHaveBeenCalledTimes(1);
  });
});

describe('c. R on a pod', () => {
  it('restarts the owner the source resolved, even when another workload selects the pod too', async () => {
    const r = mount();
    const a = r.store.getState().actions;
    const sol = pod('matrix', 'sol-5f7d9c8b6-abcde', { ownerKind: 'Deployment', ownerName: 'sol', labels: { app: 'matrix' } });
    // Listed first, and its selector matches the pod's labels: a selector search finds it before sol.
    const synapse = { ...workload('Deployment', 'matrix', 'synapse', 1, 1), selector: { app: 'matrix' } };
    a.applyKube([
      { collection: 'workloads', replace: true, upsert: [synapse, { ...workload('Deployment', 'matrix', 'sol', 1, 1), selector: { app: 'matrix', component: 'sol' } }] },
      { collection: 'pods', upsert: [sol] },
    ]);
    a.pushView({ view: 'pod', target: sol.key });
    await waitUntil(() => frame(r).includes('Pod matrix/sol-5f7d9c8b6-abcde'));
    await press(r.stdin, 'R');
    await waitUntil(() => r.restart.mock.calls.length > 0);
    expect(r.restart.mock.calls[0]![1]).toBe('matrix/sol');
  });
});
