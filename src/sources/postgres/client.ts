// The PostgreSQL client of a session, over the settings of postgres-env.ts: it opens connections with `pg`
// (loaded on the first connect, so a run without PostgreSQL never loads it), each with application_name
// 'sunbeam-console' (or the configured one), a 3 s connect timeout and a client-side query timeout, TLS as
// sslmode says. pg is handed every setting (host, port, user, database, TLS) and the password through a
// function: the configured one, or the password file's, looked up at each connect (a fixed ~/.pgpass is used
// on the next try), so pg never picks the process's own PGHOST or ~/.pgpass (a drill's are the simulator's).
// The source keeps one connection open; the writer opens its own, short-lived, and so does read() (a runbook's
// one read). Nothing here holds the password but the settings record it was given.
import { readPgpass, type PostgresSettings } from '../../session/postgres-env.js';
import type { PostgresSlice } from '../../store/postgres-slice.js';
import { describePgError, PasswordFileError, type PgWhere } from './errors.js';
import { readAll } from './read.js';
import { byDatabase } from './records.js';

/** What one read of the server gives (the same read-only transaction the source polls with). */
export type PgRead = Pick<PostgresSlice['postgres'], 'server' | 'inUse' | 'byDatabase' | 'groups' | 'longQueries' | 'idleInTx' | 'standbys'>;

type Row = Record<string, unknown>;

/** One open connection. */
export interface PgConn {
  query(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
  /** Closes it (at most a second's wait; errors are swallowed). */
  end(): Promise<void>;
  /** Called once if the connection breaks after it was opened (the server went away). */
  onBroken(cb: (err: Error) => void): void;
}

export interface PostgresClient {
  /** One sentence: a setting that cannot be used; the source shows it instead of reading. */
  readonly problem?: string;
  /** "user@host:port/database", never a password. */
  readonly target: string;
  /** One sentence to say once (a password inside the connection string). */
  readonly warning?: string;
  /** Host, port, user and database, for messages and the psql equivalent. */
  readonly where: PgWhere;
  readonly applicationName: string;
  /** Opens a new connection; rejects with pg's error (errors.ts words it). */
  connect(): Promise<PgConn>;
  /** One read now on a connection of its own (a runbook's read step); rejects with one sentence. */
  read(): Promise<PgRead>;
  /** Connections opened (tried) so far. */
  connects(): number;
}

export const CONNECT_TIMEOUT_MS = 3000;
/** A query the server does not answer within this is given up on (the statement timeout is 2 s). */
const QUERY_TIMEOUT_MS = 5000;

export function postgresClient(s: PostgresSettings): PostgresClient {
  let opened = 0;
  const where: PgWhere = { host: s.host, port: s.port, user: s.user, database: s.database };
  const password = (): string | undefined => {
    if (s.password !== undefined) return s.password;
    if (!s.passfile) return undefined;
    const r = readPgpass(s.passfile, where);
    if (r.password === undefined && r.problem) throw new PasswordFileError(r.problem);
    return r.password;
  };
  const client: PostgresClient = {
    ...(s.problem ? { problem: s.problem } : {}),
    ...(s.warning ? { warning: s.warning } : {}),
    target: s.target,
    where,
    applicationName: s.applicationName,
    connects: () => opened,
    async connect() {
      opened++;
      const { default: pg } = await import('pg');
      const c = new pg.Client({
        host: s.host,
        port: s.port,
        user: s.user,
        database: s.database,
        password: password as () => string,
        application_name: s.applicationName,
        ssl: s.ssl,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        query_timeout: QUERY_TIMEOUT_MS,
        keepAlive: true,
      });
      let broken: ((err: Error) => void) | undefined;
      let brokenErr: Error | undefined;
      // pg emits 'error' on a connection that breaks; unhandled, that would end the process.
      c.on('error', (err: Error) => {
        brokenErr ??= err;
        broken?.(err);
        broken = undefined;
      });
      try {
        await c.connect();
      } catch (err) {
        void c.end().catch(() => undefined);
        throw err;
      }
      return {
        query: (text, values) => c.query(text, values as unknown[]),
        end: () => Promise.race([c.end().catch(() => undefined), new Promise<void>((r) => setTimeout(r, 1000).unref())]),
        onBroken(cb) {
          if (brokenErr) cb(brokenErr);
          else broken = cb;
        },
      };
    },
    async read() {
      if (s.problem) throw new Error(s.problem);
      let conn: PgConn | undefined;
      try {
        conn = await client.connect();
        const r = await readAll(conn);
        return { server: r.server, inUse: r.groups.reduce((n, g) => n + g.total, 0), byDatabase: byDatabase(r.groups), groups: r.groups, longQueries: r.longQueries, idleInTx: r.idleInTx, standbys: r.standbys };
      } catch (err) {
        throw new Error(describePgError(err, where).sentence);
      } finally {
        await conn?.end();
      }
    },
  };
  return client;
}
