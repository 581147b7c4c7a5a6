// The console's UI state: which rung, the drill-down stack, the modal stack (the top modal gets keys first),
// the pane filter, the command line and the one-line flash message.

export type RungId = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface ModalSpec {
  /** Unique per open modal. */
  id: string;
  /** 'help', 'confirm', 'typed-confirm', 'secret', 'picker', 'timeline', 'emergency', ... */
  kind: string;
  /** Whatever the modal's screen needs; serialisable, never a secret. */
  props?: Record<string, unknown>;
}

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
    /** Drill-down stack within the rung; Esc pops. Empty means the rung's own pane. */
    stack: ViewFrame[];
    modals: ModalSpec[];
    /** The pane filter (a regex source); '' when none. */
    filter: string;
    filterEditing: boolean;
    command: { open: boolean; text: string };
    flash?: Flash;
    /** Namespace filter for the panes; undefined means all namespaces. */
    namespace?: string;
    /** Cursor row per view name. */
    cursor: Record<string, number>;
    /** Sort column per view name (a column id such as 'name', 'status', 'restarts', 'age'); absent = the view's default. */
    sort: Record<string, string>;
    readOnly: boolean;
  };
}

export function emptyUi(readOnly = false): UiSlice['ui'] {
  return { rung: 1, stack: [], modals: [], filter: '', filterEditing: false, command: { open: false, text: '' }, cursor: {}, sort: {}, readOnly };
}
