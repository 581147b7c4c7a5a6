// Rung 6, from the alerts slice: which AlertManager and how old its answer is (or why it cannot tell, with the
// last data's age), the firing alerts grouped by severity and alertname with their age, state, where and
// summary, the silenced and inhibited ones muted below them (m hides them), the silences, and the "Alerts ->
// Matrix" hops. Its rows are alertRows (src/views/alert-rows.ts), pure; its keys src/console/alert-keys.ts
// (Enter the detail, S silence, X expire, m muted, f matchers).
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../../hooks/useAppStore.js';
import { useConsole } from '../../hooks/useConsole.js';
import { useMatrixPath } from '../../hooks/useMatrixPath.js';
import { usePaneKeys, useRowCursor } from '../../hooks/usePaneKeys.js';
import { useTick } from '../../hooks/useTick.js';
import { useViewport } from '../../hooks/useViewport.js';
import { ALERTS_VIEW, alertPaneKey, selectableRows } from '../../src/console/alert-keys.js';
import { rungTitle } from '../../src/ladder/rung-table.js';
import { alertRows, alertsHeader, alertsLive } from '../../src/views/alert-rows.js';
import { wrapToWidth } from '../../src/views/index.js';
import { tone } from '../theme.js';
import { AlertPathLines, alertPathLines } from './AlertPathLines.js';
import { PaneTitle } from './PaneTitle.js';

export function AlertsPane({ width, height }: { width: number; height: number }) {
  const store = useAppStoreApi();
  const ctx = useConsole();
  const alerts = useAppStore((s) => s.alerts);
  const health = useAppStore((s) => s.sources.alertmanager);
  const filter = useAppStore((s) => s.ui.filter);
  const [showMuted, setShowMuted] = useState(true);
  const now = useTick(1_000);
  const live = alertsLive(health, alerts);
  const path = useMatrixPath(now);
  const hops = health && health.state !== 'not-connected' ? path.hops : [];
  // The header's sentences are wrapped, never cut: why it cannot tell is the line that matters then.
  const header = useMemo(() => alertsHeader(alerts, health, now).flatMap((l) => wrapToWidth(l.text, width, '  ').map((text, i) => ({ ...l, key: `${l.key}:${i}`, text }))), [alerts, health, now, width]);
  const connected = Boolean(health && health.state !== 'not-connected');
  const rows = useMemo(() => (connected ? alertRows({ alerts, now, width, showMuted, filter, live }) : []), [connected, alerts, now, width, showMuted, filter, live]);
  const selectable = useMemo(() => selectableRows(rows), [rows]);
  const cursor = useRowCursor(ALERTS_VIEW, selectable.map((r) => r.key));
  const selectedKey = selectable[cursor]?.key;
  // The path's evidence wrapped: all the room the rows leave, and at least a third of the pane (the rows scroll).
  const room = Math.max(hops.length + 1, Math.floor(height / 3), height - 1 - header.length - rows.length);
  const pathLines = useMemo(() => alertPathLines(hops, path.broken?.id, width).slice(0, room), [hops, path.broken, width, room]);
  const pathHeight = pathLines.length;
  const body = Math.max(1, height - 1 - header.length - pathHeight);
  const at = Math.max(0, rows.findIndex((r) => r.key === selectedKey));
  const offset = useViewport(at, body, rows.length);

  usePaneKeys((action) => alertPaneKey(action, store, ctx, { rows, page: Math.max(1, body - 1), toggleMuted: () => setShowMuted((v) => !v) }));

  const total = alerts.alerts.filter((a) => a.state === 'active').length;
  const info = connected && alerts.checkedAt ? `${total} firing · ${alerts.silences.filter((s) => s.state === 'active').length} silences${filter ? ` · filter ${filter}` : ''}` : '';
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneTitle title={rungTitle(6)} info={info} width={width} />
      {header.map((l) => (
        <Text key={l.key} color={tone(l.tone)} bold={l.bold} wrap="truncate">
          {l.text}
        </Text>
      ))}
      {rows.slice(offset, offset + body).map((r) => (
        <Text key={r.key} color={tone(r.tone)} bold={r.bold} inverse={r.key === selectedKey} wrap="truncate">
          {r.text}
        </Text>
      ))}
      <AlertPathLines lines={pathLines} width={width} />
    </Box>
  );
}

