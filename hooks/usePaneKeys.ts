// The focused pane registers its handler for the list actions (move, page, enter); the key dispatcher calls it.
import { createContext, createElement, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { KeyAction } from '../src/keymap/index.js';
import type { AppStore } from '../src/store/index.js';

export type PaneHandler = (action: KeyAction) => void;
type HandlerRef = { current: PaneHandler | null };

const PaneKeysContext = createContext<HandlerRef>({ current: null });

export function PaneKeysProvider({ handlerRef, children }: { handlerRef: HandlerRef; children?: ReactNode }) {
  return createElement(PaneKeysContext.Provider, { value: handlerRef }, children);
}

export function usePaneHandlerRef(): HandlerRef {
  return useRef<PaneHandler | null>(null);
}

/**
 * Registers `handler` while `active`; the latest handler is always the one called. The registration happens
 * during render, so a key handled right after a view change reaches the new view's pane.
 */
export function usePaneKeys(handler: PaneHandler, active = true): void {
  const ref = useContext(PaneKeysContext);
  const latest = useRef(handler);
  latest.current = handler;
  const call = useRef<PaneHandler>((a) => latest.current(a)).current;
  if (active) ref.current = call;
  useEffect(() => {
    if (active) ref.current = call;
    return () => {
      if (ref.current === call) ref.current = null;
    };
  }, [ref, call, active]);
}

/** The next cursor row for a movement action over `count` rows with `page` rows per page. */
export function moveCursor(action: KeyAction, cursor: number, count: number, page: number): number | undefined {
  const last = Math.max(0, count - 1);
  const p = Math.max(1, page);
  switch (action) {
    case 'up':
      return Math.max(0, cursor - 1);
    case 'down':
      return Math.min(last, cursor + 1);
    case 'page-up':
      return Math.max(0, cursor - p);
    case 'page-down':
      return Math.min(last, cursor + p);
    case 'top':
      return 0;
    case 'bottom':
      return last;
    default:
      return undefined;
  }
}

/** The cursor of a view as the store has it now (handlers may run several times before the next render). */
export function latestCursor(store: AppStore, view: string): number {
  return store.getState().ui.cursor[view] ?? 0;
}
