// Drill-down into a workload (or a CloudNativePG cluster): its pods and its recent events.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useKubeView } from '../../hooks/useKubeView.js';
import { useAppStoreApi } from '../../hooks/useAppStore.js';
import { latestCursor, moveCursor, usePaneKeys, useRowCursor } from '../../hooks/usePaneKeys.js';
import { useTick } from '../../hooks/useTick.js';
import { useViewport } from '../../hooks/useViewport.js';
import { contentWidths, fitColumnsPreferring, formatAge, podRow, workloadDetail, workloadStatus } from '../../src/views/index.js';
import { eventLines, openFullText } from '../../src/console/full-text.js';
import { Table, type TableRow } from '../table/Table.js';
import { tone } from '../theme.js';
import { EventsList } from './EventsList.js';
import { PaneTitle } from './PaneTitle.js';
import { STATUS_COLUMNS } from './StatusPane.js';

const TONED = ['status', 'ready'];

export function WorkloadPane({ target, width, height, focused = true }: { target: string; width: number; height: number; focused?: boolean }) {
  const store = useAppStoreApi();
  const kube = useKubeView();
  const now = useTick(10_000);
  const detail = useMemo(() => workloadDetail(kube, target), [kube, target]);
  const pods = detail?.pods ?? [];
  const cursor = useRowCursor('workload', pods.map((p) => p.key), focused);
  const tableHeight = Math.max(1, Math.min(pods.length, Math.floor((height - 3) / 2)));
  const offset = useViewport(cursor, tableHeight, pods.length);
  const longest = useMemo(() => pods.reduce((n, p) => Math.max(n, p.name.length), 0), [pods]);
  const rows = useMemo(
    (): TableRow[] =>
      pods.map((p) => {
        const r = podRow(p, 0);
        return { id: r.id, cells: { name: r.name, ready: r.ready, status: r.status, restarts: String(r.restarts ?? 0), age: formatAge(r.created, now), node: r.node ?? '' }, token: r.health };
      }),
    [pods, now],
  );
  const wanted = useMemo(() => contentWidths(rows, ['ready', 'status', 'restarts', 'node']), [rows]);
  // Re-fitted when a width changes, not on every flush (the rows keep their look while the columns stay).
  const widthKey = JSON.stringify(wanted);
  const columns = useMemo(() => fitColumnsPreferring(STATUS_COLUMNS, width, longest, 4, wanted), [width, longest, widthKey]);

  usePaneKeys((action) => {
    const { actions } = store.getState();
    const next = moveCursor(action, latestCursor(store, 'workload'), pods.length, tableHeight);
    if (next !== undefined) return actions.setCursor('workload', next);
    const pod = pods[Math.min(latestCursor(store, 'workload'), pods.length - 1)];
    if (action === 'enter' && pod) actions.pushView({ view: 'pod', target: pod.key });
    if (action === 'full-text' && detail) openFullText(store, `Events of ${detail.title}`, eventLines(detail.events, Date.now()));
  }, focused);

  if (!detail) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <PaneTitle title={target} width={width} />
        <Text color={tone('muted')}>{`${target} is gone (deleted or not listed yet). Esc goes back.`}</Text>
      </Box>
    );
  }
  const w = detail.workload;
  const ws = w ? workloadStatus(w) : undefined;
  const info = w ? `${w.ready}/${w.desired} ready · ${ws!.status}${w.restartedAt ? ` · restarted ${formatAge(w.restartedAt, now)} ago` : ''}` : `${pods.length} pods`;
  const eventsHeight = Math.max(0, height - 2 - (pods.length === 0 ? 1 : tableHeight + 1) - 1);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneTitle title={detail.title} info={info} width={width} />
      <Text color={tone('muted')} wrap="truncate">{`PODS (${pods.length})`}</Text>
      {pods.length === 0 ? (
        <Text color={tone('muted')}>No pods.</Text>
      ) : (
        <Table columns={columns} rows={rows} cursor={focused ? cursor : -1} offset={offset} height={tableHeight} toned={TONED} />
      )}
      <EventsList events={detail.events} width={width} height={eventsHeight} now={now} hint={focused} />
    </Box>
  );
}
