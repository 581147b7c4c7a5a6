// Drill-down into a pod: its containers (state, reason, restarts, image) and its events.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useKubeView } from '../../hooks/useKubeView.js';
import { useAppStore, useAppStoreApi } from '../../hooks/useAppStore.js';
import { latestCursor, moveCursor, usePaneKeys } from '../../hooks/usePaneKeys.js';
import { useTick } from '../../hooks/useTick.js';
import { contentWidths, fitColumns, formatAge, podDetail, podHealth, truncate, type ColumnSpec } from '../../src/views/index.js';
import { eventLines, openFullText } from '../../src/console/full-text.js';
import { Table, type TableRow } from '../table/Table.js';
import { tone, type Token } from '../theme.js';
import { EventsList } from './EventsList.js';
import { PaneTitle } from './PaneTitle.js';

const TONED = ['state', 'reason'];

const CONTAINER_COLUMNS: ColumnSpec[] = [
  { id: 'name', header: 'CONTAINER', width: 12, priority: 0, max: 40 },
  { id: 'state', header: 'STATE', width: 10, priority: 1, max: 30 },
  { id: 'reason', header: 'REASON', width: 18, priority: 2, max: 40 },
  { id: 'restarts', header: 'RESTARTS', width: 8, priority: 3, align: 'right', max: 10 },
  { id: 'image', header: 'IMAGE', width: 16, priority: 4, flex: true },
];

export function PodPane({ target, width, height, focused = true }: { target: string; width: number; height: number; focused?: boolean }) {
  const store = useAppStoreApi();
  const kube = useKubeView();
  const cursor = useAppStore((s) => s.ui.cursor.pod ?? 0);
  const now = useTick(10_000);
  const detail = useMemo(() => podDetail(kube, target), [kube, target]);
  const containers = detail?.pod.containers ?? [];

  usePaneKeys((action) => {
    const next = moveCursor(action, latestCursor(store, 'pod'), containers.length, containers.length);
    if (next !== undefined) store.getState().actions.setCursor('pod', next);
    if (action === 'full-text' && detail) openFullText(store, `Events of Pod ${detail.pod.namespace}/${detail.pod.name}`, eventLines(detail.events, Date.now()));
  }, focused);

  if (!detail) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <PaneTitle title={`Pod ${target}`} width={width} />
        <Text color={tone('muted')}>{`Pod ${target} is gone (deleted or replaced). Esc goes back.`}</Text>
      </Box>
    );
  }
  const { pod, events } = detail;
  const rows: TableRow[] = containers.map((c) => {
    const token: Token = c.state === 'running' && c.ready ? 'ok' : c.state === 'terminated' && c.reason === 'Completed' ? 'muted' : c.reason && /BackOff|Error|Err|Config/.test(c.reason) ? 'failing' : 'warn';
    return { id: c.name, cells: { name: c.name, state: c.ready ? `${c.state}` : `${c.state} (not ready)`, reason: c.reason ?? '', restarts: String(c.restartCount), image: c.image }, token };
  });
  // A few containers: the columns follow their cells (the table redraws these rows when they change anyway).
  const columns = fitColumns(CONTAINER_COLUMNS, width, contentWidths(rows, ['name', 'state', 'reason', 'restarts']));
  const messages = containers.filter((c) => c.message || c.lastExitCode !== undefined).slice(0, 3);
  const info = `${pod.readyContainers}/${pod.totalContainers} ready · ${pod.status} · ${pod.node ?? 'unscheduled'} · ${formatAge(pod.created, now)}`;
  const used = 2 + rows.length + messages.length;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneTitle title={`Pod ${pod.namespace}/${pod.name}`} info={info} width={width} />
      <Table columns={columns} rows={rows} cursor={focused ? cursor : -1} offset={0} height={rows.length} toned={TONED} />
      {messages.map((c) => (
        <Text key={c.name} color={tone(podHealth(pod) === 'ok' ? 'muted' : 'warn')} wrap="truncate">
          {truncate(`${c.name}: ${c.message ?? ''}${c.lastExitCode !== undefined ? ` (last exit ${c.lastExitCode}${c.lastTerminatedAt ? `, ${formatAge(c.lastTerminatedAt, now)} ago` : ''})` : ''}`, width)}
        </Text>
      ))}
      <EventsList events={events} width={width} height={Math.max(0, height - used - 1)} now={now} hint={focused} />
    </Box>
  );
}
