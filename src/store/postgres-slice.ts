// The PostgreSQL slice: rung 5's view from inside the database (the CloudNativePG records are in the kube
// slice): the server, who holds the connections (per database and per application_name: "if connections are
// exhausted, something is leaking"), the longest running queries, the idle-in-transaction sessions, the
// replication lag per standby, and a short history for the sparklines. The PostgreSQL source
// (src/sources/postgres/) is its only writer; whether the server is reachable is its health (sources.postgres).
import type { GetState, SetState } from './slice.js';

export interface PgServerInfo {
  /** server_version ("15.18 (Debian 15.18-0+deb12u1)"). */
  version: string;
  maxConnections: number;
  /** superuser_reserved_connections (+ reserved_connections on 16+). */
  reservedConnections: number;
  /** pg_is_in_recovery(): a standby. */
  inRecovery: boolean;
}

/** Connections of one application_name on one database as one user (pg_stat_activity, client backends only). */
export interface PgConnGroup {
  database: string;
  /** application_name ('' when the client set none). */
  application: string;
  user: string;
  total: number;
  active: number;
  idle: number;
  idleInTx: number;
  /** Age of its oldest idle-in-transaction session (ms), if any. */
  oldestIdleInTxMs?: number;
}

/** One backend (a long query, an idle-in-transaction session). */
export interface PgSession {
  pid: number;
  database: string;
  user: string;
  application: string;
  /** pg_stat_activity.state: active, idle in transaction, idle in transaction (aborted)... */
  state: string;
  /** Since query_start (a query) or xact_start / state_change (idle in transaction), ms. */
  durationMs: number;
  waitEvent?: string;
  /** The query text, its literals masked ('…' → '?') and cut to 200 characters: never a secret. */
  query: string;
}

export interface PgStandby {
  /** application_name of the WAL sender's client. */
  name: string;
  clientAddr?: string;
  state: string;
  syncState?: string;
  /** pg_wal_lsn_diff(current, replay_lsn). */
  lagBytes?: number;
  replayLagMs?: number;
}

/** One poll's figures, for the sparklines (oldest first). */
export interface PgSample {
  at: number;
  inUse: number;
  idleInTx: number;
  longestQueryMs: number;
  maxLagBytes?: number;
}

export interface PostgresSlice {
  postgres: {
    /** Where: "user@host:port/database" (never a password). */
    target?: string;
    server?: PgServerInfo;
    /** Client backends in use (all of them, every state). */
    inUse?: number;
    byDatabase: { database: string; connections: number }[];
    /** Most connections first. */
    groups: PgConnGroup[];
    /** Longest first. */
    longQueries: PgSession[];
    /** Oldest first. */
    idleInTx: PgSession[];
    standbys: PgStandby[];
    /** The last samples (the source keeps about ten minutes). */
    history: PgSample[];
    /** ms epoch of the last full read. */
    checkedAt?: number;
  };
}

export const emptyPostgres = (): PostgresSlice['postgres'] => ({ byDatabase: [], groups: [], longQueries: [], idleInTx: [], standbys: [], history: [] });

export interface PostgresActions {
  setPostgres(patch: Partial<PostgresSlice['postgres']>): void;
}

export function postgresActions(set: SetState<PostgresSlice>, get: GetState<PostgresSlice>): PostgresActions {
  return {
    setPostgres(patch) {
      set({ postgres: { ...get().postgres, ...patch } });
    },
  };
}
