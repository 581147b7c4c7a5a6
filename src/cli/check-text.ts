// `sunbeam-console check` as text: the findings root cause first, each line carrying its namespace, the ladder
// for the whole Box, and the verdict. `wide` adds each finding's rule, target and what it follows from.
import { CHECK_AREAS } from '../ladder/box-graph.js';
import { sourceStateWords } from '../ladder/source-state.js';
import type { Finding, Verdict } from '../ladder/types.js';
import type { CheckReport } from './check-report.js';
import { withNamespace } from './status-text.js';

const MARK: Record<Finding['severity'], string> = { failing: 'FAIL', warn: 'WARN' };
const VERDICT: Record<Verdict, string> = { ok: 'HEALTHY', warn: 'DEGRADED', failing: 'UNHEALTHY', unknown: 'UNKNOWN', 'not-connected': 'NOT CONNECTED' };

export function renderCheckText(r: CheckReport, wide = false): string {
  const out: string[] = [];
  const area = r.scope ? CHECK_AREAS[r.scope] : undefined;
  out.push(`Check: ${r.scope ? `${r.scope}${area ? ` (${area.describe})` : ''}` : 'the whole Box'}    Context: ${r.context || '(none)'}`);
  if (r.source && r.source.state !== 'ok' && r.source.lastError) out.push(`Source: ${sourceStateWords(r.source.state)}: ${r.source.lastError}`);
  if (r.source?.detail) out.push(`Note: ${r.source.detail}`);
  out.push('');
  const roots = new Set(r.findings.flatMap((f) => f.blockedBy ?? []));
  if (r.findings.length === 0) out.push(r.verdict === 'ok' ? 'No findings: everything checked is healthy.' : r.verdict === 'unknown' ? `Cannot tell: ${r.rungs.find((g) => g.id === 2)?.summary ?? 'the data is not live'}; the last data showed no findings.` : `No findings, but the verdict is ${VERDICT[r.verdict]}: the console cannot tell.`);
  for (const f of r.findings) {
    const tag = roots.has(f.id) ? '  [root cause]' : '';
    out.push(`${MARK[f.severity]}  ${withNamespace(f)}${f.because ? ` — ${f.because}` : ''}${tag}`);
    if (f.detail) out.push(`      ${f.detail}`);
    if (wide) {
      const target = f.target ? `${f.target.kind} ${f.target.namespace ? `${f.target.namespace}/` : ''}${f.target.name}` : '-';
      out.push(`      rule: ${f.rule}   target: ${target}${f.blockedBy?.length ? `   follows from: ${f.blockedBy.join(', ')}` : ''}`);
    }
  }
  if (r.postgres !== undefined) out.push('', ...postgresText(r));
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

/** `check data`'s PostgreSQL part: who holds the connections, or why it cannot tell. */
function postgresText(r: CheckReport): string[] {
  const pg = r.postgres;
  if (!pg) return ['PostgreSQL: not connected (set SUNBEAM_PG_DSN, or PGHOST/PGUSER..., or postgres.dsn in the config file, to see its connections).'];
  if (pg.state !== 'ok') return [`PostgreSQL ${pg.target ?? ''}: ${pg.error ?? sourceStateWords(pg.state as never)}`.replace(' :', ':')];
  const out = [`PostgreSQL ${pg.target ?? ''}: ${pg.inUse ?? '?'}/${pg.maxConnections ?? '?'} connections in use, ${pg.idleInTransaction} idle in transaction`];
  for (const a of pg.applications) out.push(`  ${(a.application || '(no application_name)').padEnd(24)} ${a.database.padEnd(12)} ${String(a.connections).padStart(4)}${a.idleInTransaction ? `  ${a.idleInTransaction} idle in transaction` : ''}`);
  return out;
}
