// The Data pane's lines (rung 5), pure: the CloudNativePG cluster (phase, instances, primary, conditions,
// continuous archiving, first recoverability point, last good and failed backup), PostgreSQL from inside when a
// DSN is configured (reachable or not, connections in use against max_connections with a sparkline, who holds
// them per application_name, the sessions idle in transaction with their age, the longest queries, the
// replication lag per standby), the ScheduledBackups, the recent Backups and the barman pods, and the playbook's
// known gap on retention. When PostgreSQL cannot be read it says why and how old the figures are; it never
// shows figures as current that are not.
import { ageMs, formatAge, humanDuration } from '../ladder/age.js';
import { matchesSelector, type BoxNames } from '../ladder/box-graph.js';
import { LEAK_AGE_MS, LEAK_MANY, LEAK_SESSIONS } from '../ladder/rules/pg-connections.js';
import { sourceStateWords } from '../ladder/source-state.js';
import type { PostgresSlice } from '../store/postgres-slice.js';
import type { PgBackupRecord, PgClusterRecord, PgScheduledBackupRecord, PodRecord, SourceHealth } from '../store/records.js';
import { sparkline } from './error-services.js';
import { fit } from './format.js';
import { clusterStatus, podHealth } from './health.js';

export interface DataLine {
  key: string;
  text: string;
  tone?: 'ok' | 'warn' | 'failing' | 'muted';
  bold?: boolean;
}

export interface DataInput {
  clusters: readonly PgClusterRecord[];
  clustersSynced: boolean;
  backups: readonly PgBackupRecord[];
  scheduled: readonly PgScheduledBackupRecord[];
  pods: readonly PodRecord[];
  names: BoxNames;
  postgres: PostgresSlice['postgres'];
  /** The PostgreSQL source's health; undefined when no DSN is configured. */
  pgHealth: SourceHealth | undefined;
  now: number;
}

/** The playbook's words on retention, said where the backups are. */
export const RETENTION_GAP = 'Known gap: 30-day backup retention does not meet the 7-year cold-storage requirement for financial records (see the backup retention project notes).';

const head = (key: string, text: string): DataLine => ({ key, text, tone: 'muted', bold: true });

function clusterLines(d: DataInput): DataLine[] {
  const out: DataLine[] = [head('h-cl', `CLOUDNATIVEPG CLUSTERS (${d.clusters.length})`)];
  if (d.clusters.length === 0) out.push({ key: 'no-cl', text: d.clustersSynced ? 'No CloudNativePG Cluster found.' : 'Loading…', tone: 'muted' });
  for (const c of d.clusters) {
    const s = clusterStatus(c);
    out.push({ key: c.key, text: `${c.namespace}/${c.name}  ${c.readyInstances}/${c.instances} ready  ${c.phase || 'no phase'}${c.primary ? `  primary ${c.primary}` : ''}`, tone: s.health });
    const cond = Object.entries(c.conditions)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    if (cond) out.push({ key: `${c.key}-c`, text: `  ${cond}`, tone: c.conditions.ContinuousArchiving === 'False' || c.conditions.Ready === 'False' ? 'warn' : 'muted' });
    const archiving = c.conditions.ContinuousArchiving === undefined ? 'not reported' : c.conditions.ContinuousArchiving === 'True' ? 'working' : 'FAILING';
    out.push({
      key: `${c.key}-b`,
      text: `  WAL archiving ${archiving} · recoverable since ${c.firstRecoverabilityPoint ? `${c.firstRecoverabilityPoint.slice(0, 16).replace('T', ' ')}Z` : 'unknown'} · last backup ${c.lastSuccessfulBackup ? `${formatAge(c.lastSuccessfulBackup, d.now)} ago` : 'none'}${c.lastFailedBackup ? ` · last failure ${formatAge(c.lastFailedBackup, d.now)} ago` : ''}`,
      tone: archiving === 'FAILING' ? 'warn' : 'muted',
    });
  }
  return out;
}

