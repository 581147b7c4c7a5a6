// The ladder, evaluated outside React (src/ladder/memo.ts) on every change of a store slice it reads and on the
// 10-s tick, and shared by every component through a context: never evaluated per render.
import { createContext, createElement, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createLadderMemo, LADDER_READS, type EvaluateLadder } from '../src/ladder/index.js';
import type { LadderResult } from '../src/ladder/types.js';
import { useAppStoreApi } from './useAppStore.js';
import { useTick } from './useTick.js';

export type { EvaluateLadder } from '../src/ladder/index.js';

const LadderContext = createContext<LadderResult | null>(null);

/**
 * Evaluates the ladder outside React: on each store change that touches a slice the ladder reads (its rules
 * and rungs declare them), and on the 10-s tick. The memo hands back the same result while nothing it reads
 * changed, or when the new result equals the last one, so an unchanged ladder costs no React commit (and so
 * no Ink frame).
 */
export function LadderProvider({ evaluate, children }: { evaluate: EvaluateLadder; children?: ReactNode }) {
  const store = useAppStoreApi();
  const tick = useTick(10_000);
  const memo = useMemo(() => createLadderMemo(evaluate, LADDER_READS), [evaluate]);
  const [result, setResult] = useState<LadderResult>(() => memo.get(store.getState(), tick));
  const shown = useRef(result);
  useEffect(() => {
    // Only a new result is handed to React (a same-value setState can still cost a render).
    const update = (next: LadderResult) => {
      if (next === shown.current) return;
      shown.current = next;
      setResult(next);
    };
    update(memo.get(store.getState(), tick));
    return store.subscribe((s) => update(memo.get(s, tick)));
  }, [store, memo, tick]);
  return createElement(LadderContext.Provider, { value: result }, children);
}

export function useLadder(): LadderResult {
  const ladder = useContext(LadderContext);
  if (!ladder) throw new Error('useLadder needs a LadderProvider above it.');
  return ladder;
}
