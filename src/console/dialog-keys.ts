// The key handlers of the dialogs, by kind: the action dialog (action-keys.ts), the runbook picker, the
// timeline, the note, the emergency table, the certificates and the help overlay. Each gets the key's
// normalised name and acts only on what it resolves to in its keymap scope (close, cancel, move, scroll,
// choose, erase; which way a move goes is the cursor bindings'), so the README key table, the help overlay
// and the key lines say what the keys do; a key bound to nothing is typed text where the dialog takes text.
// The dialog registry (screens/modals/registry.ts) pairs each with its component; the key dispatcher gets
// them injected.
import type { ActionTarget } from '../actions/types.js';
import { helpLines } from '../keymap/help-lines.js';
import { cursorMoveOf, isCursorMove, resolveDialogKey, resolveKey, typesText } from '../keymap/index.js';
import { certificateRows } from '../runbooks/cert-list.js';
import { emergencyRows } from '../runbooks/emergency.js';
import type { AppStore, DialogKind, DialogProps, DialogSpec } from '../store/index.js';
import { cursorAfter } from '../views/cursor.js';
import { withoutLast } from '../views/text-width.js';
import { startRunbook } from './action-dialog.js';
import { actionKey } from './action-keys.js';
import { openFullText } from './full-text.js';
import { addNote, timelineRows, timelineText } from './journal-ops.js';
import { itemsFor, openPicker, pickerItems, pickerMatches } from './picker-dialog.js';
import type { ConsoleContext } from './types.js';

export interface DialogKeyContext<K extends DialogKind = DialogKind> {
  store: AppStore;
  /** Absent in a console without runbooks (some screen tests). */
  console?: ConsoleContext;
  modal: DialogSpec<K>;
  /** The key's normalised name ('enter', 'esc', 'y', 'backspace'); Ctrl-C arrives as 'esc'. */
  name: string;
}

export type DialogKeyHandler<K extends DialogKind = DialogKind> = (ctx: DialogKeyContext<K>) => void;

function setProps<K extends DialogKind>(ctx: DialogKeyContext<K>, props: Partial<DialogProps[K]>): void {
  ctx.store.getState().actions.setDialogProps(ctx.modal.id, ctx.modal.kind as K, props);
}

function close(ctx: DialogKeyContext): void {
  ctx.store.getState().actions.closeModal(ctx.modal.id);
}

/** The cursor after a key the scope binds to 'move' (or 'scroll'): undefined for a key that moves nowhere. */
function movedBy(name: string, cursor: number, count: number, page?: number): number | undefined {
  const move = cursorMoveOf(name);
  return move ? cursorAfter(move, cursor, count, page) : undefined;
}

const action: DialogKeyHandler<'action'> = (ctx) => {
  if (!ctx.console) return close(ctx);
  actionKey(ctx.console, ctx.name);
};

const picker: DialogKeyHandler<'picker'> = (ctx) => {
  const { name } = ctx;
  const { items, filter, selection } = ctx.modal.props;
  const shown = pickerMatches(items, filter);
  const cursor = Math.min(ctx.modal.props.cursor, Math.max(0, shown.length - 1));
  // Type to filter: every letter goes to the filter, j and k too (the arrows, PgUp/PgDn, Home/End move).
  const key = typesText(name) ? undefined : resolveDialogKey(name, 'picker');
  switch (key) {
    case 'close':
      return filter ? setProps(ctx, { filter: '', cursor: 0 }) : close(ctx);
    case 'choose': {
      const it = shown[cursor];
      if (!it) return;
      close(ctx);
      if (ctx.console) startRunbook(ctx.console, it.id, selection as ActionTarget | undefined);
      return;
    }
    case 'erase':
      return setProps(ctx, { filter: withoutLast(filter), cursor: 0 });
    case 'move': {
      const next = movedBy(name, cursor, shown.length);
      if (next !== undefined) setProps(ctx, { cursor: next });
      return;
    }
    case undefined:
      if (typesText(name)) setProps(ctx, { filter: filter + name, cursor: 0 });
  }
};

const timeline: DialogKeyHandler<'timeline'> = (ctx) => {
  const { name } = ctx;
  const key = resolveDialogKey(name, 'timeline');
  if (key === 'close') return close(ctx);
  if (key === 'full-text') {
    const rows = ctx.console ? timelineRows(ctx.console) : [];
    return openFullText(ctx.store, 'Timeline', rows.length ? rows.map(timelineText) : ['The journal is empty.']);
  }
  if (key !== 'scroll') return;
  const room = ctx.modal.props.room ?? 10;
  const rows = ctx.console ? timelineRows(ctx.console).length : 0;
  const maxStart = Math.max(0, rows - room);
  const raw = ctx.modal.props.offset;
  const cur = raw < 0 ? maxStart : Math.min(raw, maxStart);
  const next = movedBy(name, cur, maxStart + 1, Math.max(1, room - 1));
  // At the bottom the view follows new entries (-1).
  if (next !== undefined) setProps(ctx, { offset: next >= maxStart ? -1 : next });
};