/** "34/60 ▁▂▃▅" — in use against max_connections, and how it moved over the kept samples. */
function connectionsLine(pg: PostgresSlice['postgres']): DataLine {
  const max = pg.server!.maxConnections;
  const usable = Math.max(1, max - pg.server!.reservedConnections);
  const share = (pg.inUse ?? 0) / usable;
  const spark = pg.history.length > 1 ? `  ${sparkline(pg.history.slice(-30).map((h) => h.inUse))}` : '';
  const idle = pg.history.length > 1 ? `  idle in tx ${sparkline(pg.history.slice(-30).map((h) => h.idleInTx))}` : '';
  return { key: 'pg-conn', text: `connections ${pg.inUse ?? '?'}/${max} in use (${pg.server!.reservedConnections} reserved)${spark}${idle}`, tone: share >= 0.95 ? 'failing' : share >= 0.8 ? 'warn' : 'ok' };
}

function postgresLines(d: DataInput): DataLine[] {
  const pg = d.postgres;
  const h = d.pgHealth;
  const out: DataLine[] = [head('h-pg', `POSTGRESQL${pg.target ? ` ${pg.target}` : ''}`)];
  if (!h || h.state === 'not-connected') {
    out.push({ key: 'pg-nc', text: 'Not connected: set SUNBEAM_PG_DSN (or PGHOST, PGUSER..., or postgres.dsn in the config file) to see connections, long queries and replication from inside the database.', tone: 'muted' });
    return out;
  }
  const live = h.state === 'ok' && pg.checkedAt !== undefined;
  if (h.state === 'connecting' && pg.checkedAt === undefined) {
    out.push({ key: 'pg-wait', text: 'Connecting…', tone: 'muted' });
    return out;
  }
  if (!live) {
    const age = pg.checkedAt !== undefined ? ` The figures below are ${humanDuration(d.now - pg.checkedAt)} old.` : '';
    out.push({ key: 'pg-down', text: `${h.lastError ?? `PostgreSQL: ${sourceStateWords(h.state)}.`}${age}`, tone: 'failing' });
    if (pg.checkedAt === undefined) return out;
  }
  if (pg.server) {
    out.push({ key: 'pg-srv', text: `PostgreSQL ${pg.server.version.split(' ')[0]}${pg.server.inRecovery ? ' (standby)' : ''} · checked ${pg.checkedAt !== undefined ? `${humanDuration(Math.max(0, d.now - pg.checkedAt))} ago` : 'never'}`, tone: 'muted' });
    out.push(connectionsLine(pg));
  }
  if (pg.byDatabase.length) out.push({ key: 'pg-db', text: `per database: ${pg.byDatabase.map((b) => `${b.database} ${b.connections}`).join(' · ')}`, tone: 'muted' });
  if (pg.groups.length) {
    out.push({ key: 'pg-gh', text: `  ${fit('APPLICATION', 24)} ${fit('DATABASE', 12)} ${fit('USER', 12)} ${fit('CONNS', 5, 'right')}  ACTIVE  IDLE IN TX`, tone: 'muted' });
    for (const g of pg.groups.slice(0, 8)) {
      const idle = g.idleInTx ? `${g.idleInTx} (${humanDuration(g.oldestIdleInTxMs ?? 0)})` : '0';
      const tone = g.idleInTx >= LEAK_MANY || (g.idleInTx >= LEAK_SESSIONS && (g.oldestIdleInTxMs ?? 0) >= LEAK_AGE_MS) ? 'failing' : g.idleInTx ? 'warn' : undefined;
      out.push({ key: `pg-g-${g.database}-${g.application}-${g.user}`, text: `  ${fit(g.application || '(none)', 24)} ${fit(g.database, 12)} ${fit(g.user, 12)} ${fit(String(g.total), 5, 'right')}  ${fit(String(g.active), 6, 'right')}  ${idle}`, ...(tone ? { tone } : {}) });
    }
    if (pg.groups.length > 8) out.push({ key: 'pg-g-more', text: `  … and ${pg.groups.length - 8} more`, tone: 'muted' });
  }
  if (pg.idleInTx.length) {
    const all = pg.groups.reduce((n, g) => n + g.idleInTx, 0);
    out.push(head('h-idle', `IDLE IN TRANSACTION (${Math.max(all, pg.idleInTx.length)}, oldest first) · r: end one application's`));
    for (const s of pg.idleInTx.slice(0, 5)) out.push({ key: `pg-i-${s.pid}`, text: `  pid ${s.pid} ${s.application || '(none)'}@${s.database} for ${humanDuration(s.durationMs)}: ${s.query}`, tone: s.durationMs >= 60_000 ? 'warn' : 'muted' });
  }
  out.push(head('h-long', `LONGEST RUNNING QUERIES (${pg.longQueries.length})`));
  if (pg.longQueries.length === 0) out.push({ key: 'pg-l-none', text: '  none over a second', tone: 'muted' });
  for (const q of pg.longQueries.slice(0, 5)) out.push({ key: `pg-l-${q.pid}`, text: `  ${fit(humanDuration(q.durationMs), 6, 'right')} pid ${q.pid} ${q.application || '(none)'}@${q.database}${q.waitEvent ? ` [${q.waitEvent}]` : ''}: ${q.query}`, tone: q.durationMs >= 60_000 ? 'warn' : undefined });
  if (pg.standbys.length === 0) out.push({ key: 'pg-r-none', text: pg.server?.inRecovery ? 'replication: this server is a standby' : 'replication: no standby streams from this server (a single instance)', tone: 'muted' });
  for (const s of pg.standbys) {
    const lag = s.lagBytes !== undefined ? `${Math.round(s.lagBytes / 1024)} KiB behind` : 'lag unknown';
    out.push({ key: `pg-r-${s.name}`, text: `standby ${s.name}${s.clientAddr ? ` (${s.clientAddr})` : ''} ${s.state}${s.syncState ? `/${s.syncState}` : ''}: ${lag}${s.replayLagMs !== undefined ? `, replay ${humanDuration(s.replayLagMs)}` : ''}`, tone: (s.lagBytes ?? 0) > 64 * 1024 * 1024 ? 'warn' : undefined });
  }
  return out;
}

