// The runbook picker: the runbooks that fit, with tier badges; type to filter, ↑↓ (or j/k) to move, Enter runs.
import type { ModalSpec } from '../../src/store/index.js';
import type { PickerItem } from '../../src/ops/console-ops.js';
import { ModalFrame, type FrameLine } from './ModalFrame.js';

export const TIER_BADGE: Record<string, { text: string; tone: FrameLine['tone'] }> = {
  read: { text: '[read]       ', tone: 'ok' },
  change: { text: '[change]     ', tone: 'warn' },
  destructive: { text: '[destructive]', tone: 'failing' },
  secret: { text: '[secret]     ', tone: 'accent' },
};

export function pickerMatches(items: PickerItem[], filter: string): PickerItem[] {
  const f = filter.toLowerCase();
  return f ? items.filter((i) => `${i.title} ${i.id} ${i.tier}`.toLowerCase().includes(f)) : items;
}

export function PickerModal({ modal, width, height }: { modal: ModalSpec; width: number; height: number }) {
  const items = (modal.props?.items as PickerItem[]) ?? [];
  const filter = String(modal.props?.filter ?? '');
  const shown = pickerMatches(items, filter);
  const cursor = Math.min(Number(modal.props?.cursor ?? 0), Math.max(0, shown.length - 1));
  const room = Math.max(1, height - 5);
  const start = Math.max(0, Math.min(cursor - room + 1, shown.length - room));
  const lines: FrameLine[] = [{ text: filter ? `Filter: ${filter}█` : 'Type to filter', tone: 'muted' }];
  if (shown.length === 0) lines.push({ text: 'Nothing matches the filter (Backspace erases it).', tone: 'muted' });
  shown.slice(start, start + room).forEach((it, i) => {
    const b = TIER_BADGE[it.tier]!;
    lines.push({ text: `${b.text} ${it.title}  (${it.id})`, tone: b.tone, inverse: start + i === cursor });
  });
  return <ModalFrame title={String(modal.props?.title ?? 'Runbooks')} lines={lines} footer="Enter run  ↑↓/j/k move  type to filter  Esc close" width={width} height={Math.min(height, Math.max(8, lines.length + 4))} />;
}