const note: DialogKeyHandler<'note'> = (ctx) => {
  const { name } = ctx;
  const text = ctx.modal.props.text;
  const { actions } = ctx.store.getState();
  const key = resolveDialogKey(name, 'note');
  if (key === 'cancel') return close(ctx);
  if (key === 'choose') {
    close(ctx);
    if (!text.trim()) return actions.flash('An empty note was not added.');
    try {
      if (ctx.console) actions.flash(addNote(ctx.console, text), 'info');
      else actions.flash('Notes are not available in this console.', 'warn');
    } catch (err) {
      actions.flash(`The note could not be written: ${(err as Error).message.split('\n')[0]}`, 'error');
    }
    return;
  }
  if (key === 'erase') return setProps(ctx, { text: withoutLast(text) });
  if (!key && typesText(name) && text.length < 500) setProps(ctx, { text: text + name });
};

const emergency: DialogKeyHandler<'emergency'> = (ctx) => {
  const { name } = ctx;
  const c = ctx.console;
  const rows = emergencyRows(c?.runbooks ?? []);
  const cursor = ctx.modal.props.cursor;
  const key = resolveDialogKey(name, 'emergency');
  if (key === 'close') return close(ctx);
  if (key === 'move') {
    const next = movedBy(name, cursor, rows.length);
    if (next !== undefined) setProps(ctx, { cursor: next });
    return;
  }
  if (key !== 'choose' || !c) return;
  const row = rows[cursor];
  if (!row) return;
  const items = itemsFor(c, row.runbookIds);
  const readOnly = ctx.store.getState().ui.readOnly;
  if (items.length === 0) return ctx.store.getState().actions.flash(`${row.situation}: ${row.whatToDo} (no runbook for this one${readOnly ? ' in read-only mode' : ''}).`, 'warn');
  openPicker(c, items, `${row.situation}: ${row.whatToDo}`, undefined);
};

const certs: DialogKeyHandler<'certs'> = (ctx) => {
  const { name } = ctx;
  const state = ctx.store.getState();
  const rows = certificateRows(Object.values(state.kube.certificates), Date.now());
  const cursor = Math.min(ctx.modal.props.cursor, Math.max(0, rows.length - 1));
  const key = resolveDialogKey(name, 'certs');
  if (key === 'close') return close(ctx);
  if (key === 'move') {
    const next = movedBy(name, cursor, rows.length);
    if (next !== undefined) setProps(ctx, { cursor: next });
    return;
  }
  const row = rows[cursor];
  if (key !== 'choose' || !ctx.console || !row) return;
  const selection = { kind: 'Certificate', namespace: row.namespace, name: row.name };
  openPicker(ctx.console, pickerItems(ctx.console, selection), `Certificate ${row.namespace}/${row.name}`, selection);
};

/** The full text: ↑↓ PgUp/PgDn g/G scroll over the wrapped lines it last drew, Esc/Enter/q/v close. */
const fullText: DialogKeyHandler<'full-text'> = (ctx) => {
  const key = resolveDialogKey(ctx.name, 'full-text');
  if (key === 'close') return close(ctx);
  if (key !== 'scroll') return;
  const { offset, room = 10, total = 0 } = ctx.modal.props;
  const maxStart = Math.max(0, total - room);
  const next = movedBy(ctx.name, Math.min(offset, maxStart), maxStart + 1, Math.max(1, room - 1));
  if (next !== undefined) setProps(ctx, { offset: next });
};

/** The help overlay: its keys are the keymap's 'help' scope (↑↓ scroll, Esc ? q close). */
const help: DialogKeyHandler<'help'> = (ctx) => {
  const { store, modal } = ctx;
  const { actions, ui } = store.getState();
  const key = resolveKey(ctx.name, ['help']);
  if (key === 'close') {
    actions.closeModal(modal.id);
    actions.setCursor('help', 0);
    return;
  }
  if (!isCursorMove(key)) return;
  const total = modal.props.total ?? helpLines(modal.props.view ?? 'status', ui.readOnly).length;
  actions.setCursor('help', Math.min(total - 1, cursorAfter(key, ui.cursor.help ?? 0, total)));
};

/** Every dialog kind's key handler. */
export const DIALOG_KEYS: { [K in DialogKind]: DialogKeyHandler<K> } = { help, action, picker, timeline, note, emergency, certs, 'full-text': fullText };

/** Dispatches one key to the top dialog's handler (DIALOG_KEYS unless given); Ctrl-C in a dialog cancels it, as Esc does. */
export function dialogKey(modal: DialogSpec, name: string, store: AppStore, console?: ConsoleContext, handlerOf: (m: DialogSpec) => DialogKeyHandler = (m) => DIALOG_KEYS[m.kind] as DialogKeyHandler): void {
  handlerOf(modal)({ store, console, modal, name: name === 'ctrl-c' ? 'esc' : name });
}
