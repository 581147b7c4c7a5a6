// The playbook's emergency table: situation → what to do, and how many runbooks Enter offers for it.
import { useConsole } from '../../hooks/useConsole.js';
import { itemsFor } from '../../src/console/picker.js';
import { dialogKeyLine } from '../../src/keymap/index.js';
import { emergencyRows } from '../../src/runbooks/emergency.js';
import type { ModalSpec } from '../../src/store/index.js';
import { fit } from '../../src/views/index.js';
import { ModalFrame, type FrameLine } from './ModalFrame.js';

export function EmergencyModal({ modal, width, height }: { modal: ModalSpec<'emergency'>; width: number; height: number }) {
  const ops = useConsole();
  const rows = emergencyRows(ops?.runbooks ?? []);
  const cursor = Math.min(modal.props.cursor, rows.length - 1);
  const sw = Math.min(22, Math.max(14, Math.floor((width - 4) * 0.3)));
  const lines: FrameLine[] = [{ text: `${fit('SITUATION', sw)} WHAT TO DO`, tone: 'muted', bold: true }];
  rows.forEach((r, i) => {
    const n = ops ? itemsFor(ops, r.runbookIds).length : 0;
    lines.push({ text: `${fit(r.situation, sw)} ${r.whatToDo}${n ? `  [${n} runbook${n === 1 ? '' : 's'}]` : ''}`, inverse: i === cursor });
  });
  const cur = rows[cursor];
  if (cur?.missing.length) lines.push({ text: `Not in this build: ${cur.missing.join(', ')}`, tone: 'muted' });
  return <ModalFrame title="Emergency" lines={lines} footer={dialogKeyLine('emergency')} width={width} height={Math.min(height, lines.length + 4)} border="failing" />;
}
