// The Vault pane's lines (rung 4), pure: the seal verdict with the unseal's progress and nonce, the version and
// HA leader, one row per replica, the token's validity and time to live, what someone else did to an unseal in
// progress, and what the ladder blocks on OpenBao. When the source cannot tell, it says so and how old its data
// is; it never says "unsealed" from data it does not have.
import { ageMs, humanDuration } from '../ladder/age.js';
import { sourceDown, sourceStateWords } from '../ladder/source-state.js';
import type { Finding } from '../ladder/types.js';
import { roleWords, ttlWords } from '../sources/openbao/records.js';
import type { SourceHealth } from '../store/records.js';
import type { BaoReplica, OpenbaoData } from '../store/openbao-slice.js';
import { fit } from './format.js';

export interface VaultLine {
  key: string;
  text: string;
  tone?: 'ok' | 'warn' | 'failing' | 'muted';
  bold?: boolean;
}

export interface VaultInput {
  openbao: OpenbaoData;
  health: SourceHealth | undefined;
  /** The ladder's findings (what is blocked by the sealed OpenBao). */
  findings: readonly Finding[];
  /** Under --demo: the file with the simulator's five shares. */
  demoKeys?: string;
  readOnly?: boolean;
  now: number;
  /** The pane's width: the replica table's STATE column takes what the others leave (default 100). */
  width?: number;
}

const SEALED_FINDING = 'openbao-sealed:openbao/openbao';

const ago = (at: number | undefined, now: number) => (at ? `${humanDuration(ageMs(new Date(at).toISOString(), now))} ago` : '-');

function replicaTone(r: BaoReplica): VaultLine['tone'] {
  if (!r.reachable) return 'warn';
  if (r.sealed) return 'failing';
  return r.role === 'active' || r.role === 'standby' || r.role === 'performance standby' ? 'ok' : 'warn';
}

/** The first line: sealed (with progress t/n and the nonce) or unsealed, and who leads. */
function verdictLine(rs: BaoReplica[]): VaultLine {
  const reached = rs.filter((r) => r.reachable);
  const sealed = reached.filter((r) => r.sealed);
  const open = reached.filter((r) => r.sealed === false);
  const version = reached.find((r) => r.version)?.version;
  const leader = reached.find((r) => r.leader)?.name;
  const ha = reached.some((r) => r.haEnabled) ? `HA: ${leader ? `leader ${leader}` : 'no leader'}` : reached.length ? 'HA: off' : '';
  const tail = [version ? `OpenBao ${version}` : '', ha].filter(Boolean).join(' · ');
  if (sealed.length && open.length === 0) {
    const r = sealed.find((x) => (x.progress ?? 0) > 0) ?? sealed[0]!;
    const nonce = r.nonce ? ` · nonce ${r.nonce.slice(0, 8)}` : '';
    return { key: 'verdict', text: `SEALED · ${r.progress ?? 0}/${r.t ?? '?'} key shares entered (of ${r.n ?? '?'})${nonce}${tail ? ` · ${tail}` : ''}`, tone: 'failing', bold: true };
  }
  if (sealed.length) return { key: 'verdict', text: `UNSEALED, but ${sealed.map((x) => x.name).join(', ')} sealed${tail ? ` · ${tail}` : ''}`, tone: 'warn', bold: true };
  if (open.length) return { key: 'verdict', text: `UNSEALED${tail ? ` · ${tail}` : ''}`, tone: 'ok', bold: true };
  return { key: 'verdict', text: 'Cannot tell: no replica answers.', tone: 'warn', bold: true };
}

