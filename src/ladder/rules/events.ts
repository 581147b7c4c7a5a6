// Warning events of the last 15 minutes, one finding per workload.
import type { EventRecord } from '../../store/index.js';
import type { Finding } from '../types.js';
import type { EventFinding } from '../merge.js';
import { ageMs } from '../age.js';
import { listSome, plural, podComponent, type Kube } from './util.js';

export const EVENT_WINDOW_MS = 15 * 60_000;

export function eventComponent(kube: Kube, e: EventRecord): string {
  if (e.involvedKind === 'Pod') {
    const p = kube.pods[`${e.namespace}/${e.involvedName}`];
    if (p) return podComponent(p);
  }
  return e.involvedName;
}

export function eventRules(kube: Kube, now: number): Finding[] {
  const groups = new Map<string, EventRecord[]>();
  for (const e of Object.values(kube.events)) {
    if (e.type !== 'Warning' || ageMs(e.last, now) > EVENT_WINDOW_MS) continue;
    const k = `${e.namespace}/${eventComponent(kube, e)}`;
    const g = groups.get(k);
    if (g) g.push(e);
    else groups.set(k, [e]);
  }
  const out: Finding[] = [];
  for (const [k, evs] of groups) {
    evs.sort((a, b) => b.last.localeCompare(a.last));
    const first = evs[0]!;
    const reasons = new Map<string, number>();
    for (const e of evs) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + e.count);
    const slash = k.indexOf('/');
    const finding: EventFinding = {
      id: `warning-event:${k}`,
      severity: 'warn',
      namespace: first.namespace,
      component: k.slice(slash + 1),
      rule: 'warning-event',
      title: `${k}: ${plural(evs.reduce((a, e) => a + e.count, 0), 'warning event')} (${[...reasons.keys()].join(', ')})`,
      detail: listSome(evs.map((e) => `${e.involvedKind} ${e.involvedName}: ${e.reason}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`)),
      target: { kind: first.involvedKind, namespace: first.namespace, name: first.involvedName },
      events: evs.map((e) => ({ reason: e.reason, line: `${e.involvedName}: ${e.reason}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}` })),
    };
    out.push(finding);
  }
  return out;
}
