// Where PostgreSQL is, as libpq finds it: SUNBEAM_PG_DSN first (a URL, postgresql://user@host:port/db, or
// libpq's key=value form), then the standard PG* variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD,
// PGPASSFILE, PGSERVICE, PGSSLMODE, PGSSLROOTCERT, PGAPPNAME: any of PGHOST, PGDATABASE, PGUSER or PGSERVICE
// set means "configured"), then the config file's postgres.dsn; none of these: no client (rung 5's PostgreSQL
// half is "not connected"). As in libpq, what the connection string leaves out the PG* variables fill in, then
// the defaults (localhost, 5432, the login name). The password comes from the string or PGPASSWORD, else from
// the password file (PGPASSFILE or ~/.pgpass, read at each connect, ignored when group or others may read it,
// as libpq does). `target` ("user@host:port/database") is what every message says: never the password. A
// password inside the connection string works, with one warning. The URL is read with node's URL parser (not
// pg-connection-string: not a dependency of ours, and it writes a warning to stderr under the console's
// screen). Pure but for reading the files it names.
import { readFileSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Env } from './settings.js';

/** TLS as pg takes it: false (none), or the options of tls.connect. */
export type PgTls = false | { rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined };

export interface PostgresSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  /** application_name: the connection string's, PGAPPNAME, else 'sunbeam-console'. */
  applicationName: string;
  /** From the connection string or PGPASSWORD; otherwise the password file is asked at each connect. */
  password?: string;
  /** PGPASSFILE, or ~/.pgpass; absent when there is no home to look in (a drill never reads the real one). */
  passfile?: string;
  ssl: PgTls;
  /** What configured it, for messages: 'SUNBEAM_PG_DSN', 'PG* variables' or 'the config file (postgres.dsn)'. */
  from: string;
  /** "user@host:port/database". */
  target: string;
  /** One sentence, said once: e.g. a password inside the connection string. */
  warning?: string;
  /** One sentence: a setting that cannot be used; nothing is sent then. */
  problem?: string;
}

export const DEFAULT_APPLICATION_NAME = 'sunbeam-console';

type Params = Record<string, string | undefined>;

