// Rung 2: the ladder's findings in dependency order, root cause first and marked, with the "because" text;
// Enter jumps to the finding's target in Status (a certificate finding opens the certificates view); v opens
// the finding in full (its detail, what it is blocked by and why, its target), wrapped.
import { certificateRows } from '../../src/runbooks/cert-list.js';
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useAppStore, useAppStoreApi } from '../../hooks/useAppStore.js';
import { useFindings } from '../../hooks/useFindings.js';
import { useLadder } from '../../hooks/useLadder.js';
import { latestCursor, moveCursor, usePaneKeys, useRowCursor } from '../../hooks/usePaneKeys.js';
import { useViewport } from '../../hooks/useViewport.js';
import { findingLines, openFullText } from '../../src/console/full-text.js';
import { rungTitle } from '../../src/ladder/rung-table.js';
import type { Finding } from '../../src/ladder/types.js';
import type { AppStore } from '../../src/store/index.js';
import { buildStatusRows, rowIndexOf, statusRowIdFor, truncate } from '../../src/views/index.js';
import { tone } from '../theme.js';
import { PaneTitle } from './PaneTitle.js';

/** Moves to rung 1 with the cursor on the finding's target. */
export function jumpToTarget(store: AppStore, f: Finding): void {
  const { kube, ui, actions } = store.getState();
  // A certificate finding opens the certificates view on it (renewal and the ACME check are one Enter away).
  if (f.target?.kind === 'Certificate') {
    const rows = certificateRows(Object.values(kube.certificates), Date.now());
    const at = rows.findIndex((r) => r.namespace === f.target!.namespace && r.name === f.target!.name);
    if (at >= 0) return actions.openModal({ id: 'certs', kind: 'certs', props: { cursor: at } });
  }
  const id = f.target ? statusRowIdFor(kube, f.target) : `group:${f.namespace}`;
  if (!id) {
    actions.flash(`${f.title}: nothing to show in Status for it`, 'warn');
    return;
  }
  // The target's namespace group is unfolded, so that its row is there to land on.
  const group = id.startsWith('node:') ? 'nodes' : f.target?.namespace || f.namespace;
  actions.setFolded(group, false);
  const folded = new Set(store.getState().ui.folded);
  let namespace = ui.namespace;
  let idx = rowIndexOf(buildStatusRows(kube, { namespace, sort: ui.sort.status, folded }), id);
  if (idx < 0 && namespace) {
    namespace = undefined;
    idx = rowIndexOf(buildStatusRows(kube, { sort: ui.sort.status, folded }), id);
  }
  actions.setRung(1);
  actions.setNamespace(namespace);
  if (idx >= 0) actions.setCursor('status', idx);
  else actions.flash(`${f.target?.kind ?? 'Target'} ${f.namespace}/${f.target?.name ?? f.component} is not in Status`, 'warn');
}

const FindingRow = memo(function FindingRow({ f, root, selected, width, blockedBy }: { f: Finding; root: boolean; selected: boolean; width: number; blockedBy: string }) {
  const sev = f.severity === 'failing' ? 'FAIL' : 'WARN';
  const mark = root ? '★ ROOT CAUSE ' : '';
  // A reason that already says "blocked by: ..." (OpenBao sealed) is not prefixed with "blocked by" twice.
  const second = blockedBy ? (f.because?.startsWith('blocked by') ? `↳ ${f.because} (${blockedBy})` : `↳ blocked by ${blockedBy}${f.because ? ` — ${f.because}` : ''}`) : f.because ? `↳ ${f.because}` : f.detail;
  return (
    <Box flexDirection="column">
      <Text inverse={selected} wrap="truncate">
        <Text color={tone(f.severity)} bold={root}>{`${sev} `}</Text>
        <Text bold={root} color={root ? tone('failing') : undefined}>{mark}</Text>
        {truncate(f.title, Math.max(1, width - 5 - mark.length))}
      </Text>
      <Text color={tone('muted')} wrap="truncate">{`     ${truncate(second, Math.max(1, width - 5))}`}</Text>
    </Box>
  );
});

export function CheckPane({ width, height, focused = true }: { width: number; height: number; focused?: boolean }) {
  const store = useAppStoreApi();
  const ladder = useLadder();
  const { findings, roots, names } = useFindings();
  const namespace = useAppStore((s) => s.ui.namespace);
  const synced = useAppStore((s) => Boolean(s.kube.synced.pods));
  const cursor = useRowCursor('check', findings.map((f) => f.id), focused);
  const perPage = Math.max(1, Math.floor((height - 1) / 2));
  const offset = useViewport(cursor, perPage, findings.length);

  usePaneKeys((action) => {
    const next = moveCursor(action, latestCursor(store, 'check'), findings.length, perPage);
    if (next !== undefined) return store.getState().actions.setCursor('check', next);
    const f = findings[Math.min(latestCursor(store, 'check'), findings.length - 1)];
    if (action === 'enter' && f) jumpToTarget(store, f);
    if (action === 'full-text' && f) openFullText(store, `Finding ${f.namespace}/${f.component}`, findingLines(f, roots.has(f.id), names));
  }, focused);

  // The API down (or refusing us): the Check rung is unknown and says why and how old the data is.
  const checkRung = ladder.rungs.find((r) => r.id === 2);
  const cannotTell = checkRung?.verdict === 'unknown' && checkRung.summary !== 'connecting';
  const failing = findings.filter((f) => f.severity === 'failing').length;
  const info = `ns: ${namespace ?? 'all'} · ${failing} failing · ${findings.length - failing} warn`;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneTitle title={rungTitle(2)} info={info} width={width} />
      {findings.length === 0 ? (
        <Text color={tone(cannotTell ? 'warn' : synced && ladder.findings.length === 0 ? 'ok' : 'muted')} wrap="wrap">
          {cannotTell
            ? `Cannot tell what is unhealthy: ${checkRung!.summary}. ${!synced ? 'No data yet.' : ladder.findings.length === 0 ? 'The last data showed no findings.' : 'No findings of the last data match the filter or namespace.'}`
            : !synced ? 'Loading…' : ladder.findings.length === 0 ? 'No findings: everything the console watches looks healthy.' : 'No findings match the filter or namespace.'}
        </Text>
      ) : (
        findings.slice(offset, offset + perPage).map((f, i) => <FindingRow key={f.id} f={f} root={roots.has(f.id)} selected={focused && offset + i === cursor} width={width} blockedBy={(f.blockedBy ?? []).map((id) => names.get(id) ?? id).join(', ')} />)
      )}
    </Box>
  );
}
