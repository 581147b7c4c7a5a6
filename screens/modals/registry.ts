// The dialog registry: kind -> component, the keymap scope of its key line, its key handler (in src/console,
// so it runs without React) and the `:` commands that open it. The top dialog of the store's stack gets the
// keys first (the key dispatcher has routeDialogKey injected by App); Esc closes it. A new dialog is: its
// props in src/store/dialogs-slice.ts (DialogProps), its key scope and bindings in src/keymap/keymap.ts,
// its handler in src/console/dialog-keys.ts (DIALOG_KEYS), its component here, and one entry below.
import type { ComponentType } from 'react';
import { DIALOG_KEYS, dialogKey, type DialogKeyHandler } from '../../src/console/dialog-keys.js';
import type { ConsoleContext } from '../../src/console/types.js';
import type { DialogScope } from '../../src/keymap/index.js';
import type { AppStore, DialogKind, DialogSpec } from '../../src/store/index.js';
import { ActionModal } from './ActionModal.js';
import { CertsModal } from './CertsModal.js';
import { EmergencyModal } from './EmergencyModal.js';
import { FullTextModal } from './FullTextModal.js';
import { HelpModal } from './HelpModal.js';
import { NoteModal } from './NoteModal.js';
import { PickerModal } from './PickerModal.js';
import { TimelineModal } from './TimelineModal.js';

export interface DialogComponentProps<K extends DialogKind> {
  modal: DialogSpec<K>;
  width: number;
  height: number;
}

export interface DialogEntry<K extends DialogKind> {
  Component: ComponentType<DialogComponentProps<K>>;
  /** The keymap scope of its key line; 'by-step' for the action dialog (see actionDialogScope). */
  scope: DialogScope | 'help' | 'by-step';
  onKey: DialogKeyHandler<K>;
  /** The `:` commands that open it (the keys that do are in the keymap). */
  commands: string[];
}

export const DIALOGS: { [K in DialogKind]: DialogEntry<K> } = {
  help: { Component: HelpModal, scope: 'help', onKey: DIALOG_KEYS.help, commands: ['help'] },
  action: { Component: ActionModal, scope: 'by-step', onKey: DIALOG_KEYS.action, commands: ['restart', 'backup', 'pitr', 'renew', 'acme', 'runbook'] },
  picker: { Component: PickerModal, scope: 'picker', onKey: DIALOG_KEYS.picker, commands: ['runbook'] },
  timeline: { Component: TimelineModal, scope: 'timeline', onKey: DIALOG_KEYS.timeline, commands: ['timeline'] },
  note: { Component: NoteModal, scope: 'note', onKey: DIALOG_KEYS.note, commands: ['note'] },
  emergency: { Component: EmergencyModal, scope: 'emergency', onKey: DIALOG_KEYS.emergency, commands: ['emergency'] },
  certs: { Component: CertsModal, scope: 'certs', onKey: DIALOG_KEYS.certs, commands: ['certs'] },
  'full-text': { Component: FullTextModal, scope: 'full-text', onKey: DIALOG_KEYS['full-text'], commands: [] },
};

/** The component of a dialog spec, typed by its kind. */
export function dialogComponent<K extends DialogKind>(modal: DialogSpec<K>): ComponentType<DialogComponentProps<K>> {
  return DIALOGS[modal.kind].Component as unknown as ComponentType<DialogComponentProps<K>>;
}

/** The key router the dispatcher gets: a key goes to the top dialog's handler (Ctrl-C arrives as Esc). */
export function routeDialogKey(store: AppStore, console: ConsoleContext | undefined): (modal: DialogSpec, name: string) => void {
  return (modal, name) => dialogKey(modal, name, store, console, (m) => DIALOGS[m.kind].onKey as DialogKeyHandler);
}
