// Verdicts for a scope (the whole Box, one namespace, an area of the playbook): pure functions over the
// ladder's findings. A scoped verdict counts everything in its scope, root causes included: the pods of a
// CloudNativePG cluster fold into the cluster's finding (merge.ts), so "what runs" must count that finding too,
// or `status -n data` says "all running" while the database crash-loops. A scope whose data is not live is
// 'unknown', never 'ok'.
import type { PodRecord } from '../store/records.js';
import type { Finding, Verdict } from './types.js';

/**
 * Rules whose findings are about "what's running" (rung 1 and `status`): pods, workloads, CloudNativePG
 * clusters (a cluster's pod findings fold into it) and nodes.
 */
const STATUS_RULES: ReadonlySet<string> = new Set([
  'crash-loop',
  'image-pull',
  'container-config-error',
  'pod-failed',
  'pod-not-ready',
  'restarts-climbing',
  'workload-below-desired',
  'pg-cluster-unhealthy',
  'node-not-ready',
  'node-pressure',
  'node-cordoned',
]);

/** The worst severity among the findings: 'ok' when there is none. */
export function worstOf(findings: readonly Finding[]): Verdict {
  let v: Verdict = 'ok';
  for (const f of findings) {
    if (f.severity === 'failing') return 'failing';
    v = 'warn';
  }
  return v;
}

/**
 * The findings of the given namespaces, and those of the nodes their pods run on (a NotReady node is part of
 * every namespace it hosts); all of them when no namespaces are given.
 */
function inScope(findings: readonly Finding[], namespaces?: readonly string[], nodes: ReadonlySet<string> = new Set()): Finding[] {
  if (!namespaces) return [...findings];
  const set = new Set(namespaces);
  return findings.filter((f) => set.has(f.namespace) || isNodeFindingOf(f, nodes));
}

/** A finding about one of these nodes. */
export function isNodeFindingOf(f: Finding, nodes: ReadonlySet<string>): boolean {
  return f.namespace === '' && f.target?.kind === 'Node' && nodes.has(f.target.name);
}

/** The nodes that run the pods of the namespaces. */
export function nodesOf(pods: Readonly<Record<string, PodRecord>>, namespaces: readonly string[]): Set<string> {
  const set = new Set(namespaces);
  const nodes = new Set<string>();
  for (const p of Object.values(pods)) if (p.node && set.has(p.namespace)) nodes.add(p.node);
  return nodes;
}

/** The ids of the findings that others are blocked by: the root causes. */
function rootIds(findings: readonly Finding[]): Set<string> {
  const ids = new Set<string>();
  for (const f of findings) for (const b of f.blockedBy ?? []) ids.add(b);
  return ids;
}

/**
 * What the Status rung counts: the findings about what runs, and every root cause (whatever its rule: the
 * thing the rest is blocked by is part of what is not running well).
 */
export function runningFindings(findings: readonly Finding[]): Finding[] {
  const roots = rootIds(findings);
  return findings.filter((f) => STATUS_RULES.has(f.rule) || roots.has(f.id));
}

/**
 * The findings `status` lists and counts for a scope, in the ladder's order: those about what runs, the root
 * causes, and anything else in the scope that is failing, so that its verdict is never "all running" while
 * something in it fails. Roots are judged over the whole Box (a root here may block apps elsewhere); `nodes`
 * (nodesOf) brings in the findings of the nodes the scope's pods run on.
 */
export function statusFindings(findings: readonly Finding[], namespaces?: readonly string[], nodes?: ReadonlySet<string>): Finding[] {
  const roots = rootIds(findings);
  return inScope(findings, namespaces, nodes).filter((f) => STATUS_RULES.has(f.rule) || roots.has(f.id) || f.severity === 'failing');
}

/** A scope's verdict: 'unknown' while its data is not live (`unavailable` says why), else the worst finding. */
export function scopedVerdict(findings: readonly Finding[], unavailable?: string): Verdict {
  return unavailable ? 'unknown' : worstOf(findings);
}

/** The exit code of a one-shot report for its verdict: 0 healthy, 1 unhealthy (warn or failing), 2 could not tell. */
export function verdictExitCode(verdict: Verdict): 0 | 1 | 2 {
  if (verdict === 'ok') return 0;
  return verdict === 'warn' || verdict === 'failing' ? 1 : 2;
}
