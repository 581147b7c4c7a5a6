// The "Alerts -> Matrix" path (src/ladder/alert-path.ts matrixPath) from the store, recomputed when a slice it
// reads changes (and on the pane's tick, for the ages in its sentences).
import { useMemo } from 'react';
import { matrixPath, type MatrixPath } from '../src/ladder/alert-path.js';
import { useAppStore } from './useAppStore.js';

export function useMatrixPath(now: number): MatrixPath {
  const kube = useAppStore((s) => s.kube);
  const sources = useAppStore((s) => s.sources);
  const alerts = useAppStore((s) => s.alerts);
  const loki = useAppStore((s) => s.loki);
  const sol = useAppStore((s) => s.sol);
  const box = useAppStore((s) => s.box);
  return useMemo(() => matrixPath({ kube, sources, alerts, loki, sol, box }, now), [kube, sources, alerts, loki, sol, box, now]);
}
