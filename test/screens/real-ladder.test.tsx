// The screens with the real ladder (src/ladder) over hand-made records of the postgres-down drill.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { evaluateLadder } from '../../src/ladder/index.js';
import { boxStore } from './fixtures.js';
import { waitFor } from '../helpers/wait-for.js';
import { press, settle } from './helpers.js';

afterEach(() => cleanup());

describe('console with the real ladder', () => {
  it('shows the database as the root cause and the crash-looping app as blocked by it', async () => {
    const store = boxStore();
    const r = render(<Console store={store} evaluate={evaluateLadder} quit={vi.fn()} size={{ columns: 120, rows: 30 }} />);
    await settle();
    expect(r.lastFrame()).toMatch(/FAILING │ root cause: data\/postgres/);
    await press(r.stdin, '2');
    const f = r.lastFrame() ?? '';
    expect(f).toContain('★ ROOT CAUSE data/postgres');
    expect(f).toMatch(/messages\/messages.*crash-looping/);
    expect(f).toContain('↳ blocked by data/postgres');
  });

  it('shows a change of any slice the ladder reads at once, and evaluates nothing for a UI change', async () => {
    const store = boxStore();
    const evaluate = vi.fn(evaluateLadder);
    const r = render(<Console store={store} evaluate={evaluate} quit={vi.fn()} size={{ columns: 120, rows: 30 }} />);
    await settle();
    const a = store.getState().actions;
    const statusSummary = () => (evaluate.mock.results.at(-1)?.value as ReturnType<typeof evaluateLadder> | undefined)?.rungs[0]!.summary ?? '';
    // The API went away half an hour ago: the Status rung says how old its data is...
    a.setSource('kubernetes', { state: 'unreachable', lastSuccess: Date.now() - 30 * 60_000, lastError: 'unreachable' });
    await until(() => /^API unreachable \(data (29|30)m old\)$/.test(statusSummary()));
    await until(() => (r.lastFrame() ?? '').includes('API unreachable (dat'));
    // ...and when only the last success moves (the source's state stays 'unreachable'), the rung follows at
    // once (in the store's own notification, synchronously), not on the next 10-s tick.
    a.setSource('kubernetes', { state: 'unreachable', lastSuccess: Date.now() - 90 * 60_000, lastError: 'unreachable' });
    expect(statusSummary()).toMatch(/^API unreachable \(data (89|90)m old\)$/);
    // Moving the cursor and opening the help read no slice the ladder reads: no evaluation.
    const before = evaluate.mock.calls.length;
    a.setCursor('status', 2);
    a.setNamespace('data');
    await settle();
    expect(evaluate.mock.calls.length).toBe(before);
  });
});

/** Settles the event loop until `test` holds (a few seconds at most). */
const until = (test: () => boolean, ms = 5_000) =>
  waitFor(
    async () => {
      await settle();
      return test();
    },
    { timeoutMs: ms, intervalMs: 10, message: 'the ladder condition' },
  );
