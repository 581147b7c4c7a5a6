// The ladder: pure functions from the store slices it reads (and the time) to findings in dependency order and
// a verdict per rung. Cheap enough to run on every store flush: each rule is one pass over its records; the
// memo (memo.ts) runs it again only when a slice it reads, or the tick, changed.
import { boxGraph, checkAreas, DEFAULT_BOX_NAMES, type BoxNames } from './box-graph.js';
import { mergeFindings } from './merge.js';
import { orderFindings } from './order.js';
import { RULES } from './rules/index.js';
import { isNodeFindingOf, nodesOf, statusFindings } from './scope.js';
import { evaluateRungs, overallVerdict, RUNG_READS } from './rungs.js';
import type { Finding, LadderResult, LadderSlice, LadderState } from './types.js';

export type { Finding, LadderResult } from './types.js';
export { createLadderMemo, type EvaluateLadder } from './memo.js';

/** Every slice some rule or rung reads: the ladder is evaluated again when any of them changes. */
export const LADDER_READS: readonly LadderSlice[] = [...new Set([...RULES.flatMap((r) => r.reads), ...RUNG_READS])];

/** Every rule's findings, merged per component and in dependency order (root causes first), for the Box's names. */
export function evaluateFindings(state: LadderState, now: number): Finding[] {
  const raw = RULES.flatMap((r) => r.run(state, now));
  const nodes = Object.values(state.kube.nodes);
  const graph = boxGraph(state.box);
  return orderFindings(mergeFindings(raw, graph), graph, { allNodesDown: nodes.length > 0 && nodes.every((n) => !n.ready) });
}

export function evaluateLadder(state: LadderState, now: number): LadderResult {
  const findings = evaluateFindings(state, now);
  const rungs = evaluateRungs(state, findings, now);
  const first = findings[0];
  const result: LadderResult = { rungs, findings, overall: overallVerdict(rungs) };
  if (first && first.severity === 'failing' && !first.blockedBy?.length) result.rootCause = first;
  return result;
}

/**
 * The namespaces `sunbeam check SCOPE` covers: an area of the playbook (data, storage, matrix, monitoring),
 * with the namespaces of the Box's names (data: the database's and the operator's), or one namespace.
 */
export function scopeNamespaces(scope: string, names: BoxNames = DEFAULT_BOX_NAMES): readonly string[] {
  return checkAreas(names)[scope]?.namespaces ?? [scope];
}

/**
 * The findings for one namespace or area (`check data` covers the database's and the operator's namespaces, data and cnpg-system by default, with barman and the
 * backups; `check storage` SeaweedFS; `check matrix` Synapse and Sol; `check monitoring` the monitoring
 * stack), in the ladder's order. Root causes outside the scope that a finding here is blocked by come first,
 * so that "because the database is down" points at something on the page.
 */
export function checkNamespace(state: LadderState, scope: string, now: number): Finding[] {
  const all = evaluateFindings(state, now);
  const namespaces = scopeNamespaces(scope, state.box);
  const inScope = new Set(namespaces);
  const nodes = nodesOf(state.kube.pods, namespaces);
  // The scope's own findings, and those of the nodes its pods run on (a NotReady node is part of it).
  const mine = all.filter((f) => inScope.has(f.namespace) || isNodeFindingOf(f, nodes));
  const needed = new Set<string>();
  for (const f of mine) for (const b of f.blockedBy ?? []) needed.add(b);
  const roots = all.filter((f) => needed.has(f.id) && !mine.includes(f));
  return [...roots, ...mine];
}

/**
 * The findings `status -n NAMESPACE` (or the whole Box's `status`) lists and counts: what runs there, the root
 * causes there, anything failing there, and the findings of the nodes its pods run on (scope.ts).
 */
export function statusNamespace(state: LadderState, namespace: string | undefined, now: number): Finding[] {
  const all = evaluateFindings(state, now);
  return namespace ? statusFindings(all, [namespace], nodesOf(state.kube.pods, [namespace])) : statusFindings(all);
}

