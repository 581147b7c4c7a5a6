// The runbook picker: the runbooks that fit, with tier badges; type to filter (every letter, j and k too), ↑↓
// to move, Enter runs.
import { pickerMatches } from '../../src/console/picker-dialog.js';
import { dialogKeyLine } from '../../src/keymap/index.js';
import { inputLine } from '../../src/views/index.js';
import type { ModalSpec } from '../../src/store/index.js';
import { ModalFrame, type FrameLine } from './ModalFrame.js';

export const TIER_BADGE: Record<string, { text: string; tone: FrameLine['tone'] }> = {
  read: { text: '[read]       ', tone: 'ok' },
  change: { text: '[change]     ', tone: 'warn' },
  destructive: { text: '[destructive]', tone: 'failing' },
  secret: { text: '[secret]     ', tone: 'accent' },
};

export function PickerModal({ modal, width, height }: { modal: ModalSpec<'picker'>; width: number; height: number }) {
  const { items, filter } = modal.props;
  const shown = pickerMatches(items, filter);
  const cursor = Math.min(modal.props.cursor, Math.max(0, shown.length - 1));
  const room = Math.max(1, height - 5);
  const start = Math.max(0, Math.min(cursor - room + 1, shown.length - room));
  const lines: FrameLine[] = [{ text: filter ? inputLine('Filter: ', filter, Math.max(10, width - 4)) : 'Type to filter (letters filter, ↑↓ move)', tone: 'muted', cut: true }];
  if (shown.length === 0) lines.push({ text: 'Nothing matches the filter (Backspace erases it).', tone: 'muted' });
  shown.slice(start, start + room).forEach((it, i) => {
    const b = TIER_BADGE[it.tier]!;
    lines.push({ text: `${b.text} ${it.title}  (${it.id})`, tone: b.tone, inverse: start + i === cursor });
  });
  return <ModalFrame title={modal.props.title} lines={lines} footer={dialogKeyLine('picker')} width={width} height={Math.min(height, Math.max(8, lines.length + 4))} />;
}
