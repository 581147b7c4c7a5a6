// The ladder, evaluated outside React on store changes (kube slice, source states) and on the 10-s tick, and
// shared by every component through a context: never evaluated per render.
import { createContext, createElement, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { LadderResult } from '../src/ladder/types.js';
import type { State } from '../src/store/index.js';
import { useAppStoreApi } from './useAppStore.js';
import { useTick } from './useTick.js';

export type EvaluateLadder = (state: State, now: number) => LadderResult;

const LadderContext = createContext<LadderResult | null>(null);

/**
 * Evaluates the ladder outside React: on each store change that touches the kube slice or a source's state,
 * and on the 10-s tick. A new result that equals the last one is dropped, so an unchanged ladder costs no
 * React commit (and so no Ink frame).
 */
export function LadderProvider({ evaluate, children }: { evaluate: EvaluateLadder; children?: ReactNode }) {
  const store = useAppStoreApi();
  const tick = useTick(10_000);
  const last = useRef<{ json: string; result: LadderResult } | null>(null);
  const compute = (): LadderResult => {
    const next = evaluate(store.getState(), tick);
    const json = JSON.stringify(next);
    if (last.current?.json === json) return last.current.result;
    last.current = { json, result: next };
    return next;
  };
  const [result, setResult] = useState<LadderResult>(compute);
  useEffect(() => {
    setResult(compute());
    let kube = store.getState().kube;
    let sources = sourceStates(store.getState());
    return store.subscribe((s) => {
      const nextSources = sourceStates(s);
      if (s.kube === kube && nextSources === sources) return;
      kube = s.kube;
      sources = nextSources;
      setResult(compute());
    });
    // compute reads the latest tick through its closure; re-subscribe when the tick or evaluate changes.
  }, [store, evaluate, tick]);
  return createElement(LadderContext.Provider, { value: result }, children);
}

/** The sources' states as one string: the ladder changes with a state, not with every successful read. */
function sourceStates(s: State): string {
  return Object.entries(s.sources)
    .map(([name, h]) => `${name}:${h.state}`)
    .join(',');
}

export function useLadder(): LadderResult {
  const ladder = useContext(LadderContext);
  if (!ladder) throw new Error('useLadder needs a LadderProvider above it.');
  return ladder;
}