function get(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** libpq's key=value connection string ("host=db port=5432 dbname=app user='me'"); undefined when it is not one. */
export function parseKeywordDsn(text: string): Params | undefined {
  const out: Params = {};
  const re = /\s*([A-Za-z_]+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|([^\s']*))/y;
  let at = 0;
  const s = text.trim();
  while (at < s.length) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m) return undefined;
    out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
    at = re.lastIndex;
    while (s[at] === ' ' || s[at] === '\t') at++;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The URL form's parameters (postgresql://user:password@host:port/dbname?param=value), in libpq's names. */
export function parseUrlDsn(dsn: string): Params | undefined {
  let u: URL;
  try {
    u = new URL(dsn);
  } catch {
    return undefined;
  }
  const p: Params = {};
  const dec = (v: string) => {
    try {
      return decodeURIComponent(v);
    } catch {
      return v;
    }
  };
  if (u.hostname) p.host = dec(u.hostname).replace(/^\[(.*)\]$/, '$1');
  if (u.port) p.port = u.port;
  if (u.username) p.user = dec(u.username);
  if (u.password) p.password = dec(u.password);
  const db = dec(u.pathname.replace(/^\//, ''));
  if (db) p.dbname = db;
  for (const [k, v] of u.searchParams) p[k.toLowerCase()] = v;
  return p;
}

/** The connection string's parameters, in libpq's names (dbname, sslmode...), or a problem sentence. */
function dsnParams(dsn: string, from: string): { params?: Params; problem?: string } {
  if (/^postgres(ql)?:\/\//i.test(dsn)) {
    const p = parseUrlDsn(dsn);
    return p ? { params: p } : { problem: `${from} is not a PostgreSQL URL that can be read; use postgresql://USER@HOST:PORT/DATABASE.` };
  }
  const p = parseKeywordDsn(dsn);
  if (!p) return { problem: `${from} must be a URL such as postgresql://console@db.example:5432/postgres (or libpq's host=... dbname=... form).` };
  return { params: p };
}

/** The named service's section of the service file (PGSERVICEFILE, ~/.pg_service.conf, or PGSYSCONFDIR/pg_service.conf). */
function serviceParams(name: string, env: Env, home: string | undefined): { params?: Params; problem?: string } {
  const files = [get(env, 'PGSERVICEFILE') ?? (home ? join(home, '.pg_service.conf') : undefined), get(env, 'PGSYSCONFDIR') ? join(get(env, 'PGSYSCONFDIR')!, 'pg_service.conf') : undefined].filter((f): f is string => !!f);
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    let inside = false;
    const params: Params = {};
    let found = false;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const section = /^\[(.+)\]$/.exec(line);
      if (section) {
        inside = section[1]!.trim() === name;
        found ||= inside;
        continue;
      }
      const kv = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(line);
      if (inside && kv) params[kv[1]!.toLowerCase()] = kv[2]!.trim();
    }
    if (found) return { params };
  }
  return { problem: `PostgreSQL service "${name}" (PGSERVICE) is in no service file (PGSERVICEFILE or ~/.pg_service.conf).` };
}

function tlsFor(mode: string | undefined, rootCert: string | undefined): { ssl: PgTls; problem?: string } {
  const m = (mode ?? 'disable').toLowerCase();
  // pg has no "prefer" (it cannot fall back to plain text): allow and prefer connect without TLS, as they do
  // against a server without it; require encrypts without checking the certificate, as libpq's require does.
  if (m === 'disable' || m === 'allow' || m === 'prefer') return { ssl: false };
  if (m !== 'require' && m !== 'verify-ca' && m !== 'verify-full' && m !== 'no-verify') return { ssl: false, problem: `sslmode "${mode}" is not one of disable, allow, prefer, require, verify-ca, verify-full.` };
  let ca: string | undefined;
  if (rootCert && m !== 'require' && m !== 'no-verify') {
    try {
      ca = readFileSync(rootCert, 'utf8');
    } catch (err) {
      return { ssl: false, problem: `sslrootcert names ${rootCert}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read failed'}); fix it or unset it.` };
    }
  }
  if (m === 'require' || m === 'no-verify') return { ssl: { rejectUnauthorized: false } };
  const ssl: PgTls = { rejectUnauthorized: true, ...(ca ? { ca } : {}), ...(m === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}) };
  return { ssl };
}

/** "user@host:port/database": what a message says of the server (never a password). */
export function pgTarget(s: Pick<PostgresSettings, 'user' | 'host' | 'port' | 'database'>): string {
  return `${s.user}@${s.host}:${s.port}/${s.database}`;
}

/**
 * The PostgreSQL settings, or undefined when nothing configures a connection. `homeFiles: false` (a drill):
 * no ~/.pgpass or ~/.pg_service.conf from the real home; only the files the environment names.
 */
export function postgresSettings(env: Env, backends: { postgresDsn?: string } = {}, opts: { homeFiles?: boolean } = {}): PostgresSettings | undefined {
  const envDsn = get(env, 'SUNBEAM_PG_DSN');
  const pgVars = ['PGHOST', 'PGDATABASE', 'PGUSER', 'PGSERVICE'].some((n) => get(env, n) !== undefined);
  const fileDsn = backends.postgresDsn?.trim() || undefined;
  if (!envDsn && !pgVars && !fileDsn) return undefined;
  const from = envDsn ? 'SUNBEAM_PG_DSN' : pgVars ? 'PG* variables' : 'the config file (postgres.dsn)';
  const dsn = envDsn ?? (pgVars ? undefined : fileDsn);
  const home = get(env, 'HOME') ?? (opts.homeFiles === false ? undefined : homedir());
  const problems: string[] = [];

  let fromDsn: Params = {};
  if (dsn) {
    const d = dsnParams(dsn, from);
    if (d.problem) problems.push(d.problem);
    fromDsn = d.params ?? {};
  }
  let fromService: Params = {};
  const service = fromDsn.service ?? get(env, 'PGSERVICE');
  if (service) {
    const s = serviceParams(service, env, home);
    if (s.problem) problems.push(s.problem);
    fromService = s.params ?? {};
  }
  const pick = (key: string, envName: string): string | undefined => fromDsn[key] || fromService[key] || get(env, envName);

  let login = get(env, 'USER') ?? get(env, 'LOGNAME');
  if (!login && opts.homeFiles !== false) {
    try {
      login = userInfo().username;
    } catch {
      login = undefined;
    }
  }
  const user = pick('user', 'PGUSER') ?? login ?? 'postgres';
  const host = pick('host', 'PGHOST') ?? 'localhost';
  const portText = pick('port', 'PGPORT') ?? '5432';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) problems.push(`The PostgreSQL port "${portText}" is not a port number.`);
  const database = pick('dbname', 'PGDATABASE') ?? user;
  const tls = tlsFor(pick('sslmode', 'PGSSLMODE'), pick('sslrootcert', 'PGSSLROOTCERT'));
  if (tls.problem) problems.push(tls.problem);
  const password = fromDsn.password || fromService.password || env.PGPASSWORD || undefined;
  const passfile = get(env, 'PGPASSFILE') ?? (home ? join(home, '.pgpass') : undefined);

  const s: PostgresSettings = { host, port: Number.isFinite(port) ? port : 5432, database, user, applicationName: pick('application_name', 'PGAPPNAME') ?? DEFAULT_APPLICATION_NAME, ssl: tls.ssl, from, target: '' };
  s.target = pgTarget(s);
  if (password) s.password = password;
  if (passfile) s.passfile = passfile;
  if (fromDsn.password) s.warning = `The PostgreSQL connection string (${from}) holds a password; keep the password in ~/.pgpass or PGPASSFILE instead.`;
  if (problems.length) s.problem = problems[0];
  return s;
}

/** One .pgpass field: `*` matches anything, `\:` and `\\` are escapes. */
function splitPgpassLine(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) cur += line[++i];
    else if (c === ':' && fields.length < 4) {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  fields.push(cur);
  return fields;
}

/** The password the .pgpass text gives for this connection (the first matching line), if any. */
export function pgpassLookup(text: string, key: { host: string; port: number; database: string; user: string }): string | undefined {
  const host = key.host.startsWith('/') || key.host === '' ? 'localhost' : key.host;
  const want = [host, String(key.port), key.database, key.user];
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim() || raw.trimStart().startsWith('#')) continue;
    const f = splitPgpassLine(raw);
    if (f.length < 5) continue;
    if (want.every((w, i) => f[i] === '*' || f[i] === w)) return f[4];
  }
  return undefined;
}

/** Reads the password file for one connection: its password, or why it was not used (one sentence). */
export function readPgpass(file: string, key: { host: string; port: number; database: string; user: string }): { password?: string; problem?: string } {
  let mode: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { problem: `The password file ${file} is not a plain file; it was not used.` };
    mode = st.mode;
  } catch {
    return {};
  }
  if (mode & 0o077) return { problem: `The password file ${file} may be read by others (mode ${(mode & 0o777).toString(8)}), so it was not used, as libpq does not use it; chmod 0600 it.` };
  try {
    const password = pgpassLookup(readFileSync(file, 'utf8'), key);
    return password === undefined ? {} : { password };
  } catch (err) {
    return { problem: `The password file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read failed'}).` };
  }
}