function backupLines(d: DataInput): DataLine[] {
  const out: DataLine[] = [head('h-sb', `SCHEDULED BACKUPS (${d.scheduled.length})`)];
  for (const s of d.scheduled) {
    const last = s.lastScheduleTime ? `last ${formatAge(s.lastScheduleTime, d.now)} ago` : 'never run';
    const next = s.nextScheduleTime ? ` · next in ${humanDuration(Math.max(0, -ageMs(s.nextScheduleTime, d.now)))}` : '';
    out.push({ key: `sb-${s.key}`, text: `${s.namespace}/${s.name}  "${s.schedule}" (sec min hour dom mon dow)  ${s.suspend ? 'SUSPENDED' : last}${s.suspend ? '' : next}`, tone: s.suspend ? 'warn' : 'muted' });
  }
  const backups = [...d.backups].sort((a, b) => (b.stoppedAt ?? b.created).localeCompare(a.stoppedAt ?? a.created));
  out.push(head('h-bk', `BACKUPS (${backups.length})`));
  for (const b of backups.slice(0, 6)) {
    out.push({ key: b.key, text: `${fit(b.name, 32)} ${fit(b.phase, 10)} ${b.method} ${b.stoppedAt ? `${formatAge(b.stoppedAt, d.now)} ago` : ''}${b.error ? `  ${b.error}` : ''}`, tone: b.phase === 'completed' ? 'ok' : b.phase === 'failed' ? 'failing' : 'warn' });
  }
  const barman = d.pods.filter((p) => matchesSelector(p.labels, d.names.barman.selector)).sort((a, b) => a.key.localeCompare(b.key));
  out.push(head('h-bm', `BARMAN PODS (${barman.length})`));
  for (const p of barman) out.push({ key: p.key, text: `${p.namespace}/${p.name}  ${p.readyContainers}/${p.totalContainers}  ${p.status}  restarts ${p.restarts}`, tone: podHealth(p) });
  out.push({ key: 'gap', text: RETENTION_GAP, tone: 'warn' });
  return out;
}

export function dataLines(d: DataInput): DataLine[] {
  return [...clusterLines(d), ...postgresLines(d), ...backupLines(d)];
}
