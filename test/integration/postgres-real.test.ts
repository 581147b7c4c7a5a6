// The PostgreSQL source and writer against a real server (a temporary cluster from initdb on a loopback port,
// src/sim/servers/postgres/local-server.ts): connected as a role with pg_monitor and pg_signal_backend whose
// password is in a PGPASSFILE, through SUNBEAM_PG_DSN-style settings. The counts follow the connections the
// test opens and closes under named application_names; a long query shows (masked); a stopped server, a wrong
// password and exhausted connections are each one sentence, and the source recovers; the writer terminates
// exactly one application's idle-in-transaction sessions (a dry run none), and so does its psql equivalent;
// nothing in the store ever holds a password. The session opens the client from SUNBEAM_PG_DSN or the config
// file's postgres.dsn, none without them, and under --demo never from the user's own environment.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { psqlTerminateCommand } from '../../src/actions/psql-command.js';
import { createPostgresWriter } from '../../src/actions/writers/postgres.js';
import { openSession } from '../../src/session/index.js';
import { postgresSettings } from '../../src/session/postgres-env.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { startLocalPostgres, type LocalPostgres } from '../../src/sim/servers/postgres/local-server.js';
import { postgresClient, type PostgresClient } from '../../src/sources/postgres/client.js';
import { createPostgresSource, type PostgresSource } from '../../src/sources/postgres/index.js';
import { createAppStore, type AppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

const CONSOLE_PW = 'console-Pw-7f3a9';
const APP_PW = 'app-Pw-c41d2';
const SECRET_LITERAL = 'hunter2-literal-9q';

const dir = mkdtempSync(join(tmpdir(), 'sc-pg-real-'));
const servers: LocalPostgres[] = [];
const opened: pg.Client[] = [];
const sources: PostgresSource[] = [];
let s: LocalPostgres;

function passfile(name: string, port: number, password: string): string {
  const f = join(dir, name);
  writeFileSync(f, `127.0.0.1:${port}:*:console:${password}\n`);
  chmodSync(f, 0o600);
  return f;
}

async function setUp(server: LocalPostgres): Promise<void> {
  // startLocalPostgres returns once the port accepts, which can be a moment before the server takes sessions
  // (57P03 "starting up") on a loaded machine: the first connection waits for that.
  const admin = await waitFor(
    async () => {
      const c = new pg.Client({ host: server.socketDir, port: server.port, user: 'postgres', database: 'postgres' });
      try {
        await c.connect();
        return c;
      } catch (err) {
        await c.end().catch(() => undefined);
        if ((err as { code?: string }).code === '57P03') return undefined;
        throw err;
      }
    },
    { timeoutMs: 20_000, message: 'the server taking sessions' },
  );
  await admin.query(`CREATE ROLE console LOGIN PASSWORD '${CONSOLE_PW}'`);
  await admin.query('GRANT pg_monitor, pg_signal_backend TO console');
  await admin.query(`CREATE ROLE app LOGIN PASSWORD '${APP_PW}'`);
  await admin.query('CREATE DATABASE appdb OWNER app');
  await admin.end();
}

async function admin(server: LocalPostgres, sql: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ host: server.socketDir, port: server.port, user: 'postgres', database: 'postgres' });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A connection as `app` under an application_name; a terminated one does not crash the test. */
async function appConn(server: LocalPostgres, application: string, database = 'appdb'): Promise<pg.Client> {
  const c = new pg.Client({ host: server.host, port: server.port, user: 'app', password: APP_PW, database, application_name: application });
  c.on('error', () => undefined);
  await c.connect();
  opened.push(c);
  return c;
}

async function idleInTx(server: LocalPostgres, application: string, n: number, database?: string): Promise<pg.Client[]> {
  const cs = await Promise.all(Array.from({ length: n }, () => appConn(server, application, database)));
  for (const c of cs) {
    await c.query('BEGIN');
    await c.query('SELECT 1');
  }
  return cs;
}

function client(server: LocalPostgres, file: string, dsn = `postgresql://console@127.0.0.1:${server.port}/postgres`): PostgresClient {
  const settings = postgresSettings({ SUNBEAM_PG_DSN: dsn, PGPASSFILE: file }, {}, { homeFiles: false })!;
  expect(settings.problem).toBeUndefined();
  return postgresClient(settings);
}

