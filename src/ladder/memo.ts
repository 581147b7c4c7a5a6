// The ladder evaluated outside React, once per change of what it reads: keyed by the identity of the store
// slices its rules and rungs read (state.kube, state.sources, later state.vault...) and the tick, so a change to
// any of them (a vault slice going from 1/3 to 2/3 unseal progress) re-evaluates at once, and a change to
// anything else (the cursor, a dialog) costs two comparisons. A result equal to the last one is dropped: the
// caller gets the same object back, so an unchanged ladder costs no React commit and no Ink frame.
import type { LadderResult, LadderSlice, LadderState } from './types.js';

export type EvaluateLadder = (state: LadderState, now: number) => LadderResult;

interface LadderMemo {
  /** The ladder for this state and time: the last result while nothing it reads changed. */
  get(state: LadderState, now: number): LadderResult;
}

export function createLadderMemo(evaluate: EvaluateLadder, reads: readonly LadderSlice[]): LadderMemo {
  let keys: unknown[] | undefined;
  let at: number | undefined;
  let last: { json: string; result: LadderResult } | undefined;
  return {
    get(state, now) {
      const next = reads.map((slice) => state[slice]);
      if (last && keys && at === now && next.every((v, i) => v === keys![i])) return last.result;
      keys = next;
      at = now;
      const result = evaluate(state, now);
      const json = JSON.stringify(result);
      if (last?.json === json) return last.result;
      last = { json, result };
      return result;
    },
  };
}
