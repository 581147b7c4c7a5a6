// The read-only SQL the PostgreSQL source runs every poll, inside one `BEGIN TRANSACTION READ ONLY` with
// `SET LOCAL statement_timeout`. Every view here is readable with pg_monitor (GRANT pg_monitor TO console;):
// without it (or pg_read_all_stats), other users' sessions show no backend type, state or query (so the client
// backends below miss them), which the server read counts (`hidden`) and the source reports.
// Numbers come back as int or float8, never bigint or numeric (pg hands those over as strings).

export const BEGIN_READ_ONLY = 'BEGIN TRANSACTION READ ONLY';
export const STATEMENT_TIMEOUT = "SET LOCAL statement_timeout = '2s'";
export const COMMIT = 'COMMIT';

const IDLE_IN_TX = "('idle in transaction', 'idle in transaction (aborted)')";
const CLIENTS = "backend_type = 'client backend' AND pid <> pg_backend_pid()";

export const SERVER_SQL = `SELECT current_setting('server_version') AS version,
  current_setting('max_connections')::int AS max_connections,
  current_setting('superuser_reserved_connections')::int AS superuser_reserved,
  current_setting('reserved_connections', true) AS reserved,
  pg_is_in_recovery() AS in_recovery,
  pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS reads_all_stats,
  current_user AS me,
  (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type IS NULL) AS hidden`;

export const GROUPS_SQL = `SELECT coalesce(datname, '') AS database, coalesce(application_name, '') AS application,
  coalesce(usename, '') AS usr, count(*)::int AS total,
  count(*) FILTER (WHERE state = 'active')::int AS active,
  count(*) FILTER (WHERE state = 'idle')::int AS idle,
  count(*) FILTER (WHERE state IN ${IDLE_IN_TX})::int AS idle_in_tx,
  (extract(epoch FROM max(now() - state_change) FILTER (WHERE state IN ${IDLE_IN_TX})) * 1000)::float8 AS oldest_idle_in_tx_ms
FROM pg_stat_activity WHERE ${CLIENTS}
GROUP BY 1, 2, 3 ORDER BY total DESC, 1, 2, 3`;

const SESSION_COLUMNS = `pid, coalesce(datname, '') AS database, coalesce(usename, '') AS usr,
  coalesce(application_name, '') AS application, state, wait_event_type, wait_event, left(query, 4000) AS query`;

/** Active queries running longer than a second, longest first. */
export const LONG_QUERIES_SQL = `SELECT ${SESSION_COLUMNS},
  (extract(epoch FROM now() - query_start) * 1000)::float8 AS duration_ms
FROM pg_stat_activity WHERE ${CLIENTS} AND state = 'active' AND query_start < now() - interval '1 second'
ORDER BY query_start LIMIT 10`;

/** Sessions idle in a transaction, oldest first: how long since they went idle (state_change). */
export const IDLE_IN_TX_SQL = `SELECT ${SESSION_COLUMNS},
  (extract(epoch FROM now() - state_change) * 1000)::float8 AS duration_ms
FROM pg_stat_activity WHERE ${CLIENTS} AND state IN ${IDLE_IN_TX}
ORDER BY state_change LIMIT 20`;

/** The standbys streaming from this server (asked only when it is not itself in recovery). */
export const REPLICATION_SQL = `SELECT coalesce(application_name, '') AS name, host(client_addr) AS client_addr, state, sync_state,
  pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::float8 AS lag_bytes,
  (extract(epoch FROM replay_lag) * 1000)::float8 AS replay_lag_ms
FROM pg_stat_replication ORDER BY 1, 2`;

/** The writer's: the idle-in-transaction sessions of one application ($1), on one database ($3) when given, idle at least $2 ms. */
export function idleInTxPidsSql(terminate: boolean, withDatabase: boolean): string {
  const pick = terminate ? 'pid, pg_terminate_backend(pid) AS terminated' : 'pid';
  return `SELECT ${pick} FROM pg_stat_activity WHERE application_name = $1 AND state IN ${IDLE_IN_TX}${withDatabase ? ' AND datname = $3' : ''} AND now() - state_change >= $2 * interval '1 millisecond' AND pid <> pg_backend_pid() ORDER BY state_change`;
}
