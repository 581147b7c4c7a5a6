// The console's ConsoleOps for the modals, and a re-render whenever its flow, journal or input changes.
import { useSyncExternalStore } from 'react';
import type { ConsoleOps } from '../src/ops/console-ops.js';
import { opsOf } from '../src/ops/ops-registry.js';
import { useAppStoreApi } from './useAppStore.js';

export function useOps(): ConsoleOps | undefined {
  const store = useAppStoreApi();
  const ops = opsOf(store.getState());
  useSyncExternalStore(ops?.subscribe ?? noopSubscribe, ops?.getVersion ?? zero);
  return ops;
}

const noopSubscribe = () => () => {};
const zero = () => 0;
