// Pure mappers from the rows of queries.ts to the postgres slice's records, and the poll's patch with stable
// references: a piece that reads the same as the store's keeps the store's object, so that the panes and the
// ladder, which compare by reference, do not redraw for nothing.
import type { PgConnGroup, PgSample, PgServerInfo, PgSession, PgStandby, PostgresSlice } from '../../store/postgres-slice.js';
import { maskQuery } from './mask.js';

type Row = Record<string, unknown>;

function num(v: unknown): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const ms = (v: unknown): number => Math.max(0, Math.round(num(v) ?? 0));

export interface ServerRow {
  info: PgServerInfo;
  /** pg_read_all_stats (pg_monitor, or a superuser): without it other users' sessions are hidden. */
  readsAllStats: boolean;
  /** current_user. */
  user: string;
  /** Sessions whose backend type, state and query this role may not see. */
  hidden: number;
}

export function serverRecord(row: Row): ServerRow {
  const reserved = (num(row.superuser_reserved) ?? 0) + (num(row.reserved) ?? 0);
  return {
    info: { version: str(row.version), maxConnections: num(row.max_connections) ?? 0, reservedConnections: reserved, inRecovery: row.in_recovery === true },
    readsAllStats: row.reads_all_stats === true,
    user: str(row.me),
    hidden: num(row.hidden) ?? 0,
  };
}

export function groupRecord(row: Row): PgConnGroup {
  const g: PgConnGroup = { database: str(row.database), application: str(row.application), user: str(row.usr), total: num(row.total) ?? 0, active: num(row.active) ?? 0, idle: num(row.idle) ?? 0, idleInTx: num(row.idle_in_tx) ?? 0 };
  const oldest = num(row.oldest_idle_in_tx_ms);
  if (g.idleInTx > 0 && oldest !== undefined) g.oldestIdleInTxMs = ms(oldest);
  return g;
}

export function sessionRecord(row: Row): PgSession {
  const s: PgSession = { pid: num(row.pid) ?? 0, database: str(row.database), user: str(row.usr), application: str(row.application), state: str(row.state), durationMs: ms(row.duration_ms), query: maskQuery(str(row.query)) };
  const wait = [str(row.wait_event_type), str(row.wait_event)].filter(Boolean).join(': ');
  if (wait) s.waitEvent = wait;
  return s;
}

export function standbyRecord(row: Row): PgStandby {
  const s: PgStandby = { name: str(row.name), state: str(row.state) };
  if (row.client_addr) s.clientAddr = str(row.client_addr);
  if (row.sync_state) s.syncState = str(row.sync_state);
  const lag = num(row.lag_bytes);
  if (lag !== undefined) s.lagBytes = Math.max(0, Math.round(lag));
  const replay = num(row.replay_lag_ms);
  if (replay !== undefined) s.replayLagMs = ms(replay);
  return s;
}

/** Connections per database, most first (then by name). */
export function byDatabase(groups: readonly PgConnGroup[]): { database: string; connections: number }[] {
  const m = new Map<string, number>();
  for (const g of groups) m.set(g.database, (m.get(g.database) ?? 0) + g.total);
  return [...m].map(([database, connections]) => ({ database, connections })).sort((a, b) => b.connections - a.connections || a.database.localeCompare(b.database));
}

export interface PollRead {
  server: PgServerInfo;
  groups: PgConnGroup[];
  longQueries: PgSession[];
  idleInTx: PgSession[];
  standbys: PgStandby[];
}

/** This poll's sample for the sparklines. */
export function sampleOf(read: PollRead, at: number): PgSample {
  const s: PgSample = {
    at,
    inUse: read.groups.reduce((n, g) => n + g.total, 0),
    idleInTx: read.groups.reduce((n, g) => n + g.idleInTx, 0),
    longestQueryMs: read.longQueries.reduce((m, q) => Math.max(m, q.durationMs), 0),
  };
  if (read.standbys.length) s.maxLagBytes = read.standbys.reduce((m, x) => Math.max(m, x.lagBytes ?? 0), 0);
  return s;
}

/** The history with this sample, keeping what is younger than keepMs. */
export function withSample(history: readonly PgSample[], sample: PgSample, keepMs: number): PgSample[] {
  return [...history.filter((s) => s.at > sample.at - keepMs && s.at < sample.at), sample];
}

function same<T>(a: T, b: T): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The slice patch for a poll, with the previous objects kept where nothing changed. */
export function pollPatch(prev: PostgresSlice['postgres'], read: PollRead, target: string, at: number, keepMs: number): Partial<PostgresSlice['postgres']> {
  const keep = <T>(old: T, next: T): T => (old !== undefined && same(old, next) ? old : next);
  const sample = sampleOf(read, at);
  return {
    target,
    server: keep(prev.server, read.server),
    inUse: sample.inUse,
    byDatabase: keep(prev.byDatabase, byDatabase(read.groups)),
    groups: keep(prev.groups, read.groups),
    longQueries: keep(prev.longQueries, read.longQueries),
    idleInTx: keep(prev.idleInTx, read.idleInTx),
    standbys: keep(prev.standbys, read.standbys),
    history: withSample(prev.history, sample, keepMs),
    checkedAt: at,
  };
}
