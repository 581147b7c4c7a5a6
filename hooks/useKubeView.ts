// The kube collections that drill-down views read, each selected by reference, so that a view re-renders
// only when one of them changes (not on every flush of the kube slice).
import { useMemo } from 'react';
import type { KubeSlice } from '../src/store/kube-slice.js';
import { useAppStore } from './useAppStore.js';

export type KubeView = Pick<KubeSlice['kube'], 'pods' | 'workloads' | 'nodes' | 'pgClusters' | 'events'>;

export function useKubeView(): KubeView {
  const pods = useAppStore((s) => s.kube.pods);
  const workloads = useAppStore((s) => s.kube.workloads);
  const nodes = useAppStore((s) => s.kube.nodes);
  const pgClusters = useAppStore((s) => s.kube.pgClusters);
  const events = useAppStore((s) => s.kube.events);
  return useMemo(() => ({ pods, workloads, nodes, pgClusters, events }), [pods, workloads, nodes, pgClusters, events]);
}
