// "Alerts -> Matrix": a broken path (src/ladder/alert-path.ts, matrixPath) is one finding on the receiver's
// Deployment in monitoring, failing, naming the broken hop with the evidence, so that `check monitoring` and the
// alerts-not-reaching-matrix drill say it. A path that works, or that cannot be told, gives nothing here (the
// Alerts pane shows which hops cannot be checked).
import { matrixPath, RECEIVER } from '../alert-path.js';
import type { Finding, LadderState } from '../types.js';

export const ALERT_PATH_FINDING = `alert-path:${RECEIVER.namespace}/${RECEIVER.name}`;

export function alertPathRules(state: LadderState, now: number): Finding[] {
  const path = matrixPath(state, now);
  if (path.verdict !== 'failing' || !path.broken) return [];
  const workload = Object.values(state.kube.workloads).find((w) => w.namespace === RECEIVER.namespace && w.name === RECEIVER.name);
  const hops = path.hops.map((h) => `${h.label}: ${h.verdict}`).join(' · ');
  return [
    {
      id: ALERT_PATH_FINDING,
      severity: 'failing',
      namespace: RECEIVER.namespace,
      component: RECEIVER.name,
      rule: 'alerts-not-reaching-matrix',
      title: `Alerts do not reach Matrix: ${path.broken.label} is broken`,
      detail: `${path.sentence}. Path: ${hops}.`,
      target: { kind: workload?.kind ?? 'Deployment', namespace: RECEIVER.namespace, name: RECEIVER.name },
    },
  ];
}
