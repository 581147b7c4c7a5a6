// The help overlay: every key of the current view and every command, scrollable; Esc, ? or q closes it.
import { Box, Text } from 'ink';
import { useAppStore } from '../../hooks/useAppStore.js';
import type { ModalSpec } from '../../src/store/index.js';
import { fit } from '../../src/views/index.js';
import { tone } from '../theme.js';
import { helpLines } from '../../src/keymap/help-lines.js';

export function HelpModal({ modal, width, height }: { modal: ModalSpec<'help'>; width: number; height: number }) {
  const offset = useAppStore((s) => s.ui.cursor.help ?? 0);
  const readOnly = useAppStore((s) => s.ui.readOnly);
  const view = modal.props.view ?? 'status';
  // Every cell inside the border is written (padding cells would let the pane beneath show through).
  const inner = Math.max(10, width - 2);
  const body = helpLines(view, readOnly);
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
