// Binds the one vanilla store to React: a context for the store and a selector hook (wrap selectors that build
// objects or arrays in useShallow, or select primitives).
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppStore, State } from '../src/store/index.js';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children?: ReactNode }) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a StoreProvider above it.');
  return store;
}

export function useAppStore<T>(selector: (s: State) => T): T {
  return useStore(useAppStoreApi(), selector);
}
