// The PostgreSQL client (contract; the PostgreSQL source's helper fills it in).
import type { PostgresSlice } from '../../store/postgres-slice.js';

/** What one read of the server gives (the same read-only transaction the source polls with). */
export type PgRead = Pick<PostgresSlice['postgres'], 'server' | 'inUse' | 'byDatabase' | 'groups' | 'longQueries' | 'idleInTx' | 'standbys'>;

export interface PostgresClient {
  /** One sentence: a setting that cannot be used; the source shows it instead of reading. */
  readonly problem?: string;
  /** "user@host:port/database", never a password. */
  readonly target: string;
  /** One read now, for a runbook's read step; rejects with one sentence. */
  read(): Promise<PgRead>;
}
