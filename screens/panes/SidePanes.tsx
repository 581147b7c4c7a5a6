// What sits beside the focused pane on a wide terminal: a preview of what its cursor is on (the selected
// row's workload or pod, the finding's target, a workload's selected pod), else the Check findings. Always
// unfocused: the keys stay with the focused pane.
import { useKubeView } from '../../hooks/useKubeView.js';
import { useAppStore } from '../../hooks/useAppStore.js';
import { useFindings } from '../../hooks/useFindings.js';
import { useStatusRows } from '../../hooks/useStatusRows.js';
import { statusRowIdFor } from '../../src/views/index.js';
import { CheckPane } from './CheckPane.js';
import { PodPane } from './PodPane.js';
import { StatusPane } from './StatusPane.js';
import { WorkloadPane } from './WorkloadPane.js';

export interface SideProps {
  width: number;
  height: number;
  /** The focused pane's record (a drill-down's workload or pod key), if it has one. */
  target?: string;
}

/** The default preview: the Check findings. */
export function CheckSide({ width, height }: SideProps) {
  return <CheckPane width={width} height={height} focused={false} />;
}

/** Beside Status: the selected workload (or cluster) or pod; the findings on a group or node row. */
export function StatusSide({ width, height }: SideProps) {
  const { rows } = useStatusRows();
  const cursor = useAppStore((s) => s.ui.cursor.status ?? 0);
  const row = rows[Math.min(cursor, rows.length - 1)];
  if (row?.target && (row.kind === 'workload' || row.kind === 'cluster')) return <WorkloadPane target={row.target} width={width} height={height} focused={false} />;
  if (row?.target && row.kind === 'pod') return <PodPane target={row.target} width={width} height={height} focused={false} />;
  return <CheckSide width={width} height={height} />;
}

/** Beside Check: the selected finding's target (a pod, a workload, a cluster), else Status. */
export function FindingSide({ width, height }: SideProps) {
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

/** Beside a workload: its selected pod, else the findings. */
export function WorkloadSide({ width, height, target }: SideProps) {
  const kube = useKubeView();
  const podCursor = useAppStore((s) => s.ui.cursor.workload ?? 0);
  const w = target ? kube.workloads[target] : undefined;
  const c = target ? kube.pgClusters[target] : undefined;
  const owner = w ? { kind: w.kind, ns: w.namespace, name: w.name } : c ? { kind: 'Cluster', ns: c.namespace, name: c.name } : undefined;
  const pods = owner ? Object.values(kube.pods).filter((p) => p.namespace === owner.ns && p.ownerKind === owner.kind && p.ownerName === owner.name).sort((a, b) => a.name.localeCompare(b.name)) : [];
  const pod = pods[Math.min(podCursor, pods.length - 1)];
  if (pod) return <PodPane target={pod.key} width={width} height={height} focused={false} />;
  return <CheckSide width={width} height={height} />;
}
