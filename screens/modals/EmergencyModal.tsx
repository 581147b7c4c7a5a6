// The playbook's emergency table: situation → what to do, and how many runbooks Enter offers for it; a ruled
// table (@alcalzone/ink-table, through screens/table/TableDialog).
import { useConsole } from '../../hooks/useConsole.js';
import { itemsFor } from '../../src/console/picker-dialog.js';
import { dialogKeyLine } from '../../src/keymap/index.js';
import { emergencyRows } from '../../src/runbooks/emergency.js';
import { displayWidth } from '../../src/views/index.js';
import type { ModalSpec } from '../../src/store/index.js';
import type { RuledColumn, RuledRow } from '../table/RuledTable.js';
import { TableDialog } from '../table/TableDialog.js';

export function EmergencyModal({ modal, width, height }: { modal: ModalSpec<'emergency'>; width: number; height: number }) {
  const ops = useConsole();
  const rows = emergencyRows(ops?.runbooks ?? []);
  const cursor = Math.min(modal.props.cursor, rows.length - 1);
  // The situations whole when the dialog has the room (a third of it at most), the rest to what to do.
  const longest = rows.reduce((n, r) => Math.max(n, displayWidth(r.situation)), 9);
  const sw = Math.min(longest, Math.max(14, Math.floor((width - 4) * 0.3)));
  const columns: RuledColumn[] = [
    { id: 'situation', header: 'SITUATION', width: sw },
    { id: 'what', header: 'WHAT TO DO', width: 10, flex: true },
  ];
  const table: RuledRow[] = rows.map((r) => {
    const n = ops ? itemsFor(ops, r.runbookIds).length : 0;
    return { id: r.situation, cells: { situation: r.situation, what: `${r.whatToDo}${n ? `  [${n} runbook${n === 1 ? '' : 's'}]` : ''}` } };
  });
  const cur = rows[cursor];
  const notes = cur?.missing.length ? [{ text: `Not in this build: ${cur.missing.join(', ')}`, tone: 'muted' as const }] : [];
  return <TableDialog title="Emergency" columns={columns} rows={table} cursor={cursor} notes={notes} footer={dialogKeyLine('emergency')} width={width} height={height} border="failing" />;
}
