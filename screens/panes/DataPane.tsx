// Rung 5, from what Kubernetes already shows: CloudNativePG clusters, the barman pods (by the Box's barman
// selector) and the recent backups.
// Connections and WAL archiving arrive with the PostgreSQL source.
import { Box } from 'ink';
import { useMemo } from 'react';
import { useAppStore } from '../../hooks/useAppStore.js';
import { useTick } from '../../hooks/useTick.js';
import { matchesSelector } from '../../src/ladder/box-graph.js';
import { rungTitle } from '../../src/ladder/rung-table.js';
import { clusterStatus, fit, formatAge, podHealth } from '../../src/views/index.js';
import { PaneTitle } from './PaneTitle.js';
import { WrappedLines, type PaneLine } from './WrappedLines.js';

export function DataPane({ width, height }: { width: number; height: number }) {
  const pgClusters = useAppStore((s) => s.kube.pgClusters);
  const pods = useAppStore((s) => s.kube.pods);
  const pgBackups = useAppStore((s) => s.kube.pgBackups);
  const barmanSelector = useAppStore((s) => s.box.barman.selector);
  const clustersSynced = useAppStore((s) => Boolean(s.kube.synced.pgClusters));
  const now = useTick(10_000);
  const clusters = useMemo(() => Object.values(pgClusters).sort((a, b) => a.key.localeCompare(b.key)), [pgClusters]);
  const barman = useMemo(() => Object.values(pods).filter((p) => matchesSelector(p.labels, barmanSelector)).sort((a, b) => a.key.localeCompare(b.key)), [pods, barmanSelector]);
  const backups = useMemo(() => Object.values(pgBackups).sort((a, b) => (b.stoppedAt ?? b.created).localeCompare(a.stoppedAt ?? a.created)), [pgBackups]);
  const lines: PaneLine[] = [];
  lines.push({ key: 'h-cl', text: `CLOUDNATIVEPG CLUSTERS (${clusters.length})`, tone: 'muted', bold: true });
  if (clusters.length === 0) lines.push({ key: 'no-cl', text: clustersSynced ? 'No CloudNativePG Cluster found.' : 'Loading…', tone: 'muted' });
  for (const c of clusters) {
    const s = clusterStatus(c);
    lines.push({ key: c.key, text: `${c.namespace}/${c.name}  ${c.readyInstances}/${c.instances} ready  ${c.phase}${c.primary ? `  primary ${c.primary}` : ''}`, tone: s.health });
    lines.push({ key: `${c.key}-b`, text: `  last backup ${c.lastSuccessfulBackup ? `${formatAge(c.lastSuccessfulBackup, now)} ago` : 'none'}${c.lastFailedBackup ? ` · last failure ${formatAge(c.lastFailedBackup, now)} ago` : ''}${c.firstRecoverabilityPoint ? ` · recoverable since ${c.firstRecoverabilityPoint.slice(0, 10)}` : ''}`, tone: 'muted' });
  }
  lines.push({ key: 'h-bm', text: `BARMAN PODS (${barman.length})`, tone: 'muted', bold: true });
  for (const p of barman) lines.push({ key: p.key, text: `${p.namespace}/${p.name}  ${p.readyContainers}/${p.totalContainers}  ${p.status}  restarts ${p.restarts}`, tone: podHealth(p) });
  lines.push({ key: 'h-bk', text: `BACKUPS (${backups.length})`, tone: 'muted', bold: true });
  for (const b of backups.slice(0, 10)) {
    lines.push({ key: b.key, text: `${fit(b.name, 32)} ${fit(b.phase, 10)} ${b.method} ${b.stoppedAt ? `${formatAge(b.stoppedAt, now)} ago` : ''}${b.error ? `  ${b.error}` : ''}`, tone: b.phase === 'completed' ? 'ok' : b.phase === 'failed' ? 'failing' : 'warn' });
  }
  lines.push({ key: 'nc', text: 'Connections and WAL archiving: not connected — they arrive with the PostgreSQL source (sunbeam-console check data).', tone: 'muted' });
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneTitle title={rungTitle(5)} width={width} />
      <WrappedLines lines={lines} width={width} height={height - 1} />
    </Box>
  );
}
