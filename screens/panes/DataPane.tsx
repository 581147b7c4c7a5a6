// Rung 5: the CloudNativePG cluster, PostgreSQL from inside (when a DSN is configured), the backups and the
// barman pods. Its lines are dataLines (src/views/data-lines.ts), pure; j/k, PgUp/PgDn and g/G scroll them; r
// offers the rung's runbooks (the connection-exhaustion one among them).
import { Box } from 'ink';
import { useMemo } from 'react';
import { useAppStore, useAppStoreApi } from '../../hooks/useAppStore.js';
import { latestCursor, moveCursor, usePaneKeys } from '../../hooks/usePaneKeys.js';
import { useTick } from '../../hooks/useTick.js';
import { rungTitle } from '../../src/ladder/rung-table.js';
import { dataLines } from '../../src/views/index.js';
import { PaneTitle } from './PaneTitle.js';
import { WrappedLines } from './WrappedLines.js';

const byKey = <T extends { key: string }>(r: Record<string, T>) => Object.values(r).sort((a, b) => a.key.localeCompare(b.key));

export function DataPane({ width, height }: { width: number; height: number }) {
  const store = useAppStoreApi();
  const pgClusters = useAppStore((s) => s.kube.pgClusters);
  const pods = useAppStore((s) => s.kube.pods);
  const pgBackups = useAppStore((s) => s.kube.pgBackups);
  const pgScheduled = useAppStore((s) => s.kube.pgScheduledBackups);
  const names = useAppStore((s) => s.box);
  const clustersSynced = useAppStore((s) => Boolean(s.kube.synced.pgClusters));
  const postgres = useAppStore((s) => s.postgres);
  const pgHealth = useAppStore((s) => s.sources.postgres);
  const raw = useAppStore((s) => s.ui.cursor.data ?? 0);
  const now = useTick(5_000);
  const lines = useMemo(
    () => dataLines({ clusters: byKey(pgClusters), clustersSynced, backups: Object.values(pgBackups), scheduled: byKey(pgScheduled), pods: Object.values(pods), names, postgres, pgHealth, now }),
    [pgClusters, clustersSynced, pgBackups, pgScheduled, pods, names, postgres, pgHealth, now],
  );
  const page = Math.max(1, height - 1);
  const last = Math.max(0, lines.length - page);
  const offset = Math.min(raw, last);
  usePaneKeys((action) => {
    const next = moveCursor(action, Math.min(latestCursor(store, 'data'), last), last + 1, page);
    if (next !== undefined) store.getState().actions.setCursor('data', next);
  });
  const more = lines.length > page ? `${offset + 1}-${Math.min(lines.length, offset + page)} of ${lines.length} · j/k scroll` : undefined;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneTitle title={rungTitle(5)} {...(more ? { info: more } : {})} width={width} />
      <WrappedLines lines={lines.slice(offset)} width={width} height={height - 1} />
    </Box>
  );
}
