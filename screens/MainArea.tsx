// The main area: the focused pane (the rung's own, or the top of the drill-down stack) and, on wide terminals,
// a second pane beside it: the selected row's pods/containers and events, or the Check findings.
import { Box } from 'ink';
import { useKubeView } from '../hooks/useKubeView.js';
import { useAppStore } from '../hooks/useAppStore.js';
import { useFindings } from '../hooks/useFindings.js';
import { useStatusRows } from '../hooks/useStatusRows.js';
import { rungInfo, statusRowIdFor } from '../src/views/index.js';
import { CheckPane } from './panes/CheckPane.js';
import { DataPane } from './panes/DataPane.js';
import { PlaceholderPane } from './panes/PlaceholderPane.js';
import { PodPane } from './panes/PodPane.js';
import { StatusPane } from './panes/StatusPane.js';
import { WorkloadPane } from './panes/WorkloadPane.js';
import { tone } from './theme.js';

/** Wide layouts get a second pane when the main area is at least this wide. */
export const SPLIT_MIN_WIDTH = 130;

interface PaneProps {
  width: number;
  height: number;
}

function FocusedPane({ width, height }: PaneProps) {
  const rung = useAppStore((s) => s.ui.rung);
  const frame = useAppStore((s) => s.ui.stack[s.ui.stack.length - 1]);
  if (frame?.view === 'workload' && frame.target) return <WorkloadPane key={frame.target} target={frame.target} width={width} height={height} />;
  if (frame?.view === 'pod' && frame.target) return <PodPane key={frame.target} target={frame.target} width={width} height={height} />;
  const info = rungInfo(rung);
  if (info.view === 'status') return <StatusPane width={width} height={height} />;
  if (info.view === 'check') return <CheckPane width={width} height={height} />;
  if (info.view === 'data') return <DataPane width={width} height={height} />;
  return <PlaceholderPane rung={info} width={width} height={height} />;
}

function StatusSide({ width, height }: PaneProps) {
  const { rows } = useStatusRows();
  const cursor = useAppStore((s) => s.ui.cursor.status ?? 0);
  const row = rows[Math.min(cursor, rows.length - 1)];
  if (row?.target && (row.kind === 'workload' || row.kind === 'cluster')) return <WorkloadPane target={row.target} width={width} height={height} focused={false} />;
  if (row?.target && row.kind === 'pod') return <PodPane target={row.target} width={width} height={height} focused={false} />;
  return <CheckPane width={width} height={height} focused={false} />;
}

function CheckSide({ width, height }: PaneProps) {
  const { findings } = useFindings();
  const cursor = useAppStore((s) => s.ui.cursor.check ?? 0);
  const kube = useKubeView();
  const f = findings[Math.min(cursor, findings.length - 1)];
  const id = f?.target ? statusRowIdFor(kube, f.target) : undefined;
  if (id && kube.pods[id]) return <PodPane target={id} width={width} height={height} focused={false} />;
  const cluster = id?.startsWith('cluster:') ? id.slice('cluster:'.length) : undefined;
  if (cluster) return <WorkloadPane target={cluster} width={width} height={height} focused={false} />;
  if (id && kube.workloads[id]) return <WorkloadPane target={id} width={width} height={height} focused={false} />;
  return <StatusPane width={width} height={height} focused={false} />;
}

function SidePane({ width, height }: PaneProps) {
  const rung = useAppStore((s) => s.ui.rung);
  const frame = useAppStore((s) => s.ui.stack[s.ui.stack.length - 1]);
  const kube = useKubeView();
  const podCursor = useAppStore((s) => s.ui.cursor.workload ?? 0);
  if (frame?.view === 'workload' && frame.target) {
    const w = kube.workloads[frame.target];
    const c = kube.pgClusters[frame.target];
    const owner = w ? { kind: w.kind, ns: w.namespace, name: w.name } : c ? { kind: 'Cluster', ns: c.namespace, name: c.name } : undefined;
    const pods = owner ? Object.values(kube.pods).filter((p) => p.namespace === owner.ns && p.ownerKind === owner.kind && p.ownerName === owner.name).sort((a, b) => a.name.localeCompare(b.name)) : [];
    const pod = pods[Math.min(podCursor, pods.length - 1)];
    if (pod) return <PodPane target={pod.key} width={width} height={height} focused={false} />;
  }
  if (frame) return <CheckPane width={width} height={height} focused={false} />;
  const view = rungInfo(rung).view;
  if (view === 'status') return <StatusSide width={width} height={height} />;
  if (view === 'check') return <CheckSide width={width} height={height} />;
  return <CheckPane width={width} height={height} focused={false} />;
}

export function MainArea({ width, height }: PaneProps) {
  if (width < SPLIT_MIN_WIDTH) return <FocusedPane width={width} height={height} />;
  const main = Math.floor(width * 0.55);
  const side = width - main - 1;
  return (
    <Box flexDirection="row" width={width} height={height}>
      <Box width={main + 1} height={height} borderStyle="single" borderTop={false} borderBottom={false} borderLeft={false} borderColor={tone('muted')}>
        <FocusedPane width={main} height={height} />
      </Box>
      <SidePane width={side} height={height} />
    </Box>
  );
}
