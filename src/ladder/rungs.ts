// A verdict per rung of the playbook's diagnostic ladder: the rungs themselves, and which verdict function each
// uses and what it reads, are rung-table.ts; the functions are VERDICTS here. Status, Check and Data come from
// the Kubernetes data (Data also from PostgreSQL itself); Vault from the OpenBao slice (vault-verdict.ts); Logs from the
// follow view, Alerts from AlertManager (alerts-verdict.ts), Errors from Loki; a source not configured is "not connected", never faked.
import { checkAreas, DEFAULT_BOX_NAMES } from './box-graph.js';
import { ageMs, humanDuration } from './age.js';
import { RUNG_TABLE, type RungEntry, type RungVerdictKind } from './rung-table.js';
import { runningFindings, worstOf } from './scope.js';
import { kubeUnavailable, sourceStateWords } from './source-state.js';
import type { Finding, LadderSlice, LadderState, RungVerdict, Verdict } from './types.js';
import { alertsVerdict } from './alerts-verdict.js';
import { errorsVerdict } from './errors-verdict.js';
import { vaultVerdict } from './vault-verdict.js';

/** The slices the rung verdicts read beyond the findings, from the rung table: the records they count, the sources' health. */
export const RUNG_READS: readonly LadderSlice[] = [...new Set(RUNG_TABLE.flatMap((r) => r.reads))];

export function countText(findings: readonly Finding[]): string {
  const failing = findings.filter((f) => f.severity === 'failing').length;
  const warn = findings.length - failing;
  if (findings.length === 0) return 'all healthy';
  return [failing ? `${failing} failing` : '', warn ? `${warn} warn` : ''].filter(Boolean).join(', ');
}

/** What a verdict function gets: the state, the findings, the time, and why the Kubernetes data is not live. */
interface VerdictInput {
  state: LadderState;
  findings: readonly Finding[];
  now: number;
  /** Set when the Kubernetes data cannot be trusted as live (kubeUnavailable). */
  unavailable: string | undefined;
  entry: RungEntry;
}

type Judged = Pick<RungVerdict, 'verdict' | 'summary'>;

const judged = (verdict: Verdict, summary: string): Judged => ({ verdict, summary });

/**
 * Rung 3: whether logs can be followed and are. It judges no service (the logs are a tool, not a health
 * signal): 'ok' while a follow streams, 'unknown' when idle, connecting, reconnecting or refused, and when the
 * Kubernetes data is not live.
 */
function logsVerdict({ state, unavailable }: VerdictInput): Judged {
  if (unavailable) return judged('unknown', unavailable);
  const h = state.sources.logs;
  if (!h) return judged('unknown', 'idle (:logs NS/SERVICE)');
  if (h.state === 'ok') return judged('ok', `following ${h.detail ?? ''}`.trim());
  if (h.state === 'connecting') return judged('unknown', `opening ${h.detail ?? ''}`.trim());
  return judged('unknown', `${h.detail ?? 'logs'}: ${h.lastError ?? sourceStateWords(h.state)}`);
}

function statusVerdict({ state, findings, unavailable }: VerdictInput): Judged {
  if (unavailable) return judged('unknown', unavailable);
  let total = 0;
  let ready = 0;
  for (const p of Object.values(state.kube.pods)) {
    if (p.phase === 'Succeeded' || p.status === 'Completed') continue;
    total++;
    if (p.phase === 'Running' && p.readyContainers === p.totalContainers && !p.deleting) ready++;
  }
  return judged(worstOf(runningFindings(findings)), `${ready}/${total} pods ready`);
}

function checkVerdict({ findings, unavailable }: VerdictInput): Judged {
  return unavailable ? judged('unknown', unavailable) : judged(worstOf(findings), countText(findings));
}

function dataVerdict({ state, findings, unavailable, now }: VerdictInput): Judged {
  if (unavailable) return judged('unknown', unavailable);
  if (!state.kube.synced.pgClusters) return judged('unknown', 'connecting');
  const clusters = Object.values(state.kube.pgClusters);
  if (clusters.length === 0) return judged('unknown', 'no CloudNativePG cluster');
  const area = new Set(checkAreas(state.box ?? DEFAULT_BOX_NAMES).data!.namespaces);
  const inArea = findings.filter((f) => area.has(f.namespace));
  const parts = clusters.map((c) => `${c.name} ${c.readyInstances}/${c.instances}`);
  const conns = connectionsWords(state);
  if (conns) parts.push(conns);
  let lastBackup: string | undefined;
  for (const c of clusters) if (c.lastSuccessfulBackup && (!lastBackup || c.lastSuccessfulBackup > lastBackup)) lastBackup = c.lastSuccessfulBackup;
  for (const b of Object.values(state.kube.pgBackups)) {
    const at = b.phase === 'completed' ? (b.stoppedAt ?? b.created) : undefined;
    if (at && (!lastBackup || at > lastBackup)) lastBackup = at;
  }
  parts.push(lastBackup ? `backup ${humanDuration(ageMs(lastBackup, now))} ago` : 'no backup');
  return judged(worstOf(inArea), parts.join(', '));
}

/** "conns 34/60" when PostgreSQL answers, "pg unreachable" when it does not; nothing when no DSN is set. */
function connectionsWords(state: LadderState): string | undefined {
  const h = state.sources.postgres;
  const pg = state.postgres;
  if (!h || h.state === 'not-connected' || !pg) return undefined;
  if (h.state === 'ok' && pg.server && pg.inUse !== undefined) return `conns ${pg.inUse}/${pg.server.maxConnections}`;
  if (h.state === 'connecting') return undefined;
  return `pg ${sourceStateWords(h.state)}`;
}

/** Rung 6 is not "ok" while its alerts do not reach Matrix (rules/alert-path.ts): nothing firing is no comfort then. */
function withMatrixPath(j: Judged, findings: readonly Finding[]): Judged {
  const path = findings.find((f) => f.rule === 'alerts-not-reaching-matrix');
  if (!path || j.verdict === 'failing') return j;
  return judged(path.severity, `not reaching Matrix · ${j.summary}`);
}

/** One verdict function per kind of rung (rung-table.ts says which each rung uses). */
const VERDICTS: Readonly<Record<RungVerdictKind, (input: VerdictInput) => Judged>> = {
  status: statusVerdict,
  check: checkVerdict,
  data: dataVerdict,
  vault: ({ state }) => vaultVerdict(state.openbao, state.sources.openbao),
  logs: logsVerdict,
  errors: ({ state, now }) => errorsVerdict(state.loki, state.sources.loki, now),
  alerts: ({ state, findings, now }) => withMatrixPath(alertsVerdict(state.alerts, state.sources.alertmanager, now), findings),
};

/** Every rung of the table, in its order, with its verdict. */
export function evaluateRungs(state: LadderState, findings: readonly Finding[], now: number): RungVerdict[] {
  const unavailable = kubeUnavailable(state, now);
  return RUNG_TABLE.map((entry) => {
    const { id, title, question, command } = entry;
    return { id, title, question, command, ...VERDICTS[entry.verdict]({ state, findings, now, unavailable, entry }) };
  });
}

/** The ladder's overall verdict: the worst failing/warn rung; unknown while Status or Check cannot tell. */
export function overallVerdict(rungs: readonly RungVerdict[]): Verdict {
  if (rungs.some((r) => r.verdict === 'failing')) return 'failing';
  if (rungs.some((r) => r.verdict === 'warn')) return 'warn';
  if (rungs[0]!.verdict === 'unknown' || rungs[1]!.verdict === 'unknown') return 'unknown';
  return 'ok';
}
