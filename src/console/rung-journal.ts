// Journals the ladder's rung changes (rungs going red or green), installed by the composition root as a
// store subscriber: the ladder is evaluated when a slice it reads changes (every slice of LADDER_READS, the
// ones its rules and rungs declare: kube, sources, later vault...; the ladder memo keys on the same), at most
// once per COALESCE_MS (the screen evaluates it too; the journal needs no finer time), and on a 10-s tick;
// each change of verdicts is written once. A change to anything else (the cursor, a dialog) evaluates
// nothing. Nothing is journaled before the first sync of the pods and workloads (an empty store is not a Box
// going red).
import type { Journal } from '../journal/journal.js';
import { LADDER_READS } from '../ladder/index.js';
import type { LadderResult } from '../ladder/types.js';
import type { AppStore, State } from '../store/index.js';
import type { EvaluateLadder } from './types.js';

/** The identities of the slices the ladder reads: equal keys, same ladder (but for the time). */
const readKeys = (s: State): unknown[] => LADDER_READS.map((slice) => s[slice]);
const sameKeys = (a: unknown[] | undefined, b: unknown[]) => a !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);

/** Store changes within this many ms are journaled by one evaluation. */
const COALESCE_MS = 250;

const verdicts = (r: LadderResult | undefined) => JSON.stringify(r?.rungs.map((x) => [x.id, x.verdict]));

/** Subscribes; returns the unsubscribe (which also stops the tick). */
export function journalRungChanges(store: AppStore, journal: Journal, evaluate: EvaluateLadder, opts: { now?: () => number; tickMs?: number } = {}): () => void {
  const now = opts.now ?? Date.now;
  let last: LadderResult | undefined;
  let keys: unknown[] | undefined;
  const check = (force: boolean) => {
    const s = store.getState();
    if (!s.kube.synced.pods || !s.kube.synced.workloads) return;
    const next = readKeys(s);
    if (!force && sameKeys(keys, next)) return;
    keys = next;
    const result = evaluate(s, now());
    if (last && verdicts(last) === verdicts(result)) return;
    try {
      const written = journal.recordRungChange(last, result);
      if (written.length) s.actions.journalWritten();
    } catch (err) {
      s.actions.flash(`The journal could not be written: ${(err as Error).message.split('\n')[0]}`, 'error');
    }
    last = result;
  };
  check(true);
  let pending: NodeJS.Timeout | undefined;
  const unsubscribe = store.subscribe(() => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      check(false);
    }, COALESCE_MS);
    pending.unref?.();
  });
  const tick = setInterval(() => check(true), opts.tickMs ?? 10_000);
  tick.unref?.();
  return () => {
    unsubscribe();
    clearTimeout(pending);
    clearInterval(tick);
  };
}
