// The PostgreSQL writer: the only code that changes anything in the database: it terminates the
// idle-in-transaction sessions of one application (pg_terminate_backend), each call on its own short-lived
// connection, never the source's read-only one. A dry run lists the pids it would terminate and terminates
// none. The role needs pg_signal_backend (GRANT pg_signal_backend TO console;) to end other users' sessions.
// The equivalent psql command line of the same statement is ../psql-command.ts (psqlTerminateCommand).
import type { PgConn, PostgresClient } from '../../sources/postgres/client.js';
import { describePgError } from '../../sources/postgres/errors.js';
import { idleInTxPidsSql } from '../../sources/postgres/queries.js';

export interface TerminateRequest {
  /** application_name, exactly. */
  application: string;
  /** Only on this database, when given. */
  database?: string;
  /** Only sessions idle in transaction at least this long (ms); default 0. */
  minIdleMs?: number;
}

export interface PostgresWriter {
  readonly dryRun: boolean;
  /** The pids it would terminate now (a dry run ends here). */
  idleInTransaction(req: TerminateRequest): Promise<number[]>;
  /** Terminates them; resolves with the pids pg_terminate_backend answered true for. Rejects with one sentence. */
  terminateIdleInTransaction(req: TerminateRequest): Promise<{ terminated: number[] }>;
}

function params(req: TerminateRequest): unknown[] {
  return [req.application, Math.max(0, req.minIdleMs ?? 0), ...(req.database !== undefined ? [req.database] : [])];
}

export function createPostgresWriter(client: PostgresClient, opts: { dryRun: boolean }): PostgresWriter {
  async function run<T>(what: (conn: PgConn) => Promise<T>): Promise<T> {
    if (client.problem) throw new Error(client.problem);
    let conn: PgConn | undefined;
    try {
      conn = await client.connect();
      return await what(conn);
    } catch (err) {
      const f = describePgError(err, client.where);
      throw new Error(f.kind === 'forbidden' && (err as { code?: string }).code === '42501' ? `User ${client.where.user} may not end these sessions (42501); GRANT pg_signal_backend TO ${client.where.user};` : f.sentence);
    } finally {
      await conn?.end();
    }
  }

  const pids = (rows: Record<string, unknown>[]) => rows.map((r) => Number(r.pid));

  const idleInTransaction = (req: TerminateRequest) => run(async (c) => pids((await c.query(idleInTxPidsSql(false, req.database !== undefined), params(req))).rows));

  return {
    dryRun: opts.dryRun,
    idleInTransaction,
    async terminateIdleInTransaction(req) {
      if (opts.dryRun) {
        await idleInTransaction(req);
        return { terminated: [] };
      }
      return run(async (c) => {
        const rows = (await c.query(idleInTxPidsSql(true, req.database !== undefined), params(req))).rows;
        return { terminated: pids(rows.filter((r) => r.terminated === true)) };
      });
    },
  };
}
