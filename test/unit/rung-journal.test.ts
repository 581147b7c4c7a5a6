// The rung journal follows every slice the ladder reads (LADDER_READS), not only the kube slice and the
// sources' states: a change in any of them is journaled within the coalescing window, not at the next 10-s
// tick; a change to the UI alone evaluates nothing; nothing is journaled before the pods' first sync.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Journal } from '../../src/journal/journal.js';
import { journalRungChanges } from '../../src/console/rung-journal.js';
import type { LadderResult, Verdict } from '../../src/ladder/types.js';
import { createAppStore, type State } from '../../src/store/index.js';

/** A ladder whose Vault rung follows the openbao source's detail (a stand-in for a future vault slice's unseal progress). */
function fakeLadder(s: State): LadderResult {
  const detail = s.sources.openbao?.detail ?? '';
  const verdict: Verdict = detail === '2/3' ? 'warn' : 'unknown';
  return { rungs: [{ id: 4, title: 'Vault', question: '', command: '', verdict, summary: detail }], findings: [], overall: verdict };
}

function setup() {
  const store = createAppStore();
  const evaluate = vi.fn(fakeLadder);
  const recordRungChange = vi.fn(() => [{}]);
  const journal = { recordRungChange } as unknown as Journal;
  // The tick is an hour: whatever is journaled below was caught by the subscriber, not the tick.
  const stop = journalRungChanges(store, journal, evaluate, { tickMs: 3_600_000 });
  return { store, evaluate, recordRungChange, stop };
}

describe('journalRungChanges', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('journals a change of any slice the ladder reads within the coalescing window', () => {
    const { store, evaluate, recordRungChange, stop } = setup();
    const a = store.getState().actions;
    a.setSource('openbao', { state: 'ok', detail: '1/3' });
    vi.advanceTimersByTime(300);
    // Not before the first sync of the pods and workloads.
    expect(evaluate).not.toHaveBeenCalled();
    a.markSynced('pods');
    a.markSynced('workloads');
    vi.advanceTimersByTime(300);
    expect(recordRungChange).toHaveBeenCalledTimes(1);
    // Same source state ('ok'), same kube slice: only the read slice's content changed.
    a.setSource('openbao', { state: 'ok', detail: '2/3' });
    vi.advanceTimersByTime(300);
    expect(recordRungChange).toHaveBeenCalledTimes(2);
    expect(evaluate.mock.results.at(-1)?.value.rungs[0].verdict).toBe('warn');
    stop();
  });

  it('a change to the UI alone evaluates nothing', () => {
    const { store, evaluate, stop } = setup();
    const a = store.getState().actions;
    a.markSynced('pods');
    a.markSynced('workloads');
    vi.advanceTimersByTime(300);
    const calls = evaluate.mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    a.setRung(5);
    a.flash('hello');
    vi.advanceTimersByTime(300);
    expect(evaluate).toHaveBeenCalledTimes(calls);
    stop();
  });
});
