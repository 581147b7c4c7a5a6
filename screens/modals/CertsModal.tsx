// The certificates: Ready, notAfter and renewal time, soonest expiry first; Enter offers their runbooks.
import { useMemo } from 'react';
import { useAppStore } from '../../hooks/useAppStore.js';
import { useTick } from '../../hooks/useTick.js';
import { dialogKeyLine } from '../../src/keymap/index.js';
import { certificateRows } from '../../src/runbooks/cert-list.js';
import type { ModalSpec } from '../../src/store/index.js';
import { fit } from '../../src/views/index.js';
import { ModalFrame, type FrameLine } from './ModalFrame.js';

export function CertsModal({ modal, width, height }: { modal: ModalSpec<'certs'>; width: number; height: number }) {
  const certs = useAppStore((s) => s.kube.certificates);
  const synced = useAppStore((s) => Boolean(s.kube.synced.certificates));
  const now = useTick(10_000);
  const rows = useMemo(() => certificateRows(Object.values(certs), now), [certs, now]);
  const cursor = Math.min(modal.props.cursor, Math.max(0, rows.length - 1));
  // Narrow terminals drop the renewal column before cutting the names.
  const wide = width >= 90;
  const nw = Math.max(16, Math.min(32, width - (wide ? 62 : 45)));
  const when = (iso?: string) => fit(iso ? iso.slice(0, 16).replace('T', ' ') : '-', 17);
  const lines: FrameLine[] = [{ text: `${fit('CERTIFICATE', nw)} ${fit('READY', 6)}${fit('NOT AFTER', 17)}${wide ? fit('RENEWAL', 17) : ''}EXPIRES`, tone: 'muted', bold: true }];
  if (rows.length === 0) lines.push({ text: synced ? 'No cert-manager Certificate in this cluster.' : 'Loading…', tone: 'muted' });
  rows.forEach((r, i) => {
    lines.push({
      text: `${fit(`${r.namespace}/${r.name}`, nw)} ${fit(r.ready, 6)}${when(r.notAfter)}${wide ? when(r.renewalTime) : ''}${r.expires}${r.reason && r.level !== 'ok' ? ` (${r.reason})` : ''}`,
      tone: r.level === 'ok' ? 'ok' : r.level === 'warn' ? 'warn' : 'failing',
      inverse: i === cursor,
    });
  });
  return <ModalFrame title="Certificates" lines={lines} footer={dialogKeyLine('certs')} width={width} height={Math.min(height, Math.max(7, lines.length + 4))} />;
}
