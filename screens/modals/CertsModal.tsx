// The certificates: Ready, notAfter and renewal time, soonest expiry first; Enter offers their runbooks. A ruled
// table (@alcalzone/ink-table, through screens/table/TableDialog).
import { useMemo } from 'react';
import { useAppStore } from '../../hooks/useAppStore.js';
import { useTick } from '../../hooks/useTick.js';
import { dialogKeyLine } from '../../src/keymap/index.js';
import { certificateRows } from '../../src/runbooks/cert-list.js';
import { displayWidth } from '../../src/views/index.js';
import type { ModalSpec } from '../../src/store/index.js';
import type { RuledColumn, RuledRow } from '../table/RuledTable.js';
import { TableDialog } from '../table/TableDialog.js';

const when = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');

export function CertsModal({ modal, width, height }: { modal: ModalSpec<'certs'>; width: number; height: number }) {
  const certs = useAppStore((s) => s.kube.certificates);
  const synced = useAppStore((s) => Boolean(s.kube.synced.certificates));
  const now = useTick(10_000);
  const rows = useMemo(() => certificateRows(Object.values(certs), now), [certs, now]);
  const cursor = Math.min(modal.props.cursor, Math.max(0, rows.length - 1));
  // Narrow terminals drop the renewal column before cutting the names; a wide one shows them whole.
  const wide = width >= 90;
  const longest = rows.reduce((n, r) => Math.max(n, displayWidth(`${r.namespace}/${r.name}`)), 11);
  const nw = Math.max(16, Math.min(longest, width - (wide ? 82 : 54)));
  const columns: RuledColumn[] = [
    { id: 'name', header: 'CERTIFICATE', width: nw },
    { id: 'ready', header: 'READY', width: 5 },
    { id: 'notAfter', header: 'NOT AFTER', width: 16 },
    ...(wide ? [{ id: 'renewal', header: 'RENEWAL', width: 16 }] : []),
    { id: 'expires', header: 'EXPIRES', width: 12, flex: true },
  ];
  const table: RuledRow[] = rows.map((r) => ({
    id: `${r.namespace}/${r.name}`,
    cells: { name: `${r.namespace}/${r.name}`, ready: r.ready, notAfter: when(r.notAfter), renewal: when(r.renewalTime), expires: `${r.expires}${r.reason && r.level !== 'ok' ? ` (${r.reason})` : ''}` },
    tone: r.level === 'ok' ? 'ok' : r.level === 'warn' ? 'warn' : 'failing',
  }));
  const notes = rows.length === 0 ? [{ text: synced ? 'No cert-manager Certificate in this cluster.' : 'Loading…', tone: 'muted' as const }] : [];
  return <TableDialog title="Certificates" columns={columns} rows={table} cursor={cursor} notes={notes} footer={dialogKeyLine('certs')} width={width} height={height} />;
}
