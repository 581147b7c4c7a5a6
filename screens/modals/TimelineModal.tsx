// The journal's timeline: its entries in order, newest at the bottom, scrollable.
import { useMemo } from 'react';
import { useOps } from '../../hooks/useOps.js';
import type { ModalSpec } from '../../src/store/index.js';
import { ModalFrame, type FrameLine } from './ModalFrame.js';

/** The last drawn scroll range, for the key handler (one timeline is open at a time). */
export const TIMELINE_VIEW = { maxStart: 0, room: 10 };

const TONE: Record<string, FrameLine['tone']> = { ok: 'ok', warn: 'warn', failing: 'failing', info: undefined };

export function TimelineModal({ modal, width, height }: { modal: ModalSpec; width: number; height: number }) {
  const ops = useOps();
  const version = ops?.getVersion() ?? 0;
  const rows = useMemo(() => ops?.timeline() ?? [], [ops, version]);
  const room = Math.max(1, height - 4);
  const maxStart = Math.max(0, rows.length - room);
  const raw = Number(modal.props?.offset ?? -1);
  const start = raw < 0 ? maxStart : Math.min(raw, maxStart);
  TIMELINE_VIEW.maxStart = maxStart;
  TIMELINE_VIEW.room = room;
  const lines: FrameLine[] = rows.length
    ? rows.slice(start, start + room).map((r) => ({ text: `${r.at.slice(5, 10)} ${r.time}  ${r.text}`, tone: TONE[r.level] }))
    : [{ text: 'The journal is empty: rung changes, actions and notes (n) land here.', tone: 'muted' }];
  const pos = rows.length > room ? `  ${start + 1}-${Math.min(rows.length, start + room)} of ${rows.length}` : '';
  return <ModalFrame title={`Timeline${pos}`} lines={lines} footer="↑↓/j/k PgUp/PgDn g/G scroll  Esc close" width={width} height={Math.min(height, Math.max(8, lines.length + 4))} />;
}

