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
  /** `check data` only: PostgreSQL from inside (null when no DSN is configured). */
  postgres?: PostgresReport | null;
}

/** What PostgreSQL itself says, for `check data` (who holds the connections). */
export interface PostgresReport {
  target: string | null;
  /** The PostgreSQL source's health: ok, unreachable, unauthorized... */
  state: string;
  error: string | null;
  inUse: number | null;
  maxConnections: number | null;
  idleInTransaction: number;
  /** Per application_name, most connections first (at most 10). */
  applications: { application: string; database: string; user: string; connections: number; idleInTransaction: number; oldestIdleInTransactionMs: number | null }[];
  checkedAt: string | null;
}

function postgresReport(state: State): PostgresReport | null {
  const h = state.sources.postgres;
  if (!h || h.state === 'not-connected') return null;
  const pg = state.postgres;
  return {
    target: pg.target ?? null,
    state: h.state,
    error: h.lastError ?? null,
    inUse: pg.inUse ?? null,
    maxConnections: pg.server?.maxConnections ?? null,
    idleInTransaction: pg.groups.reduce((n, g) => n + g.idleInTx, 0),
    applications: pg.groups.slice(0, 10).map((g) => ({ application: g.application, database: g.database, user: g.user, connections: g.total, idleInTransaction: g.idleInTx, oldestIdleInTransactionMs: g.oldestIdleInTxMs ?? null })),
    checkedAt: pg.checkedAt !== undefined ? new Date(pg.checkedAt).toISOString() : null,
  };
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
    ...(scope === 'data' ? { postgres: postgresReport(state) } : {}),
  };
}

/** Whether SCOPE names something on this cluster: an area of the playbook or a namespace we saw. */
export function knownScope(state: State, scope: string): boolean {
  return scope in CHECK_AREAS || state.kube.namespaces.includes(scope);
}
