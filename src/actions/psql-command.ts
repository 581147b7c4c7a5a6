// The psql command lines the PostgreSQL actions show as their equivalents (the console runs the same SQL
// through the pg client), each word quoted for the shell; the target "user@host:port/database" carries no
// password (psql asks ~/.pgpass, as the console does). Pure.
import type { TerminateRequest } from './writers/postgres.js';

/** A word as the shell takes it, in single quotes when it needs them. */
function shellWord(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

const sqlString = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** The psql command line doing what terminateIdleInTransaction does, against target "user@host:port/database" (no password: psql asks ~/.pgpass). */
export function psqlTerminateCommand(target: string, req: TerminateRequest): string {
  const where = [`application_name = ${sqlString(req.application)}`, "state IN ('idle in transaction', 'idle in transaction (aborted)')"];
  if (req.database !== undefined) where.push(`datname = ${sqlString(req.database)}`);
  where.push(`now() - state_change >= interval '${Math.round(Math.max(0, req.minIdleMs ?? 0))} milliseconds'`, 'pid <> pg_backend_pid()');
  return psqlCommandLine(target, `SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE ${where.join(' AND ')}`);
}

/** `psql -h HOST -p PORT -U USER -d DB -c SQL` against target "user@host:port/database", each word quoted for the shell. */
export function psqlCommandLine(target: string, sql: string): string {
  const m = /^(.*)@(.*):(\d+)\/(.*)$/.exec(target);
  const conn = m ? ['-h', m[2]!, '-p', m[3]!, '-U', m[1]!, '-d', m[4]!] : ['-d', target];
  return ['psql', ...conn, '-c', sql].map(shellWord).join(' ');
}
