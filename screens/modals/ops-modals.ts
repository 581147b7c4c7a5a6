// Key handlers of the runbook dialogs (issue 4): the action dialog, the picker, the timeline, the note, the
// emergency table and the certificates. They read the raw key (its name), since most of them take text.
import type { PickerItem } from '../../src/ops/console-ops.js';
import { opsOf } from '../../src/ops/ops-registry.js';
import { emergencyRows } from '../../src/runbooks/emergency.js';
import { certificateRows } from '../../src/runbooks/cert-list.js';
import type { ActionTarget } from '../../src/actions/types.js';
import { ActionModal } from './ActionModal.js';
import { CertsModal } from './CertsModal.js';
import { EmergencyModal } from './EmergencyModal.js';
import { NoteModal } from './NoteModal.js';
import { PickerModal, pickerMatches } from './PickerModal.js';
import type { ModalEntry, ModalKeyContext } from './registry.js';
import { TIMELINE_VIEW, TimelineModal } from './TimelineModal.js';

const printable = (name: string) => name.length === 1 && !/[\u0000-\u001f\u007f]/.test(name);

function setProps(ctx: ModalKeyContext, props: Record<string, unknown>): void {
  ctx.store.getState().actions.openModal({ ...ctx.modal, props: { ...ctx.modal.props, ...props } });
}

function close(ctx: ModalKeyContext): void {
  ctx.store.getState().actions.closeModal(ctx.modal.id);
}

/** ↑↓ j/k PgUp/PgDn g/G over `count` rows; returns the new cursor, or undefined when the key is not a move. */
function move(name: string, cursor: number, count: number, page = 10, letters = true): number | undefined {
  const last = Math.max(0, count - 1);
  if (name === 'up' || (letters && name === 'k')) return Math.max(0, cursor - 1);
  if (name === 'down' || (letters && name === 'j')) return Math.min(last, cursor + 1);
  if (name === 'pageup') return Math.max(0, cursor - page);
  if (name === 'pagedown') return Math.min(last, cursor + page);
  if (name === 'home' || (letters && name === 'g')) return 0;
  if (name === 'end' || (letters && name === 'G')) return last;
  return undefined;
}

const ENTRIES: Record<string, ModalEntry> = {
  action: {
    Component: ActionModal,
    onKey(_action, ctx) {
      const ops = opsOf(ctx.store.getState());
      if (!ops) return close(ctx);
      ops.actionKey(ctx.name ?? '', String(ctx.modal.props?.input ?? ''), (text) => setProps(ctx, { input: text }));
    },
  },
  picker: {
    Component: PickerModal,
    onKey(_action, ctx) {
      const name = ctx.name ?? '';
      const props = ctx.modal.props ?? {};
      const filter = String(props.filter ?? '');
      const shown = pickerMatches((props.items as PickerItem[]) ?? [], filter);
      const cursor = Math.min(Number(props.cursor ?? 0), Math.max(0, shown.length - 1));
      if (name === 'esc') return filter ? setProps(ctx, { filter: '', cursor: 0 }) : close(ctx);
      if (name === 'enter') {
        const it = shown[cursor];
        if (!it) return;
        close(ctx);
        opsOf(ctx.store.getState())?.startRunbook(it.id, props.selection as ActionTarget | undefined);
        return;
      }
      if (name === 'backspace' || name === 'delete') return setProps(ctx, { filter: filter.slice(0, -1), cursor: 0 });
      const next = move(name, cursor, shown.length, 10, !filter);
      if (next !== undefined) return setProps(ctx, { cursor: next });
      if (printable(name)) setProps(ctx, { filter: filter + name, cursor: 0 });
    },
  },
  timeline: {
    Component: TimelineModal,
    onKey(_action, ctx) {
      const name = ctx.name ?? '';
      if (name === 'esc' || name === 'q' || name === 't') return close(ctx);
      const { maxStart, room } = TIMELINE_VIEW;
      const raw = Number(ctx.modal.props?.offset ?? -1);
      const cur = raw < 0 ? maxStart : Math.min(raw, maxStart);
      const next = move(name, cur, maxStart + 1, Math.max(1, room - 1));
      // At the bottom the view follows new entries (-1).
      if (next !== undefined) setProps(ctx, { offset: next >= maxStart ? -1 : next });
    },
  },
  note: {
    Component: NoteModal,
    onKey(_action, ctx) {
      const name = ctx.name ?? '';
      const text = String(ctx.modal.props?.text ?? '');
      const { actions } = ctx.store.getState();
      if (name === 'esc') return close(ctx);
      if (name === 'enter') {
        close(ctx);
        const ops = opsOf(ctx.store.getState());
        if (!text.trim()) return actions.flash('An empty note was not added.');
        try {
          actions.flash(ops ? ops.addNote(text) : 'Notes are not available in this console.', ops ? 'info' : 'warn');
        } catch (err) {
          actions.flash(`The note could not be written: ${(err as Error).message.split('\n')[0]}`, 'error');
        }
        return;
      }
      if (name === 'backspace' || name === 'delete') return setProps(ctx, { text: text.slice(0, -1) });
      if (printable(name) && text.length < 500) setProps(ctx, { text: text + name });
    },
  },
  emergency: {
    Component: EmergencyModal,
    onKey(_action, ctx) {
      const name = ctx.name ?? '';
      const ops = opsOf(ctx.store.getState());
      const rows = emergencyRows(ops?.runbooks ?? []);
      const cursor = Number(ctx.modal.props?.cursor ?? 0);
      if (name === 'esc' || name === 'q') return close(ctx);
      const next = move(name, cursor, rows.length);
      if (next !== undefined) return setProps(ctx, { cursor: next });
      if (name !== 'enter' || !ops) return;
      const row = rows[cursor];
      if (!row) return;
      const items = ops.itemsFor(row.runbookIds);
      if (items.length === 0) return ctx.store.getState().actions.flash(`${row.situation}: ${row.whatToDo} (no runbook for this one${ops.readOnly ? ' in read-only mode' : ''}).`, 'warn');
      ops.openPicker(items, `${row.situation}: ${row.whatToDo}`, undefined);
    },
  },
  certs: {
    Component: CertsModal,
    onKey(_action, ctx) {
      const name = ctx.name ?? '';
      const state = ctx.store.getState();
      const rows = certificateRows(Object.values(state.kube.certificates), Date.now());
      const cursor = Math.min(Number(ctx.modal.props?.cursor ?? 0), Math.max(0, rows.length - 1));
      if (name === 'esc' || name === 'q') return close(ctx);
      const next = move(name, cursor, rows.length);
      if (next !== undefined) return setProps(ctx, { cursor: next });
      const ops = opsOf(state);
      const row = rows[cursor];
      if ((name !== 'enter' && name !== 'r') || !ops || !row) return;
      const selection = { kind: 'Certificate', namespace: row.namespace, name: row.name };
      ops.openPicker(ops.pickerItems(selection), `Certificate ${row.namespace}/${row.name}`, selection);
    },
  },
};

/** Ctrl-C in a dialog cancels it, as Esc does (it never quits from under an open confirmation). */
export const OPS_MODALS: Record<string, ModalEntry> = Object.fromEntries(
  Object.entries(ENTRIES).map(([kind, e]) => [kind, { Component: e.Component, onKey: (action, ctx) => e.onKey(action, ctx.name === 'ctrl-c' ? { ...ctx, name: 'esc' } : ctx) }]),
);
