// A finding, the events or an action's output in full: every line wrapped to the dialog's width (by display
// width), scrolled with the shared cursor keys when longer than the screen. After drawing it keeps the rows
// it had and the wrapped line count in its props, which the key handler scrolls by.
import { useLayoutEffect, useMemo } from 'react';
import { useAppStoreApi } from '../../hooks/useAppStore.js';
import { dialogKeyLine } from '../../src/keymap/index.js';
import type { ModalSpec } from '../../src/store/index.js';
import { wrapToWidth } from '../../src/views/index.js';
import { ModalFrame, type FrameLine } from './ModalFrame.js';

export function FullTextModal({ modal, width, height }: { modal: ModalSpec<'full-text'>; width: number; height: number }) {
  const store = useAppStoreApi();
  const { title, lines, offset } = modal.props;
  // The frame's text starts one cell in from its border and leaves one cell before the other.
  const inner = Math.max(8, width - 4);
  const wrapped = useMemo(() => lines.flatMap((l) => wrapToWidth(l, inner, /^\s*/.exec(l)![0] + '  ')), [lines, inner]);
  const h = Math.min(height, Math.max(6, wrapped.length + 4));
  const room = Math.max(1, h - 4);
  const start = Math.min(offset, Math.max(0, wrapped.length - room));
  useLayoutEffect(() => {
    store.getState().actions.setDialogProps(modal.id, 'full-text', { room, total: wrapped.length });
  }, [store, modal.id, room, wrapped.length]);
  const shown: FrameLine[] = wrapped.slice(start, start + room).map((text) => ({ text, cut: true }));
  const pos = wrapped.length > room ? `  ${start + 1}-${Math.min(wrapped.length, start + room)} of ${wrapped.length}` : '';
  // The scroll keys only when there is something to scroll to.
  const footer = dialogKeyLine('full-text', { scroll: wrapped.length > room });
  return <ModalFrame title={`${title}${pos}`} lines={shown} footer={footer} width={width} height={h} />;
}
