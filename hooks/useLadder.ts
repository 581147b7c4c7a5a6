// The ladder, evaluated once per change of the store's kube (or sources) reference and of the 10-s tick, and
// shared by every component through a context: never evaluated per render.
import { createContext, createElement, useContext, useMemo, useRef, type ReactNode } from 'react';
import type { LadderResult } from '../src/ladder/types.js';
import type { State } from '../src/store/index.js';
import { useAppStore, useAppStoreApi } from './useAppStore.js';
import { useTick } from './useTick.js';

export type EvaluateLadder = (state: State, now: number) => LadderResult;

const LadderContext = createContext<LadderResult | null>(null);

/** The sources' states as one string: the ladder changes with a state, not with every successful read. */
const sourceStates = (s: State) =>
  Object.entries(s.sources)
    .map(([name, h]) => `${name}:${h.state}`)
    .join(',');

export function LadderProvider({ evaluate, children }: { evaluate: EvaluateLadder; children?: ReactNode }) {
  const store = useAppStoreApi();
  const kube = useAppStore((s) => s.kube);
  const sources = useAppStore(sourceStates);
  const tick = useTick(10_000);
  const last = useRef<{ json: string; result: LadderResult } | null>(null);
  const result = useMemo(() => {
    const next = evaluate(store.getState(), tick);
    // Keep the previous object when nothing changed, so that what reads the ladder does not re-render.
    const json = JSON.stringify(next);
    if (last.current?.json === json) return last.current.result;
    last.current = { json, result: next };
    return next;
  }, [evaluate, store, kube, sources, tick]);
  return createElement(LadderContext.Provider, { value: result }, children);
}

export function useLadder(): LadderResult {
  const ladder = useContext(LadderContext);
  if (!ladder) throw new Error('useLadder needs a LadderProvider above it.');
  return ladder;
}
