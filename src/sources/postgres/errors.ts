// One sentence, with what to do next, for whatever connecting to or reading from PostgreSQL fails with, and
// the source state it means. Keyed on the SQLSTATE (PostgreSQL's own code) or node's network code, never on
// the server's text alone; a message names the target ("user@host:port/database"), never the password.
import type { SourceState } from '../../store/records.js';

export type PgFailure = 'unreachable' | 'unauthorized' | 'forbidden' | 'timeout' | 'exhausted' | 'starting' | 'no-database' | 'error';

export interface PgFailureInfo {
  kind: PgFailure;
  state: SourceState;
  sentence: string;
}

export interface PgWhere {
  host: string;
  port: number;
  user: string;
  database: string;
}

const STATE: Record<PgFailure, SourceState> = { unreachable: 'unreachable', unauthorized: 'unauthorized', forbidden: 'forbidden', timeout: 'timeout', exhausted: 'degraded', starting: 'unreachable', 'no-database': 'unreachable', error: 'unreachable' };

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown }; errors?: { code?: unknown }[] };
  const c = e?.code ?? e?.cause?.code ?? e?.errors?.[0]?.code;
  return typeof c === 'string' ? c : undefined;
}

/** The first line of the server's message, without anything that looks like a password assignment. */
function said(err: unknown): string {
  const m = String((err as Error)?.message ?? err)
    .split('\n')[0]!
    .replace(/(password\s*[=:]?\s*)('[^']*'|\S+)/gi, '$1***')
    .trim();
  return m.length > 200 ? `${m.slice(0, 197)}...` : m;
}

function info(kind: PgFailure, sentence: string): PgFailureInfo {
  return { kind, state: STATE[kind], sentence };
}

export function describePgError(err: unknown, w: PgWhere): PgFailureInfo {
  return classify(codeOf(err), String((err as Error)?.message ?? ''), `PostgreSQL at ${w.host}:${w.port}`, w, err);
}

function classify(code: string | undefined, message: string, at: string, w: PgWhere, err: unknown): PgFailureInfo {
  if (err instanceof PasswordFileError) return info('unauthorized', err.message);
  switch (code) {
    case 'ECONNREFUSED':
      return info('unreachable', `${at} refuses connections; is it running, and are the host and port right?`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return info('unreachable', `The PostgreSQL host ${w.host} cannot be found (${code}); check the host name.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ECONNRESET':
    case 'EPIPE':
      return info('unreachable', `${at} is unreachable (${code}); check the network.`);
    case 'ETIMEDOUT':
      return info('timeout', `${at} did not answer in time (ETIMEDOUT); is it up, and is the port open?`);
    case '28P01':
      return info('unauthorized', `PostgreSQL refused user ${w.user}'s password (28P01); fix it in ~/.pgpass or PGPASSFILE.`);
    case '28000':
      return info('forbidden', `PostgreSQL has no pg_hba.conf entry letting user ${w.user} reach database ${w.database} from here (28000).`);
    case '3D000':
      return info('no-database', `PostgreSQL at ${w.host}:${w.port} has no database "${w.database}" (3D000); check the database name.`);
    case '57P03':
      return info('starting', `${at} is starting up or shutting down (57P03); it does not take connections yet.`);
    case '57P01':
    case '57P02':
      return info('unreachable', `${at} ended our session (${code}: the server is shutting down or was restarted).`);
    case '53300':
      return info('exhausted', `${at} has no connection slot left (53300 too many connections): the connections are exhausted, which means something is leaking; find who holds them (pg_stat_activity as a superuser) and end the leak.`);
    case '42501':
      return info('forbidden', `User ${w.user} may not read PostgreSQL's statistics (42501); GRANT pg_monitor TO ${w.user};`);
    case '57014':
      return info('timeout', `${at} cancelled the read after the 2 s statement timeout (57014); the server is overloaded or blocked.`);
    default:
      break;
  }
  if (/timeout|timed out/i.test(message)) return info('timeout', `${at} did not answer within 3 s; is it up, and is the port open?`);
  if (/terminated unexpectedly|Connection terminated|ended unexpectedly/i.test(message)) return info('unreachable', `${at} closed the connection; is it restarting?`);
  if (/SASL|client password must be a string|password authentication/i.test(message)) return info('unauthorized', `PostgreSQL asks user ${w.user} for a password and none was found; put it in ~/.pgpass or PGPASSFILE.`);
  if (/does not support SSL|SSL/i.test(message)) return info('unreachable', `${at} and the console disagree on TLS (${said(err)}); check sslmode.`);
  return info('error', `${at} failed${code ? ` (${code})` : ''}: ${said(err)}`);
}

/** The password file could not be used (readable by others, unreadable): its sentence is the error. */
export class PasswordFileError extends Error {
  override name = 'PasswordFileError';
}
