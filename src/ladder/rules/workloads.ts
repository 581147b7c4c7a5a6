// Deployments, StatefulSets and DaemonSets below their desired replicas.
import type { Finding } from '../types.js';
import { ageMs } from '../age.js';
import { KIND_WORD, type Kube } from './util.js';
import { POD_GRACE_MS } from './pods.js';

export function workloadRules(kube: Kube, now: number): Finding[] {
  const out: Finding[] = [];
  for (const w of Object.values(kube.workloads)) {
    if (w.desired <= 0 || w.ready >= w.desired) continue;
    if (ageMs(w.created, now) < POD_GRACE_MS) continue;
    const rolling = w.observedGeneration < w.generation || w.updated < w.desired;
    out.push({
      id: `workload-below-desired:${w.namespace}/${w.name}`,
      severity: w.ready === 0 ? 'failing' : 'warn',
      namespace: w.namespace,
      component: w.name,
      rule: 'workload-below-desired',
      title: `${w.namespace}/${w.name}: ${KIND_WORD[w.kind] ?? w.kind} ${w.ready}/${w.desired} ready`,
      detail: `${w.kind} ${w.namespace}/${w.name} wants ${w.desired}, ${w.ready} ready, ${w.available} available, ${w.updated} up to date${rolling ? ' (a rollout is in progress)' : ''}${w.paused ? ' (rollout paused)' : ''}.`,
      target: { kind: w.kind, namespace: w.namespace, name: w.name },
    });
  }
  return out;
}
