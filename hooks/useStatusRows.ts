// Rung 1's rows for the current namespace, filter and sort, memoised on the store references they come from.
import { useMemo } from 'react';
import { buildStatusRows, compileFilter, type StatusRow } from '../src/views/index.js';
import { useAppStore } from './useAppStore.js';

export function useStatusRows(): { rows: StatusRow[]; filterError?: string } {
  const kube = useAppStore((s) => s.kube);
  const namespace = useAppStore((s) => s.ui.namespace);
  const filter = useAppStore((s) => s.ui.filter);
  const sort = useAppStore((s) => s.ui.sort.status);
  return useMemo(() => {
    const { re, error } = compileFilter(filter);
    return { rows: buildStatusRows(kube, { namespace, filter: re, sort }), filterError: error };
  }, [kube, namespace, filter, sort]);
}
