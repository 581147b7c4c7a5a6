// The PostgreSQL writer: the only code that changes anything in the database: it terminates the
// idle-in-transaction sessions of one application (pg_terminate_backend), on its own connection, never the
// source's read-only one. (Contract; the PostgreSQL source's helper implements createPostgresWriter.)
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
