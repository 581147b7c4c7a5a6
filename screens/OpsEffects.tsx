// Renders nothing: keeps the console's ConsoleOps in step with the screen (the selected object for r and R)
// and journals the ladder's rung changes (each change once; nothing before the first sync of the pods).
import { useEffect } from 'react';
import { useAppStore, useAppStoreApi } from '../hooks/useAppStore.js';
import { useLadder } from '../hooks/useLadder.js';
import { ownerOf, useOpsSelection } from '../hooks/useOpsSelection.js';
import { opsOf } from '../src/ops/ops-registry.js';

export function OpsEffects() {
  const store = useAppStoreApi();
  const ops = opsOf(store.getState());
  const selection = useOpsSelection();
  const ladder = useLadder();
  const synced = useAppStore((s) => Boolean(s.kube.synced.pods && s.kube.synced.workloads));
  const kube = useAppStore((s) => s.kube);
  if (ops) {
    ops.selection = selection;
    ops.restartTarget = selection ? ownerOf(kube, selection) : undefined;
  }
  useEffect(() => {
    if (ops && synced) ops.recordLadder(ladder);
  }, [ops, ladder, synced]);
  return null;
}
