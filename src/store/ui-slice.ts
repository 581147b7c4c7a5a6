// The navigation slice (`ui`): which rung, the drill-down stack, the pane filter, the command line, the
// namespace filter, cursors and sort columns per view, the one-line flash message and read-only mode. The
// dialog stack shares the `ui` object (ui.modals) but its actions are the dialogs slice's.
import type { ReadOnlyCause } from '../config/index.js';
import type { DialogSpec } from './dialogs-slice.js';
import type { GetState, SetState } from './slice.js';

export type RungId = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface ViewFrame {
  /** 'status', 'check', 'workload', 'pod', ... */
  view: string;
  /** The record key the view is about (a workload or pod key), if any. */
  target?: string;
}

export interface Flash {
  text: string;
  level: 'info' | 'warn' | 'error';
  at: number;
}

export interface UiSlice {
  ui: {
    rung: RungId;
    /** The rung shown before this one (Esc in the Logs pane, whose digits pick time windows, goes back to it). */
    prevRung?: RungId;
    /** Drill-down stack within the rung; Esc pops. Empty means the rung's own pane. */
    stack: ViewFrame[];
    /** The dialog stack (see dialogs-slice.ts). */
    modals: DialogSpec[];
    /** The pane filter (a regex source); '' when none. */
    filter: string;
    filterEditing: boolean;
    command: { open: boolean; text: string };
    flash?: Flash;
    /** Namespace filter for the panes; undefined means all namespaces. */
    namespace?: string;
    /** Cursor row per view name. */
    cursor: Record<string, number>;
    /** Sort column per view name (a column id such as 'name', 'status', 'restarts', 'age', reversed with a leading '-'); absent = the view's default. */
    sort: Record<string, string>;
    /** The Status pane's namespace groups folded to their header row (Enter on the header folds and unfolds). */
    folded: string[];
    readOnly: boolean;
    /** What made the console read-only (the flag, the environment, the config file), for the refusal sentence. */
    readOnlyCause?: readonly ReadOnlyCause[];
    /** Under --demo: the file with the simulated OpenBao's five unseal key shares (the Vault pane says where). */
    demoUnsealKeys?: string;
  };
}

export function emptyUi(readOnly = false, readOnlyCause?: readonly ReadOnlyCause[]): UiSlice['ui'] {
  return { rung: 1, stack: [], modals: [], filter: '', filterEditing: false, command: { open: false, text: '' }, cursor: {}, sort: {}, folded: [], readOnly, ...(readOnlyCause ? { readOnlyCause } : {}) };
}

export interface UiActions {
  setRung(rung: RungId): void;
  pushView(frame: ViewFrame): void;
  popView(): void;
  setFilter(filter: string, editing?: boolean): void;
  setCommand(open: boolean, text?: string): void;
  flash(text: string, level?: Flash['level']): void;
  setNamespace(ns: string | undefined): void;
  setCursor(view: string, row: number): void;
  setSort(view: string, column: string): void;
  /** Folds the group when `fold` is true, unfolds it when false, else toggles it. */
  setFolded(group: string, fold?: boolean): void;
  setDemoUnsealKeys(path: string): void;
  clearFlash(): void;
}

export function uiActions(set: SetState<UiSlice>, get: GetState<UiSlice>, now: () => number): UiActions {
  return {
    setRung(rung) {
      const ui = get().ui;
      if (ui.rung === rung && ui.stack.length === 0) return;
      set({ ui: { ...ui, rung, ...(ui.rung !== rung ? { prevRung: ui.rung } : {}), stack: [], filter: '', filterEditing: false } });
    },
    pushView(frame) {
      const ui = get().ui;
      set({ ui: { ...ui, stack: [...ui.stack, frame], filter: '', filterEditing: false } });
    },
    popView() {
      const ui = get().ui;
      if (ui.stack.length === 0) return;
      set({ ui: { ...ui, stack: ui.stack.slice(0, -1) } });
    },
    setFilter(filter, editing = false) {
      set({ ui: { ...get().ui, filter, filterEditing: editing } });
    },
    setCommand(open, text = '') {
      set({ ui: { ...get().ui, command: { open, text } } });
    },
    flash(text, level = 'info') {
      set({ ui: { ...get().ui, flash: { text, level, at: now() } } });
    },
    setNamespace(namespace) {
      set({ ui: { ...get().ui, namespace } });
    },
    setCursor(view, row) {
      const ui = get().ui;
      if (ui.cursor[view] === row) return;
      set({ ui: { ...ui, cursor: { ...ui.cursor, [view]: row } } });
    },
    setSort(view, column) {
      const ui = get().ui;
      if (ui.sort[view] === column) return;
      set({ ui: { ...ui, sort: { ...ui.sort, [view]: column } } });
    },
    setDemoUnsealKeys(path) {
      set({ ui: { ...get().ui, demoUnsealKeys: path } });
    },
    setFolded(group, fold) {
      const ui = get().ui;
      const has = ui.folded.includes(group);
      const want = fold ?? !has;
      if (want === has) return;
      set({ ui: { ...ui, folded: want ? [...ui.folded, group] : ui.folded.filter((g) => g !== group) } });
    },
    clearFlash() {
      const ui = get().ui;
      if (!ui.flash) return;
      set({ ui: { ...ui, flash: undefined } });
    },
  };
}