function source(store: AppStore, c: PostgresClient): PostgresSource {
  const src = createPostgresSource(store, c, { pollMs: 150, backoffMs: [100, 400] });
  sources.push(src);
  src.start();
  return src;
}

function group(store: AppStore, application: string) {
  return store.getState().postgres.groups.find((g) => g.application === application);
}

function noPassword(store: AppStore): void {
  const all = JSON.stringify(store.getState());
  for (const secret of [CONSOLE_PW, APP_PW, SECRET_LITERAL, 'wrong-Pw-0000']) expect(all).not.toContain(secret);
}

beforeAll(async () => {
  s = await startLocalPostgres({ maxConnections: 40 });
  servers.push(s);
  await setUp(s);
}, 60_000);

afterAll(async () => {
  for (const src of sources) src.stop();
  for (const c of opened) await c.end().catch(() => undefined);
  for (const server of servers) await server.destroy();
});

describe('the PostgreSQL source against a real server', () => {
  it('follows the connections per application as they open and close, with the idle-in-transaction age', async () => {
    const store = createAppStore();
    const src = source(store, client(s, passfile('pgpass', s.port, CONSOLE_PW)));
    await src.synced();
    expect(src.health()).toMatchObject({ state: 'ok' });
    const pgState = () => store.getState().postgres;
    expect(pgState().server).toMatchObject({ maxConnections: 40, reservedConnections: 3, inRecovery: false, version: expect.stringMatching(/^\d+/) });
    expect(pgState().target).toBe(`console@127.0.0.1:${s.port}/postgres`);

    const leaky = await idleInTx(s, 'leaky', 5);
    const drive = await Promise.all([appConn(s, 'drive'), appConn(s, 'drive')]);
    const g = await waitFor(() => {
      const x = group(store, 'leaky');
      return x && x.idleInTx === 5 && (x.oldestIdleInTxMs ?? -1) >= 0 && group(store, 'drive')?.idle === 2 ? x : undefined;
    }, { message: 'the leaky group with 5 idle-in-transaction sessions' });
    expect(g).toMatchObject({ database: 'appdb', user: 'app', total: 5, active: 0, idle: 0, idleInTx: 5 });
    expect(pgState().idleInTx.filter((x) => x.application === 'leaky')).toHaveLength(5);
    expect(pgState().idleInTx[0]).toMatchObject({ state: 'idle in transaction', database: 'appdb', query: 'SELECT 1' });
    expect(pgState().byDatabase.find((d) => d.database === 'appdb')?.connections).toBe(7);
    expect(pgState().groups.some((x) => x.application === 'sunbeam-console')).toBe(false);
    await waitFor(() => (group(store, 'leaky')?.oldestIdleInTxMs ?? 0) > 200, { message: 'the idle-in-transaction age growing' });

    for (const c of [...leaky, ...drive]) await c.end();
    await waitFor(() => !group(store, 'leaky') && !group(store, 'drive'), { message: 'the groups gone once closed' });
    expect(pgState().idleInTx).toEqual([]);
    expect(pgState().history.length).toBeGreaterThan(2);
    expect(pgState().history.some((h) => h.idleInTx === 5)).toBe(true);
    noPassword(store);
  }, 60_000);

  it('shows a long running query, its literals masked', async () => {
    const store = createAppStore();
    source(store, client(s, passfile('pgpass', s.port, CONSOLE_PW)));
    const slow = await appConn(s, 'slow');
    const running = slow.query(`SELECT pg_sleep(5), '${SECRET_LITERAL}' AS x`).catch(() => undefined);
    const q = await waitFor(() => store.getState().postgres.longQueries.find((x) => x.application === 'slow'), { message: 'the long query' });
    expect(q).toMatchObject({ state: 'active', database: 'appdb', user: 'app', query: "SELECT pg_sleep(5), '?' AS x" });
    expect(q.durationMs).toBeGreaterThan(1000);
    expect(store.getState().postgres.history.at(-1)!.longestQueryMs).toBeGreaterThan(1000);
    await admin(s, "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'slow'");
    await running;
    await waitFor(() => !store.getState().postgres.longQueries.some((x) => x.application === 'slow'), { message: 'the long query gone' });
    noPassword(store);
  }, 60_000);

  it('warns about a password inside the connection string, and works with it', async () => {
    const store = createAppStore();
    const src = source(store, client(s, join(dir, 'no-such-pgpass'), `postgresql://console:${CONSOLE_PW}@127.0.0.1:${s.port}/postgres`));
    await src.synced();
    expect(src.health()).toMatchObject({ state: 'ok', detail: expect.stringMatching(/holds a password; keep the password in ~\/\.pgpass or PGPASSFILE/) });
    expect(store.getState().postgres.target).toBe(`console@127.0.0.1:${s.port}/postgres`);
    noPassword(store);
  }, 30_000);
});

