// A verdict per rung of the playbook's diagnostic ladder (the rungs themselves are rung-table.ts). Status,
// Check and Data come from the Kubernetes data; Vault, Alerts and Errors stay "not connected" until their
// sources exist (no source health entry), never faked.
import type { RungId } from '../store/ui-slice.js';
import { CHECK_AREAS } from './box-graph.js';
import { ageMs, humanDuration } from './age.js';
import { rungEntry } from './rung-table.js';
import type { Finding, LadderSlice, LadderState, RungVerdict, Verdict } from './types.js';

/** The slices the rung verdicts read beyond the findings: the records they count, the sources' health. */
export const RUNG_READS: readonly LadderSlice[] = ['kube', 'sources'];

/** Rules whose findings are about "what's running" (rung 1). */
export const STATUS_RULES = new Set(['crash-loop', 'image-pull', 'container-config-error', 'pod-failed', 'pod-not-ready', 'restarts-climbing', 'workload-below-desired', 'node-not-ready', 'node-pressure', 'node-cordoned']);

export function worstOf(findings: readonly Finding[]): Verdict {
  let v: Verdict = 'ok';
  for (const f of findings) {
    if (f.severity === 'failing') return 'failing';
    v = 'warn';
  }
  return v;
}

export function countText(findings: readonly Finding[]): string {
  const failing = findings.filter((f) => f.severity === 'failing').length;
  const warn = findings.length - failing;
  if (findings.length === 0) return 'all healthy';
  return [failing ? `${failing} failing` : '', warn ? `${warn} warn` : ''].filter(Boolean).join(', ');
}

/** When the Kubernetes data cannot be trusted as live: why, in a few words; undefined when live. */
function kubeUnavailable(state: LadderState, now: number): string | undefined {
  const src = state.sources.kubernetes;
  if (!state.kube.synced.pods) return src?.state === 'unreachable' ? 'API unreachable' : src?.state === 'forbidden' ? 'forbidden' : 'connecting';
  if (src?.state === 'unreachable') return `API unreachable (data ${humanDuration(ageMs(src.lastSuccess ? new Date(src.lastSuccess).toISOString() : undefined, now))} old)`;
  return undefined;
}

function rung(id: RungId, verdict: Verdict, summary: string): RungVerdict {
  const { title, question, command } = rungEntry(id);
  return { id, title, question, command, verdict, summary };
}

/** A rung whose source is not built yet: its verdict is its source's health (rung-table.ts names the source). */
function externalRung(state: LadderState, id: RungId): RungVerdict {
  const h = state.sources[rungEntry(id).source];
  if (!h || h.state === 'not-connected') return rung(id, 'not-connected', 'not connected');
  if (h.state === 'ok') return rung(id, 'unknown', 'connected');
  return rung(id, 'unknown', h.state);
}

function statusRung(state: LadderState, findings: readonly Finding[], unavailable: string | undefined): RungVerdict {
  if (unavailable) return rung(1, 'unknown', unavailable);
  let total = 0;
  let ready = 0;
  for (const p of Object.values(state.kube.pods)) {
    if (p.phase === 'Succeeded' || p.status === 'Completed') continue;
    total++;
    if (p.phase === 'Running' && p.readyContainers === p.totalContainers && !p.deleting) ready++;
  }
  return rung(1, worstOf(findings.filter((f) => STATUS_RULES.has(f.rule))), `${ready}/${total} pods ready`);
}

function dataRung(state: LadderState, findings: readonly Finding[], unavailable: string | undefined, now: number): RungVerdict {
  if (unavailable) return rung(5, 'unknown', unavailable);
  if (!state.kube.synced.pgClusters) return rung(5, 'unknown', 'connecting');
  const clusters = Object.values(state.kube.pgClusters);
  if (clusters.length === 0) return rung(5, 'unknown', 'no CloudNativePG cluster');
  const area = new Set(CHECK_AREAS.data!.namespaces);
  const inArea = findings.filter((f) => area.has(f.namespace));
  const parts = clusters.map((c) => `${c.name} ${c.readyInstances}/${c.instances}`);
  let lastBackup: string | undefined;
  for (const c of clusters) if (c.lastSuccessfulBackup && (!lastBackup || c.lastSuccessfulBackup > lastBackup)) lastBackup = c.lastSuccessfulBackup;
  for (const b of Object.values(state.kube.pgBackups)) {
    const at = b.phase === 'completed' ? (b.stoppedAt ?? b.created) : undefined;
    if (at && (!lastBackup || at > lastBackup)) lastBackup = at;
  }
  parts.push(lastBackup ? `backup ${humanDuration(ageMs(lastBackup, now))} ago` : 'no backup');
  return rung(5, worstOf(inArea), parts.join(', '));
}

export function evaluateRungs(state: LadderState, findings: readonly Finding[], now: number): RungVerdict[] {
  const unavailable = kubeUnavailable(state, now);
  return [
    statusRung(state, findings, unavailable),
    unavailable ? rung(2, 'unknown', unavailable) : rung(2, worstOf(findings), countText(findings)),
    // The Logs rung has no pane or source yet; it says so rather than claiming an 'unknown' state.
    externalRung(state, 3),
    externalRung(state, 4),
    dataRung(state, findings, unavailable, now),
    externalRung(state, 6),
    externalRung(state, 7),
  ];
}

/** The ladder's overall verdict: the worst failing/warn rung; unknown while Status or Check cannot tell. */
export function overallVerdict(rungs: readonly RungVerdict[]): Verdict {
  if (rungs.some((r) => r.verdict === 'failing')) return 'failing';
  if (rungs.some((r) => r.verdict === 'warn')) return 'warn';
  if (rungs[0]!.verdict === 'unknown' || rungs[1]!.verdict === 'unknown') return 'unknown';
  return 'ok';
}
