// The journal's timeline: its entries in order, newest at the bottom, scrollable; v opens them in full. After drawing, it keeps
// the rows it had in its props (room), which the key handler pages by.
import { useLayoutEffect, useMemo } from 'react';
import { useAppStore, useAppStoreApi } from '../../hooks/useAppStore.js';
import { useConsole } from '../../hooks/useConsole.js';
import { timelineRows, timelineText } from '../../src/console/journal-ops.js';
import { dialogKeyLine } from '../../src/keymap/index.js';
import type { ModalSpec } from '../../src/store/index.js';
import { ModalFrame, type FrameLine } from './ModalFrame.js';

const TONE: Record<string, FrameLine['tone']> = { ok: 'ok', warn: 'warn', failing: 'failing', info: undefined };

export function TimelineModal({ modal, width, height }: { modal: ModalSpec<'timeline'>; width: number; height: number }) {
  const store = useAppStoreApi();
  const ops = useConsole();
  const version = useAppStore((s) => s.journal.version);
  const rows = useMemo(() => (ops ? timelineRows(ops) : []), [ops, version]);
  const room = Math.max(1, height - 4);
  const maxStart = Math.max(0, rows.length - room);
  const raw = modal.props.offset;
  const start = raw < 0 ? maxStart : Math.min(raw, maxStart);
  useLayoutEffect(() => {
    store.getState().actions.setDialogProps(modal.id, 'timeline', { room });
  }, [store, modal.id, room]);
  const lines: FrameLine[] = rows.length
    ? rows.slice(start, start + room).map((r) => ({ text: timelineText(r), tone: TONE[r.level] }))
    : [{ text: 'The journal is empty: rung changes, actions and notes (n) land here.', tone: 'muted' }];
  const pos = rows.length > room ? `  ${start + 1}-${Math.min(rows.length, start + room)} of ${rows.length}` : '';
  return <ModalFrame title={`Timeline${pos}`} lines={lines} footer={dialogKeyLine('timeline')} width={width} height={Math.min(height, Math.max(8, lines.length + 4))} />;
}
