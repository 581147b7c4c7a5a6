// The ladder: pure functions from store state (and the time) to findings in dependency order and a verdict per
// rung. Cheap enough to run on every store flush: each rule is one pass over its records.
import type { State } from '../store/index.js';
import { CHECK_AREAS } from './box-graph.js';
import { mergeFindings } from './merge.js';
import { orderFindings } from './order.js';
import { certificateRules } from './rules/certificates.js';
import { eventRules } from './rules/events.js';
import { nodeRules } from './rules/nodes.js';
import { podRules } from './rules/pods.js';
import { postgresRules } from './rules/postgres.js';
import { pvcRules } from './rules/pvcs.js';
import { workloadRules } from './rules/workloads.js';
import type { Kube } from './rules/util.js';
import { evaluateRungs, overallVerdict, worstOf } from './rungs.js';
import type { Finding, LadderResult, Verdict } from './types.js';

export { BOX_COMPONENTS, CHECK_AREAS, ancestorsOf } from './box-graph.js';
export { RUNG_INFO, countText, worstOf } from './rungs.js';
export type { Finding, LadderResult, RungVerdict, Verdict } from './types.js';

/** Every rule's findings, merged per component and in dependency order (root causes first). */
export function evaluateFindings(kube: Kube, now: number): Finding[] {
  const raw = [
    ...nodeRules(kube),
    ...postgresRules(kube, now),
    ...podRules(kube, now),
    ...workloadRules(kube, now),
    ...pvcRules(kube, now),
    ...certificateRules(kube, now),
    ...eventRules(kube, now),
  ];
  const nodes = Object.values(kube.nodes);
  return orderFindings(mergeFindings(raw), { allNodesDown: nodes.length > 0 && nodes.every((n) => !n.ready) });
}

export function evaluateLadder(state: State, now: number): LadderResult {
  const findings = evaluateFindings(state.kube, now);
  const rungs = evaluateRungs(state, findings, now);
  const first = findings[0];
  const result: LadderResult = { rungs, findings, overall: overallVerdict(rungs) };
  if (first && first.severity === 'failing' && !first.blockedBy?.length) result.rootCause = first;
  return result;
}

/** The namespaces `sunbeam check SCOPE` covers: an area of the playbook (data, storage, matrix, monitoring) or one namespace. */
export function scopeNamespaces(scope: string): readonly string[] {
  return CHECK_AREAS[scope]?.namespaces ?? [scope];
}

/**
 * The findings for one namespace or area (`check data` covers data and cnpg-system, with barman and the
 * backups; `check storage` SeaweedFS; `check matrix` Synapse and Sol; `check monitoring` the monitoring
 * stack), in the ladder's order. Root causes outside the scope that a finding here is blocked by come first,
 * so that "because the database is down" points at something on the page.
 */
export function checkNamespace(state: State, scope: string, now: number): Finding[] {
  const all = evaluateFindings(state.kube, now);
  const inScope = new Set(scopeNamespaces(scope));
  const mine = all.filter((f) => inScope.has(f.namespace));
  const needed = new Set<string>();
  for (const f of mine) for (const b of f.blockedBy ?? []) needed.add(b);
  const roots = all.filter((f) => needed.has(f.id) && !inScope.has(f.namespace));
  return [...roots, ...mine];
}

/** The verdict of a list of findings (ok when empty). */
export function verdictOf(findings: readonly Finding[]): Verdict {
  return worstOf(findings);
}
