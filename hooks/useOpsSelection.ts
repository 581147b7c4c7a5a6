// What the r and R keys are about: the object selected in the focused pane (a workload, a CloudNativePG
// cluster, a pod, a namespace group, a finding's target), from the same rows and cursors the panes use.
import { useMemo } from 'react';
import type { ActionTarget } from '../src/actions/types.js';
import type { State } from '../src/store/index.js';
import { rungInfo } from '../src/views/rungs.js';
import { useAppStore } from './useAppStore.js';
import { useFindings } from './useFindings.js';
import { useStatusRows } from './useStatusRows.js';

type Kube = State['kube'];

function fromKey(kube: Kube, key: string): ActionTarget | undefined {
  const w = kube.workloads[key];
  if (w) return { kind: w.kind, namespace: w.namespace, name: w.name };
  const c = kube.pgClusters[key];
  if (c) return { kind: 'Cluster', namespace: c.namespace, name: c.name };
  const p = kube.pods[key];
  if (p) return { kind: 'Pod', namespace: p.namespace, name: p.name };
  return undefined;
}

/** The workload (or cluster) a pod belongs to, for R on a pod. */
export function ownerOf(kube: Kube, t: ActionTarget): ActionTarget {
  if (t.kind !== 'Pod') return t;
  const p = kube.pods[`${t.namespace}/${t.name}`];
  if (!p) return t;
  const cluster = p.labels['cnpg.io/cluster'];
  if (cluster) return { kind: 'Cluster', namespace: p.namespace, name: cluster };
  const w = Object.values(kube.workloads).find(
    (x) => x.namespace === p.namespace && Object.keys(x.selector).length > 0 && Object.entries(x.selector).every(([k, v]) => p.labels[k] === v),
  );
  return w ? { kind: w.kind, namespace: w.namespace, name: w.name } : t;
}

export function useOpsSelection(): ActionTarget | undefined {
  const frame = useAppStore((s) => s.ui.stack[s.ui.stack.length - 1]);
  const rung = useAppStore((s) => s.ui.rung);
  const statusCursor = useAppStore((s) => s.ui.cursor.status ?? 0);
  const checkCursor = useAppStore((s) => s.ui.cursor.check ?? 0);
  const kube = useAppStore((s) => s.kube);
  const { rows } = useStatusRows();
  const { findings } = useFindings();
  const view = rungInfo(rung).view;
  return useMemo(() => {
    if (frame?.target) return fromKey(kube, frame.target);
    if (view === 'status') {
      const row = rows[Math.min(statusCursor, rows.length - 1)];
      if (!row) return undefined;
      if (row.kind === 'group') return { kind: 'Namespace', namespace: row.namespace, name: row.namespace };
      return row.target ? fromKey(kube, row.target) : undefined;
    }
    if (view === 'check') {
      const f = findings[Math.min(checkCursor, findings.length - 1)];
      return f?.target ? { kind: f.target.kind === 'PgCluster' ? 'Cluster' : f.target.kind, namespace: f.target.namespace, name: f.target.name } : undefined;
    }
    return undefined;
  }, [frame, view, rows, statusCursor, findings, checkCursor, kube]);
}
