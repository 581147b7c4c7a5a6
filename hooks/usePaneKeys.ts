// The focused pane registers its handler for the list actions (move, page, enter); the key dispatcher calls it.
// Also the list cursor, which stays on its row while the rows change under it.
import { createContext, createElement, useContext, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { isCursorMove, type KeyAction } from '../src/keymap/index.js';
import type { AppStore } from '../src/store/index.js';
import { cursorAfter } from '../src/views/cursor.js';
import { useAppStore, useAppStoreApi } from './useAppStore.js';

export type PaneHandler = (action: KeyAction) => void;
type HandlerRef = { current: PaneHandler | null };

const PaneKeysContext = createContext<HandlerRef>({ current: null });

export function PaneKeysProvider({ handlerRef, children }: { handlerRef: HandlerRef; children?: ReactNode }) {
  return createElement(PaneKeysContext.Provider, { value: handlerRef }, children);
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
  return isCursorMove(action) ? cursorAfter(action, cursor, count, page) : undefined;
}

/**
 * The cursor row of a list whose rows change under it, kept on the same row. The store holds the cursor as
 * an index: the keys move it by index, and r, R and the side pane read the row at that index. Rows that
 * appear or go above the cursor would leave the index on another object: the pods list syncs before the
 * workloads list, so a pod is first listed alone and then under its StatefulSet, one row lower; a new finding
 * sorts above the selected one. Enter or R would then act on a row the user never chose. (This is the "G
 * not acted on" of the e2e drill-down: G put the cursor on barman-0, then sts/barman arrived above it and the
 * cursor was on sts/barman.) So the row under the cursor is remembered by id; when the rows change and that
 * row is now at another index, the cursor follows it in the same render, and the store is brought in line in
 * the same commit (a layout effect), before any later key is handled. A key that moves the cursor wins.
 */
export function useRowCursor(view: string, ids: readonly string[], active = true): number {
  const store = useAppStoreApi();
  const raw = useAppStore((s) => s.ui.cursor[view] ?? 0);
  const seen = useRef<{ raw: number; id?: string }>({ raw });
  const clamped = Math.min(raw, Math.max(0, ids.length - 1));
  let cursor = clamped;
  const anchor = seen.current.id;
  if (active && seen.current.raw === raw && anchor !== undefined && ids[clamped] !== anchor) {
    const moved = ids.indexOf(anchor);
    if (moved >= 0) cursor = moved;
  }
  useLayoutEffect(() => {
    if (!active) return;
    // Past the last row the store keeps the index as it was (the panes clamp it); only a followed row moves it.
    const next = cursor === clamped ? raw : cursor;
    seen.current = { raw: next, id: ids[cursor] };
    if (next !== raw) store.getState().actions.setCursor(view, next);
  });
  return cursor;
}

/** The cursor of a view as the store has it now (handlers may run several times before the next render). */
export function latestCursor(store: AppStore, view: string): number {
  return store.getState().ui.cursor[view] ?? 0;
}
