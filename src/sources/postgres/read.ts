// One full read of the server, in one read-only transaction (BEGIN TRANSACTION READ ONLY; SET LOCAL
// statement_timeout = '2s'; the reads of queries.ts; COMMIT, or ROLLBACK when one fails): what the source polls
// every 5 s on its kept connection, and what a runbook's read step asks once (client.read()).
import { BEGIN_READ_ONLY, COMMIT, GROUPS_SQL, IDLE_IN_TX_SQL, LONG_QUERIES_SQL, REPLICATION_SQL, SERVER_SQL, STATEMENT_TIMEOUT } from './queries.js';
import { groupRecord, serverRecord, sessionRecord, standbyRecord, type PollRead } from './records.js';

interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface FullRead extends PollRead {
  /** pg_read_all_stats (pg_monitor, or a superuser). */
  readsAllStats: boolean;
  /** current_user. */
  user: string;
  /** Sessions whose backend type, state and query this role may not see. */
  hidden: number;
}

export async function readAll(conn: Queryable): Promise<FullRead> {
  await conn.query(BEGIN_READ_ONLY);
  try {
    await conn.query(STATEMENT_TIMEOUT);
    const server = serverRecord((await conn.query(SERVER_SQL)).rows[0] ?? {});
    const groupRows = (await conn.query(GROUPS_SQL)).rows;
    const longQueries = (await conn.query(LONG_QUERIES_SQL)).rows.map(sessionRecord);
    const idleInTx = (await conn.query(IDLE_IN_TX_SQL)).rows.map(sessionRecord);
    const standbys = server.info.inRecovery ? [] : (await conn.query(REPLICATION_SQL)).rows.map(standbyRecord);
    await conn.query(COMMIT);
    return { server: server.info, groups: groupRows.map(groupRecord), longQueries, idleInTx, standbys, readsAllStats: server.readsAllStats, user: server.user, hidden: server.hidden };
  } catch (err) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
