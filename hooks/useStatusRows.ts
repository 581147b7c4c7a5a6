// Rung 1's rows for the current namespace, filter and sort, memoised on the store references they come from.
import { useMemo } from 'react';
import { buildStatusRows, compileFilter, type StatusRow } from '../src/views/index.js';
import { useAppStore } from './useAppStore.js';

export function useStatusRows(): { rows: StatusRow[]; filterError?: string } {
  // The collections the rows come from, each by reference: a flush that only brings events changes none.
  const pods = useAppStore((s) => s.kube.pods);
  const workloads = useAppStore((s) => s.kube.workloads);
  const nodes = useAppStore((s) => s.kube.nodes);
  const pgClusters = useAppStore((s) => s.kube.pgClusters);
  const namespace = useAppStore((s) => s.ui.namespace);
  const filter = useAppStore((s) => s.ui.filter);
  const sort = useAppStore((s) => s.ui.sort.status);
  const folded = useAppStore((s) => s.ui.folded);
  return useMemo(() => {
    const { re, error } = compileFilter(filter);
    return { rows: buildStatusRows({ pods, workloads, nodes, pgClusters }, { namespace, filter: re, sort, folded: new Set(folded) }), filterError: error };
  }, [pods, workloads, nodes, pgClusters, namespace, filter, sort, folded]);
}
