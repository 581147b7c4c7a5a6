// Nodes: NotReady, resource pressure, cordoned.
import type { Finding } from '../types.js';
import type { Kube } from './util.js';

export function nodeRules(kube: Kube): Finding[] {
  const out: Finding[] = [];
  for (const n of Object.values(kube.nodes)) {
    const target = { kind: 'Node', namespace: '', name: n.name };
    if (!n.ready) {
      out.push({ id: `node-not-ready:${n.name}`, severity: 'failing', namespace: '', component: n.name, rule: 'node-not-ready', title: `node ${n.name}: NotReady`, detail: `The kubelet on ${n.name} is not reporting Ready; every pod on it is affected.`, target });
    }
    if (n.pressures.length) {
      out.push({ id: `node-pressure:${n.name}`, severity: 'warn', namespace: '', component: n.name, rule: 'node-pressure', title: `node ${n.name}: ${n.pressures.join(', ')}`, detail: `The node reports ${n.pressures.join(' and ')}; pods may be evicted.`, target });
    }
    if (n.unschedulable) {
      out.push({ id: `node-cordoned:${n.name}`, severity: 'warn', namespace: '', component: n.name, rule: 'node-cordoned', title: `node ${n.name}: cordoned (SchedulingDisabled)`, detail: 'No new pods can be scheduled on it; uncordon it when maintenance is over.', target });
    }
  }
  return out;
}
