// Rung 1: pods, workloads, CloudNativePG clusters and nodes, grouped by namespace; filter, sort, namespace,
// a cursor, and Enter to drill into a workload or a pod or to fold a namespace. The columns take the width they
// have: STATUS, READY and the rest grow to their longest cell before the name takes what is left.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useAppStore, useAppStoreApi } from '../../hooks/useAppStore.js';
import { latestCursor, moveCursor, usePaneKeys, useRowCursor } from '../../hooks/usePaneKeys.js';
import { useStatusRows } from '../../hooks/useStatusRows.js';
import { useTick } from '../../hooks/useTick.js';
import { useViewport } from '../../hooks/useViewport.js';
import { contentWidths, displayWidth, fitColumnsPreferring, formatAge, parseSort, type ColumnSpec, type StatusRow } from '../../src/views/index.js';
import { rungTitle } from '../../src/ladder/rung-table.js';
import { Table, type TableRow } from '../table/Table.js';
import { tone } from '../theme.js';
import { PaneTitle } from './PaneTitle.js';

const TONED = ['status', 'ready'];

export const STATUS_COLUMNS: ColumnSpec[] = [
  { id: 'name', header: 'NAME', width: 24, priority: 0, flex: true },
  { id: 'ready', header: 'READY', width: 5, priority: 2, max: 9 },
  { id: 'status', header: 'STATUS', width: 16, priority: 1, max: 48 },
  { id: 'restarts', header: 'RESTARTS', width: 8, priority: 3, align: 'right', max: 10 },
  // 6: the longest of kubectl's ages ("7y364d"; "5d14h", "7m30s" take 5).
  { id: 'age', header: 'AGE', width: 6, priority: 4, align: 'right' },
  { id: 'node', header: 'NODE', width: 12, priority: 5, max: 40 },
];

/** The header mark of the sort column: ▾ in the column's natural order, ▴ reversed (S). */
export function sortMarks(sort: string | undefined): Record<string, string> {
  const { column, reversed } = parseSort(sort);
  return { [column]: reversed ? '▴' : '▾' };
}

function toTableRow(r: StatusRow, now: number): TableRow {
  const indent = r.kind === 'group' ? (r.folded ? '▸ ' : '▾ ') : '  '.repeat(Math.max(0, r.depth - 1));
  return {
    id: r.id,
    cells: {
      name: indent + r.name,
      ready: r.ready,
      status: r.status,
      restarts: r.restarts === undefined ? '' : String(r.restarts),
      age: formatAge(r.created, now),
      node: r.node ?? '',
    },
    token: r.health,
    bold: r.kind === 'group',
  };
}

export function StatusPane({ width, height, focused = true }: { width: number; height: number; focused?: boolean }) {
  const store = useAppStoreApi();
  const { rows } = useStatusRows();
  const namespace = useAppStore((s) => s.ui.namespace);
  const sort = useAppStore((s) => s.ui.sort.status ?? 'name');
  const synced = useAppStore((s) => Boolean(s.kube.synced.pods));
  const server = useAppStore((s) => s.kube.server);
  const sourceError = useAppStore((s) => s.sources.kubernetes?.lastError);
  const now = useTick(10_000);

  const cursor = useRowCursor('status', rows.map((r) => r.id), focused);
  const tableHeight = Math.max(1, height - 2);
  const offset = useViewport(cursor, tableHeight, rows.length);
  const tableRows = useMemo(() => rows.map((r) => toTableRow(r, now)), [rows, now]);
  const longest = useMemo(() => Math.min(40, tableRows.reduce((n, r) => Math.max(n, displayWidth(r.cells.name!)), 0)), [tableRows]);
  // Group rows carry their counts in STATUS ("3/3 pods ok"), which may spill: only the records' own cells count.
  const wanted = useMemo(() => contentWidths(tableRows.filter((r) => !r.bold), ['ready', 'status', 'restarts', 'node']), [tableRows]);
  // Re-fitted when a width changes, not on every flush (the rows keep their look while the columns stay).
  const widthKey = JSON.stringify(wanted);
  const columns = useMemo(() => fitColumnsPreferring(STATUS_COLUMNS, width, longest, 4, wanted), [width, longest, widthKey]);

  usePaneKeys((action) => {
    const { actions } = store.getState();
    const next = moveCursor(action, latestCursor(store, 'status'), rows.length, tableHeight);
    if (next !== undefined) return actions.setCursor('status', next);
    if (action !== 'enter') return;
    const row = rows[Math.min(latestCursor(store, 'status'), rows.length - 1)];
    if (row?.kind === 'group') return actions.setFolded(row.id.slice('group:'.length));
    if (!row?.target) return;
    if (row.kind === 'workload' || row.kind === 'cluster') actions.pushView({ view: 'workload', target: row.target });
    else if (row.kind === 'pod') actions.pushView({ view: 'pod', target: row.target });
    else if (row.kind === 'node') actions.flash(`Node ${row.name}: ${row.status}`);
  }, focused);

  const { column, reversed } = parseSort(sort);
  const info = `ns: ${namespace ?? 'all'} · sort: ${column}${reversed ? ' (reversed)' : ''} · ${rows.length} rows`;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneTitle title={rungTitle(1)} info={info} width={width} />
      {rows.length === 0 ? (
        <Text color={tone(sourceError ? 'failing' : 'muted')} wrap="wrap">
          {sourceError ?? (synced ? 'Nothing matches the filter or namespace (Esc clears the filter).' : `Loading from ${server || 'the Kubernetes API'}…`)}
        </Text>
      ) : (
        <Table columns={columns} rows={tableRows} cursor={focused ? cursor : -1} offset={offset} height={tableHeight} toned={TONED} marks={sortMarks(sort)} />
      )}
    </Box>
  );
}
