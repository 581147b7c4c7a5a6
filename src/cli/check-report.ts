// `sunbeam-console check [SCOPE]`: the findings in dependency order (root cause first, "because ..." on what
// follows from it), the ladder's rungs and a verdict, as a stable JSON shape and as text. Pure.
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

const MARK: Record<Finding['severity'], string> = { failing: 'FAIL', warn: 'WARN' };
const VERDICT: Record<Verdict, string> = { ok: 'HEALTHY', warn: 'DEGRADED', failing: 'UNHEALTHY', unknown: 'UNKNOWN', 'not-connected': 'NOT CONNECTED' };

export function renderCheckText(r: CheckReport): string {
  const out: string[] = [];
  const area = r.scope ? CHECK_AREAS[r.scope] : undefined;
  out.push(`Check: ${r.scope ? `${r.scope}${area ? ` (${area.describe})` : ''}` : 'the whole Box'}    Context: ${r.context || '(none)'}`);
  if (r.source && r.source.state !== 'ok' && r.source.lastError) out.push(`Source: ${r.source.state}: ${r.source.lastError}`);
  if (r.source?.detail) out.push(`Note: ${r.source.detail}`);
  out.push('');
  const roots = new Set(r.findings.flatMap((f) => f.blockedBy ?? []));
  if (r.findings.length === 0) out.push(r.verdict === 'unknown' ? `Cannot tell: ${r.rungs.find((g) => g.id === 2)?.summary ?? 'the data is not live'}; the last data showed no findings.` : 'No findings: everything checked is healthy.');
  for (const f of r.findings) {
    const tag = roots.has(f.id) ? '  [root cause]' : '';
    out.push(`${MARK[f.severity]}  ${f.title}${f.because ? ` — ${f.because}` : ''}${tag}`);
    if (f.detail) out.push(`      ${f.detail}`);
  }
  if (!r.scope) {
    out.push('', 'Ladder:');
    for (const g of r.rungs) out.push(`  ${g.id} ${g.title.padEnd(7)} ${g.verdict.padEnd(13)} ${g.summary}`);
  }
  const failing = r.findings.filter((f) => f.severity === 'failing').length;
  const warn = r.findings.length - failing;
  const root = r.findings.find((f) => f.id === r.rootCause);
  out.push('', `Verdict: ${VERDICT[r.verdict]}${r.findings.length ? ` (${failing} failing, ${warn} warn)` : ''}${root ? `; root cause: ${root.title}` : ''}`);
  return out.join('\n') + '\n';
}
