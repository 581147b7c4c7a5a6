// One ConsoleOps per store. The store's actions object lives as long as the store, so it keys the registry:
// the key dispatcher, the command line (which sees only state and actions) and the modals all find it.
import type { State } from '../store/index.js';
import type { ConsoleOps } from './console-ops.js';

const REGISTRY = new WeakMap<object, ConsoleOps>();

export function attachOps(state: Pick<State, 'actions'>, ops: ConsoleOps): void {
  REGISTRY.set(state.actions, ops);
}

export function opsOf(state: Pick<State, 'actions'>): ConsoleOps | undefined {
  return REGISTRY.get(state.actions);
}