export function vaultLines({ openbao, health, findings, demoKeys, readOnly, now, width = 100 }: VaultInput): VaultLine[] {
  const lines: VaultLine[] = [];
  if (!health || health.state === 'not-connected') {
    lines.push({ key: 'nc', text: 'not connected — set BAO_ADDR (or VAULT_ADDR) and BAO_TOKEN, or try --demo.', tone: 'muted' });
    return lines;
  }
  const replicas = Object.values(openbao.replicas).sort((a, b) => a.name.localeCompare(b.name));
  if (sourceDown(health.state) || health.state === 'forbidden') {
    const old = health.lastSuccess ? ` (data ${humanDuration(ageMs(new Date(health.lastSuccess).toISOString(), now))} old)` : '';
    lines.push({ key: 'down', text: `Cannot tell whether OpenBao is sealed: OpenBao ${sourceStateWords(health.state)}${old}.`, tone: 'warn', bold: true });
    if (health.lastError) lines.push({ key: 'down-e', text: health.lastError, tone: 'muted' });
  } else if (!openbao.synced && replicas.length === 0) {
    lines.push({ key: 'conn', text: 'Connecting to OpenBao…', tone: 'muted' });
    return lines;
  } else lines.push(verdictLine(replicas));

  // One row per replica on one line: STATE takes what REPLICA, VERSION, LEADER and CHECKED (8) leave.
  const stateW = Math.max(12, Math.min(28, width - 12 - 10 - 7 - 8 - 4));
  lines.push({ key: 'h-r', text: `${fit('REPLICA', 12)} ${fit('STATE', stateW)} ${fit('VERSION', 10)} ${fit('LEADER', 7)} CHECKED`, tone: 'muted', bold: true });
  for (const r of replicas) {
    const state = r.reachable ? roleWords(r) : `unreachable${r.error ? `: ${r.error}` : ''}`;
    lines.push({ key: `r-${r.name}`, text: `${fit(r.name, 12)} ${fit(state, stateW)} ${fit(r.version ?? '-', 10)} ${fit(r.leader ? 'yes' : r.haEnabled ? 'no' : '-', 7)} ${ago(r.checkedAt, now)}`, tone: replicaTone(r) });
  }
  const t = openbao.token;
  const allSealed = replicas.some((r) => r.reachable) && replicas.every((r) => !r.reachable || r.sealed);
  // While every replica is sealed the Service has no ready pod: the token cannot be checked, and that is not the address's fault.
  if (t && t.state === 'unknown' && allSealed) lines.push({ key: 'token', text: `Token: cannot be checked while OpenBao is sealed${t.from ? ` (${t.from})` : ''}`, tone: 'muted' });
  else if (t) lines.push({ key: 'token', text: `Token: ${ttlWords(t)}${t.from ? ` (${t.from})` : ''}${t.policies?.length ? ` · policies ${t.policies.join(', ')}` : ''}${t.error ? ` — ${t.error}` : ''}`, tone: t.state === 'valid' ? 'ok' : 'warn' });

  for (const n of openbao.notices.slice(-3)) lines.push({ key: `n-${n.at}-${n.replica}`, text: `! ${n.text} (${ago(n.at, now)})`, tone: 'warn' });

  const anySealed = replicas.some((r) => r.reachable && r.sealed);
  if (anySealed && !readOnly) lines.push({ key: 'keys', text: 'u unseal: one hidden key share at a time, to every sealed replica, the leader first · U resets an unseal in progress', tone: 'muted' });
  if (anySealed && demoKeys) lines.push({ key: 'demo', text: `Demo: the simulated OpenBao's five key shares are in ${demoKeys} (any three open it).`, tone: 'muted' });
  // What is blocked on it comes last: on a small terminal the list runs off the pane, the way to unseal does not.
  const blocked = findings.filter((f) => f.blockedBy?.includes(SEALED_FINDING) || f.rule === 'vso-cannot-sync');
  if (blocked.length) {
    lines.push({ key: 'h-b', text: `BLOCKED ON IT (${blocked.length})`, tone: 'muted', bold: true });
    for (const f of blocked) lines.push({ key: `b-${f.id}`, text: `  ${f.title}`, tone: f.severity === 'failing' ? 'failing' : 'warn' });
  }
  return lines;
}
