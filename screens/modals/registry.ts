// The modal registry: kind -> component + key handler. The top modal of the store's stack gets the keys first;
// Esc (the 'close' action) closes it. Later issues register confirmation, secret input, pickers, timelines.
import type { ComponentType } from 'react';
import type { KeyAction } from '../../src/keymap/index.js';
import type { AppStore, ModalSpec } from '../../src/store/index.js';
import { HelpModal } from './HelpModal.js';
import { helpLines } from './help-lines.js';
import { OPS_MODALS } from './ops-modals.js';

export interface ModalKeyContext {
  store: AppStore;
  modal: ModalSpec;
  /** The raw key: the normalised name ('enter', 'esc', 'y', 'backspace') and the typed text. */
  name?: string;
  input?: string;
}

export interface ModalEntry {
  Component: ComponentType<{ modal: ModalSpec; width: number; height: number }>;
  onKey(action: KeyAction | undefined, ctx: ModalKeyContext): void;
}

export const MODALS: Record<string, ModalEntry> = {
  help: {
    Component: HelpModal,
    onKey(action, { store, modal }) {
      const { actions, ui } = store.getState();
      if (action === 'close') {
        actions.closeModal(modal.id);
        actions.setCursor('help', 0);
        return;
      }
      const total = helpLines(String(modal.props?.view ?? 'status'), ui.readOnly).length;
      const cur = ui.cursor.help ?? 0;
      const step = action === 'up' ? -1 : action === 'down' ? 1 : action === 'page-up' ? -10 : action === 'page-down' ? 10 : 0;
      if (step) actions.setCursor('help', Math.max(0, Math.min(total - 1, cur + step)));
      else if (action === 'top') actions.setCursor('help', 0);
      else if (action === 'bottom') actions.setCursor('help', Math.max(0, total - 1));
    },
  },
  ...OPS_MODALS,
};
