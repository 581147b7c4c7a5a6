// The dialogs slice: the stack of open dialogs (the top one gets the keys first; Esc closes it), each a kind
// with its own typed props. The stack lives at `ui.modals`, where screens and tests read it; this file owns
// its types and actions. A new dialog kind is one line in DialogProps (plus its entry in the dialog registry,
// screens/modals/registry.ts, and its keys in the keymap's dialog scopes).

/** A row the runbook picker offers. */
export interface PickerItem {
  id: string;
  title: string;
  tier: 'read' | 'change' | 'destructive' | 'secret';
}

/** What a dialog is about (a workload, a certificate...), as plain data. */
export interface DialogTarget {
  kind: string;
  namespace: string;
  name: string;
}

/** Each dialog kind and its props: serialisable, never a secret. */
export interface DialogProps {
  /** total is the wrapped lines the overlay last drew (written after drawing), which its keys scroll over. */
  help: { view?: string; total?: number };
  /** The action dialog: its state is the flow slice (see flow-slice.ts). */
  action: Record<string, never>;
  picker: { items: PickerItem[]; title: string; filter: string; cursor: number; selection?: DialogTarget };
  /** offset -1 follows the newest entries; room is the rows the dialog last had (written after it is drawn). */
  timeline: { offset: number; room?: number };
  note: { text: string };
  emergency: { cursor: number };
  certs: { cursor: number };
  /** Text shown in full, wrapped to the dialog; room and total are what it last drew (written after drawing). */
  'full-text': { title: string; lines: string[]; offset: number; room?: number; total?: number };
}

export type DialogKind = keyof DialogProps;

export type DialogSpec<K extends DialogKind = DialogKind> = {
  [P in K]: {
    /** Unique per open dialog. */
    id: string;
    kind: P;
    props: DialogProps[P];
  };
}[K];

/** The older name, kept for the screens that render a dialog. */
export type ModalSpec<K extends DialogKind = DialogKind> = DialogSpec<K>;

export interface DialogsActions {
  /** Opens a dialog on top (one of the same id is replaced). */
  openModal(modal: DialogSpec): void;
  /** Closes the dialog of this id, or the top one. */
  closeModal(id?: string): void;
  /** Merges props into the open dialog of this id (nothing when it is not open). */
  setDialogProps<K extends DialogKind>(id: string, kind: K, props: Partial<DialogProps[K]>): void;
}

/** Over any `ui` object that holds the stack (the navigation slice's), so that the rest of it is kept. */
export function dialogsActions<U extends { modals: DialogSpec[] }>(set: (p: { ui: U }) => void, get: () => { ui: U }): DialogsActions {
  return {
    openModal(modal) {
      const ui = get().ui;
      set({ ui: { ...ui, modals: [...ui.modals.filter((m) => m.id !== modal.id), modal] } });
    },
    closeModal(id) {
      const ui = get().ui;
      if (ui.modals.length === 0) return;
      const modals = id ? ui.modals.filter((m) => m.id !== id) : ui.modals.slice(0, -1);
      set({ ui: { ...ui, modals } });
    },
    setDialogProps(id, kind, props) {
      const ui = get().ui;
      const i = ui.modals.findIndex((m) => m.id === id && m.kind === kind);
      if (i < 0) return;
      const cur = ui.modals[i]!;
      const changed = Object.entries(props).some(([k, v]) => (cur.props as Record<string, unknown>)[k] !== v);
      if (!changed) return;
      const modals = [...ui.modals];
      modals[i] = { ...cur, props: { ...cur.props, ...props } } as DialogSpec;
      set({ ui: { ...ui, modals } });
    },
  };
}
