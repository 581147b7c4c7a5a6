// The help overlay: every key of the current view and every command, wrapped to the overlay's width (a key's
// description continues under itself), scrollable; Esc, ? or q closes it. After drawing it keeps its wrapped
// line count in its props, which its keys scroll over.
import { Box, Text } from 'ink';
import { useLayoutEffect, useMemo } from 'react';
import { useAppStore, useAppStoreApi } from '../../hooks/useAppStore.js';
import type { ModalSpec } from '../../src/store/index.js';
import { fit, wrapToWidth } from '../../src/views/index.js';
import { tone } from '../theme.js';
import { helpLines } from '../../src/keymap/help-lines.js';

export function HelpModal({ modal, width, height }: { modal: ModalSpec<'help'>; width: number; height: number }) {
  const store = useAppStoreApi();
  const offset = useAppStore((s) => s.ui.cursor.help ?? 0);
  const readOnly = useAppStore((s) => s.ui.readOnly);
  const view = modal.props.view ?? 'status';
  // Every cell inside the border is written (padding cells would let the pane beneath show through).
  const inner = Math.max(10, width - 2);
  const body = useMemo(
    () =>
      helpLines(view, readOnly).flatMap((l) => {
        // A continuation lines up under the description: after the key column ("  Enter      ...").
        const lead = /^(\s+\S+\s+)/.exec(l)?.[1] ?? '  ';
        return wrapToWidth(l, inner - 1, ' '.repeat(Math.min(lead.length, 30)));
      }),
    [view, readOnly, inner],
  );
  useLayoutEffect(() => {
    store.getState().actions.setDialogProps(modal.id, 'help', { total: body.length });
  }, [store, modal.id, body.length]);
  const room = Math.max(1, height - 3);
  const start = Math.min(offset, Math.max(0, body.length - room));
  const shown = body.slice(start, start + room);
  const more = start + room < body.length ? ` ↓ ${body.length - start - room} more` : '';
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={tone('focus')}>
      <Text bold color={tone('focus')}>{fit(` Help${more}`, inner)}</Text>
      {shown.map((l, i) => (
        <Text key={start + i} wrap="truncate">
          {fit(` ${l}`, inner)}
        </Text>
      ))}
      {Array.from({ length: Math.max(0, room - shown.length) }, (_, i) => (
        <Text key={`pad-${i}`}>{' '.repeat(inner)}</Text>
      ))}
    </Box>
  );
}
