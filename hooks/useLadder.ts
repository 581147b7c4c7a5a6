// The ladder, evaluated once per change of the store's kube (or sources) reference and of the 10-s tick, and
// shared by every component through a context: never evaluated per render.
import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import type { LadderResult } from '../src/ladder/types.js';
import type { State } from '../src/store/index.js';
import { useAppStore, useAppStoreApi } from './useAppStore.js';
import { useTick } from './useTick.js';

export type EvaluateLadder = (state: State, now: number) => LadderResult;

const LadderContext = createContext<LadderResult | null>(null);

export function LadderProvider({ evaluate, children }: { evaluate: EvaluateLadder; children?: ReactNode }) {
  const store = useAppStoreApi();
  const kube = useAppStore((s) => s.kube);
  const sources = useAppStore((s) => s.sources);
  const tick = useTick(10_000);
  const result = useMemo(() => evaluate(store.getState(), tick), [evaluate, store, kube, sources, tick]);
  return createElement(LadderContext.Provider, { value: result }, children);
}

export function useLadder(): LadderResult {
  const ladder = useContext(LadderContext);
  if (!ladder) throw new Error('useLadder needs a LadderProvider above it.');
  return ladder;
}
