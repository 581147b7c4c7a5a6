// Where the console finds PostgreSQL (src/session/postgres-env.ts): SUNBEAM_PG_DSN, then the PG* variables,
// then the config file's postgres.dsn; the password from the string, PGPASSWORD or the password file (as libpq
// reads ~/.pgpass); the target never holds the password.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKeywordDsn, parseUrlDsn, pgpassLookup, postgresSettings, readPgpass } from '../../src/session/postgres-env.js';

const home = mkdtempSync(join(tmpdir(), 'sc-pgenv-'));

describe('PostgreSQL settings precedence', () => {
  it('has no client when nothing names a server', () => {
    expect(postgresSettings({ HOME: home })).toBeUndefined();
    expect(postgresSettings({ HOME: home, PGPORT: '5433', PGPASSWORD: 'x' })).toBeUndefined();
  });

  it('takes SUNBEAM_PG_DSN over the PG* variables and the config file', () => {
    const s = postgresSettings({ HOME: home, SUNBEAM_PG_DSN: 'postgresql://console@db1:5433/app', PGHOST: 'db2', PGUSER: 'other' }, { postgresDsn: 'postgresql://x@db3/y' })!;
    expect(s.target).toBe('console@db1:5433/app');
    expect(s.from).toBe('SUNBEAM_PG_DSN');
  });

  it('takes the PG* variables over the config file, with libpq defaults', () => {
    const s = postgresSettings({ HOME: home, PGHOST: 'db2', PGUSER: 'ops', USER: 'me' }, { postgresDsn: 'postgresql://x@db3/y' })!;
    expect(s.target).toBe('ops@db2:5432/ops');
    expect(s.from).toBe('PG* variables');
    expect(postgresSettings({ HOME: home, PGDATABASE: 'app', USER: 'me' })!.target).toBe('me@localhost:5432/app');
  });

  it('uses the config file last, and the PG* variables fill in what a string leaves out', () => {
    const s = postgresSettings({ HOME: home, PGPORT: '6543', PGSSLMODE: 'require' }, { postgresDsn: 'postgresql://console@db3/postgres' })!;
    expect(s.target).toBe('console@db3:6543/postgres');
    expect(s.from).toBe('the config file (postgres.dsn)');
    expect(s.ssl).toEqual({ rejectUnauthorized: false });
  });

  it('reads libpq key=value strings and PGSERVICE', () => {
    expect(postgresSettings({ HOME: home, SUNBEAM_PG_DSN: "host=db port=5999 dbname='my db' user=ops" })!.target).toBe('ops@db:5999/my db');
    const file = join(home, 'services.conf');
    writeFileSync(file, '# services\n[prod]\nhost=pg.prod\nport=5444\ndbname=ledger\nuser=auditor\n');
    expect(postgresSettings({ HOME: home, PGSERVICE: 'prod', PGSERVICEFILE: file })!.target).toBe('auditor@pg.prod:5444/ledger');
    expect(postgresSettings({ HOME: home, PGSERVICE: 'nope', PGSERVICEFILE: file })!.problem).toMatch(/service "nope"/);
  });

  it('never puts the password in the target, and warns once about a password inside the string', () => {
    const s = postgresSettings({ HOME: home, SUNBEAM_PG_DSN: 'postgresql://console:s3cr%40t-pw@db:5432/postgres' })!;
    expect(s.password).toBe('s3cr@t-pw');
    expect(s.target).toBe('console@db:5432/postgres');
    expect(s.warning).toMatch(/keep the password in ~\/\.pgpass or PGPASSFILE/);
    expect(JSON.stringify({ target: s.target, warning: s.warning, problem: s.problem })).not.toContain('s3cr');
    expect(postgresSettings({ HOME: home, SUNBEAM_PG_DSN: 'postgresql://console@db/postgres', PGPASSWORD: 'pw' })!.warning).toBeUndefined();
  });

  it('finds the password file from PGPASSFILE or ~/.pgpass, and none from the real home in a drill', () => {
    expect(postgresSettings({ HOME: home, PGHOST: 'db' })!.passfile).toBe(join(home, '.pgpass'));
    expect(postgresSettings({ HOME: home, PGHOST: 'db', PGPASSFILE: '/x/pgpass' })!.passfile).toBe('/x/pgpass');
    expect(postgresSettings({ SUNBEAM_PG_DSN: 'postgresql://u@h/d' }, {}, { homeFiles: false })!.passfile).toBeUndefined();
  });

  it('says in one sentence what cannot be used', () => {
    expect(postgresSettings({ SUNBEAM_PG_DSN: 'mysql://x' })!.problem).toMatch(/must be a URL such as postgresql:\/\//);
    expect(postgresSettings({ PGHOST: 'db', PGPORT: 'abc' })!.problem).toMatch(/port "abc"/);
    expect(postgresSettings({ PGHOST: 'db', PGSSLMODE: 'sometimes' })!.problem).toMatch(/sslmode "sometimes"/);
  });

  it('parses the URL and keyword forms', () => {
    expect(parseUrlDsn('postgresql://%2Fvar%2Frun%2Fpostgresql/db?sslmode=disable')).toEqual({ host: '/var/run/postgresql', dbname: 'db', sslmode: 'disable' });
    expect(parseUrlDsn('postgres://u@[::1]:5000/x')).toEqual({ host: '::1', port: '5000', user: 'u', dbname: 'x' });
    expect(parseKeywordDsn("host=a password='it\\'s'")).toEqual({ host: 'a', password: "it's" });
    expect(parseKeywordDsn('not a dsn')).toBeUndefined();
  });
});

describe('the password file', () => {
  const key = { host: '127.0.0.1', port: 5432, database: 'postgres', user: 'console' };
  it('matches as libpq does: first matching line, * wildcards, escaped colons', () => {
    const text = ['# comment', 'otherhost:*:*:*:nope', '127.0.0.1:5432:*:console:pa\\:ss', '*:*:*:*:fallback'].join('\n');
    expect(pgpassLookup(text, key)).toBe('pa:ss');
    expect(pgpassLookup(text, { ...key, user: 'x' })).toBe('fallback');
    expect(pgpassLookup('127.0.0.1:5433:*:*:p', key)).toBeUndefined();
    expect(pgpassLookup('localhost:*:*:*:sock', { ...key, host: '/run/postgresql' })).toBe('sock');
  });

  it('is not used when others may read it', () => {
    const f = join(home, 'pgpass');
    writeFileSync(f, '*:*:*:*:pw\n');
    chmodSync(f, 0o644);
    expect(readPgpass(f, key)).toEqual({ problem: expect.stringMatching(/may be read by others .*chmod 0600/) });
    chmodSync(f, 0o600);
    expect(readPgpass(f, key)).toEqual({ password: 'pw' });
    expect(readPgpass(join(home, 'missing'), key)).toEqual({});
  });
});