describe('the PostgreSQL source when it cannot read', () => {
  it('says a stopped server refuses connections, and sees it again once it is back', async () => {
    const store = createAppStore();
    const src = source(store, client(s, passfile('pgpass', s.port, CONSOLE_PW)));
    await src.synced();
    expect(src.health().state).toBe('ok');
    await s.stop();
    await waitFor(() => src.health().state === 'unreachable' && /refuses connections/.test(src.health().lastError ?? ''), { message: 'unreachable, refusing connections' });
    expect(src.health().lastError).toBe(`PostgreSQL at 127.0.0.1:${s.port} refuses connections; is it running, and are the host and port right?`);
    expect(store.getState().sources.postgres).toMatchObject({ state: 'unreachable' });
    await s.start();
    const back = Date.now();
    await waitFor(() => src.health().state === 'ok', { timeoutMs: 10_000, message: 'ok again' });
    expect(Date.now() - back).toBeLessThan(5000);
    noPassword(store);
  }, 60_000);

  it('says a wrong password in one sentence, and recovers when the password file is fixed', async () => {
    const store = createAppStore();
    const file = passfile('pgpass-wrong', s.port, CONSOLE_PW);
    const src = source(store, client(s, file));
    await src.synced();
    passfile('pgpass-wrong', s.port, 'wrong-Pw-0000');
    // The kept connection is ended by the server: the source reconnects with the file's (wrong) password.
    await admin(s, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'sunbeam-console' AND usename = 'console'");
    await waitFor(() => src.health().state === 'unauthorized', { message: 'unauthorized' });
    expect(src.health().lastError).toBe("PostgreSQL refused user console's password (28P01); fix it in ~/.pgpass or PGPASSFILE.");
    passfile('pgpass-wrong', s.port, CONSOLE_PW);
    await waitFor(() => src.health().state === 'ok', { message: 'ok with the fixed password' });
    noPassword(store);
  }, 60_000);

  it('says when the connections are exhausted, and that something is leaking', async () => {
    // 6 slots, 3 reserved for superusers: 3 for everyone else.
    const small = await startLocalPostgres({ maxConnections: 6, settings: { superuser_reserved_connections: '3' } });
    servers.push(small);
    await setUp(small);
    const hogs = await Promise.all([appConn(small, 'hog'), appConn(small, 'hog'), appConn(small, 'hog')]);
    const store = createAppStore();
    const src = source(store, client(small, passfile('pgpass-small', small.port, CONSOLE_PW)));
    await src.synced();
    expect(src.health().state).toBe('degraded');
    expect(src.health().lastError).toMatch(new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:${small.port} has no connection slot left \\(53300 too many connections\\): the connections are exhausted, which means something is leaking`));
    await hogs[0]!.end();
    await waitFor(() => src.health().state === 'ok', { message: 'ok once a slot is free' });
    await waitFor(() => group(store, 'hog')?.total === 2, { message: 'the two remaining hogs' });
    noPassword(store);
  }, 60_000);
});

describe('a role without pg_monitor', () => {
  it("says the counts are incomplete and how to grant what it needs, instead of calling them healthy", async () => {
    await admin(s, "CREATE ROLE plain LOGIN PASSWORD 'plain-Pw-5e6f'");
    const f = join(dir, 'pgpass-plain');
    writeFileSync(f, `127.0.0.1:${s.port}:*:plain:plain-Pw-5e6f\n`);
    chmodSync(f, 0o600);
    const held = await idleInTx(s, 'hidden-app', 2);
    const store = createAppStore();
    const src = source(store, postgresClient(postgresSettings({ SUNBEAM_PG_DSN: `postgresql://plain@127.0.0.1:${s.port}/postgres`, PGPASSFILE: f }, {}, { homeFiles: false })!));
    await waitFor(() => src.health().state === 'degraded', { message: 'degraded without pg_monitor' });
    expect(src.health().lastError).toMatch(/^User plain cannot see \d+ of the server's sessions \(no pg_monitor\), so the counts are incomplete; GRANT pg_monitor TO plain;$/);
    for (const x of held) await x.end();
  }, 30_000);
});

describe('the PostgreSQL writer', () => {
  it("terminates exactly one application's idle-in-transaction sessions, and a dry run none", async () => {
    const c = client(s, passfile('pgpass', s.port, CONSOLE_PW));
    const leaky = await idleInTx(s, 'leaky-w', 3);
    const other = await idleInTx(s, 'other-w', 2);
    const idle = await appConn(s, 'leaky-w');
    const pidOf = async (x: pg.Client) => Number((await x.query('SELECT pg_backend_pid() AS p')).rows[0].p);
    const idlePid = await pidOf(idle);
    const alive = async () => (await admin(s, "SELECT application_name AS a, state, pid FROM pg_stat_activity WHERE application_name IN ('leaky-w', 'other-w') ORDER BY pid")).rows as { a: string; state: string; pid: number }[];
    const leakyPids = (await alive()).filter((r) => r.a === 'leaky-w' && r.state === 'idle in transaction').map((r) => r.pid);
    expect(leakyPids).toHaveLength(3);

    const dry = createPostgresWriter(c, { dryRun: true });
    expect((await dry.idleInTransaction({ application: 'leaky-w' })).sort()).toEqual([...leakyPids].sort());
    expect(await dry.terminateIdleInTransaction({ application: 'leaky-w' })).toEqual({ terminated: [] });
    expect(await dry.idleInTransaction({ application: 'leaky-w', database: 'postgres' })).toEqual([]);
    expect(await dry.idleInTransaction({ application: 'leaky-w', minIdleMs: 3_600_000 })).toEqual([]);
    expect(await alive()).toHaveLength(6);

    const real = createPostgresWriter(c, { dryRun: false });
    const { terminated } = await real.terminateIdleInTransaction({ application: 'leaky-w', database: 'appdb' });
    expect([...terminated].sort()).toEqual([...leakyPids].sort());
    await waitFor(async () => (await alive()).filter((r) => r.a === 'leaky-w').length === 1, { message: 'the leaky sessions gone' });
    const left = await alive();
    expect(left.filter((r) => r.a === 'other-w' && r.state === 'idle in transaction')).toHaveLength(2);
    expect(left.filter((r) => r.a === 'leaky-w').map((r) => r.pid)).toEqual([idlePid]);
    await expect(leaky[0]!.query('SELECT 1')).rejects.toThrow();

    // The psql line the action shows does the same.
    const line = psqlTerminateCommand(c.target, { application: 'other-w' });
    expect(line).not.toContain(CONSOLE_PW);
    await promisify(execFile)('bash', ['-c', line], { env: { ...process.env, PGPASSFILE: join(dir, 'pgpass') } });
    await waitFor(async () => !(await alive()).some((r) => r.a === 'other-w'), { message: 'the other sessions gone through psql' });
    expect((await alive()).map((r) => r.pid)).toEqual([idlePid]);
    void other;
  }, 60_000);

  it("reads once on a connection of its own for a runbook's read step", async () => {
    const c = client(s, passfile('pgpass', s.port, CONSOLE_PW));
    const held = await idleInTx(s, 'reader-w', 2);
    const r = await c.read();
    expect(r.server?.maxConnections).toBe(40);
    expect(r.groups.find((g) => g.application === 'reader-w')).toMatchObject({ total: 2, idleInTx: 2 });
    expect(r.idleInTx.filter((x) => x.application === 'reader-w')).toHaveLength(2);
    expect(r.inUse).toBe(r.groups.reduce((n, g) => n + g.total, 0));
    expect(r.byDatabase.find((d) => d.database === 'appdb')?.connections).toBeGreaterThanOrEqual(2);
    for (const x of held) await x.end();
    await expect(client(s, passfile('pgpass-bad', s.port, 'wrong-Pw-0000')).read()).rejects.toThrow("PostgreSQL refused user console's password (28P01); fix it in ~/.pgpass or PGPASSFILE.");
  }, 30_000);

  it('rejects with one sentence when it cannot connect', async () => {
    const c = client(s, passfile('pgpass-bad', s.port, 'wrong-Pw-0000'));
    await expect(createPostgresWriter(c, { dryRun: false }).terminateIdleInTransaction({ application: 'x' })).rejects.toThrow("PostgreSQL refused user console's password (28P01); fix it in ~/.pgpass or PGPASSFILE.");
  }, 30_000);
});

describe('the session and PostgreSQL', () => {
  let sim: SimHandle;
  const dirs = () => {
    const h = mkdtempSync(join(dir, 'home-'));
    return { HOME: h, XDG_CONFIG_HOME: join(h, 'config'), XDG_STATE_HOME: join(h, 'state'), SUNBEAM_CONFIG: '' };
  };
  beforeAll(async () => {
    sim = await startSim({ scenario: 'healthy' });
  }, 60_000);
  afterAll(async () => {
    await sim?.stop();
  });

  it('opens clients.postgres from SUNBEAM_PG_DSN with PGPASSFILE; its source and writer work through the session', async () => {
    const env = { ...dirs(), SUNBEAM_PG_DSN: `postgresql://console@127.0.0.1:${s.port}/postgres`, PGPASSFILE: passfile('pgpass', s.port, CONSOLE_PW) };
    const session = await openSession({ env, flags: { kubeconfig: sim.kubeconfigPath } });
    try {
      expect(session.clients.postgres?.target).toBe(`console@127.0.0.1:${s.port}/postgres`);
      const store = createAppStore();
      const started = await session.startSources(store);
      expect(started.map((x) => x.id)).toContain('postgres');
      await waitFor(() => store.getState().sources.postgres?.state === 'ok', { timeoutMs: 20_000, message: 'the PostgreSQL source ok' });
      expect(store.getState().postgres.server?.maxConnections).toBe(40);
      const writer = session.writers({ dryRun: true }).postgres!;
      expect(writer.dryRun).toBe(true);
      expect(await writer.idleInTransaction({ application: 'nobody' })).toEqual([]);
      noPassword(store);
    } finally {
      await session.stop();
    }
  }, 60_000);

  it("takes the config file's postgres.dsn, and has no client (nor source, nor writer) without any", async () => {
    const env = dirs();
    const file = join(env.HOME, 'config.yaml');
    writeFileSync(file, 'postgres:\n  dsn: postgresql://console@db.example:5433/ledger\n');
    const withFile = await openSession({ env: { ...env, SUNBEAM_CONFIG: file }, flags: { kubeconfig: sim.kubeconfigPath } });
    try {
      expect(withFile.clients.postgres?.target).toBe('console@db.example:5433/ledger');
    } finally {
      await withFile.stop();
    }
    const none = await openSession({ env: dirs(), flags: { kubeconfig: sim.kubeconfigPath } });
    try {
      expect(none.clients.postgres).toBeUndefined();
      expect(none.writers({ dryRun: true }).postgres).toBeUndefined();
      const store = createAppStore();
      expect((await none.startSources(store)).map((x) => x.id)).not.toContain('postgres');
      expect(store.getState().sources.postgres).toBeUndefined();
    } finally {
      await none.stop();
    }
  }, 60_000);

  it("never uses the user's own PostgreSQL settings under --demo", async () => {
    const env = { ...dirs(), SUNBEAM_PG_DSN: 'postgresql://users-own@users-own-db.example/prod', PGHOST: 'users-own-db.example', PGUSER: 'users-own' };
    const session = await openSession({ demo: true, scenario: 'healthy', env });
    try {
      expect(session.clients.postgres?.target ?? '').not.toMatch(/users-own/);
    } finally {
      await session.stop();
    }
  }, 60_000);
});
