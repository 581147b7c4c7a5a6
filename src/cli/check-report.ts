// `sunbeam-console check [SCOPE]`: the findings in dependency order (root cause first, "because ..." on what
// follows from it), the ladder's rungs and a verdict, as a stable JSON shape (its text is check-text.ts). Pure.
import { checkNamespace, evaluateLadder } from '../ladder/index.js';
import { CHECK_AREAS } from '../ladder/box-graph.js';
import { scopedVerdict } from '../ladder/scope.js';
import { kubeUnavailable } from '../ladder/source-state.js';
import type { Finding, RungVerdict, Verdict } from '../ladder/types.js';
import type { SourceHealth, State } from '../store/index.js';

/** JSON output of `check --json` (this interface is its documentation: fields are only ever added). */
export interface CheckReport {
  context: string;
  /** The namespace or area checked (data, storage, matrix, monitoring), or null for the whole Box. */
  scope: string | null;
  /** ok (no findings) | warn | failing. */
  verdict: Verdict;
  generatedAt: string;
  source: SourceHealth | null;
  /** Root causes first; a finding that follows from another has blockedBy (ids) and because (text). */
  findings: Finding[];
  /** The seven rungs of the ladder with their verdicts. */
  rungs: RungVerdict[];
  /** The first root cause's id, if any. */
  rootCause: string | null;
}

export function checkReport(state: State, scope: string | undefined, now: number): CheckReport {
  const ladder = evaluateLadder(state, now);
  const findings = scope ? checkNamespace(state, scope, now) : ladder.findings;
  const root = findings.find((f) => f.severity === 'failing' && !f.blockedBy?.length);
  return {
    context: state.kube.context,
    scope: scope ?? null,
    verdict: scopedVerdict(findings, kubeUnavailable(state, now)),
    generatedAt: new Date(now).toISOString(),
    source: state.sources.kubernetes ?? null,
    findings,
    rungs: ladder.rungs,
    rootCause: root?.id ?? null,
  };
}

/** Whether SCOPE names something on this cluster: an area of the playbook or a namespace we saw. */
export function knownScope(state: State, scope: string): boolean {
  return scope in CHECK_AREAS || state.kube.namespaces.includes(scope);
}
