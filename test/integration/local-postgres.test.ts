// The real PostgreSQL server the simulator and the integration tests run (src/sim/servers/postgres/local-server.ts):
// it starts in a temporary directory on a loopback port, takes password (SCRAM) logins over TCP and refuses a
// wrong password, stops and starts again on the same data, and never outlives the process that started it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPostgres, type LocalPostgres } from '../../src/sim/servers/postgres/local-server.js';
import { waitFor } from '../helpers/wait-for.js';

const servers: LocalPostgres[] = [];
afterAll(async () => {
  for (const s of servers) await s.destroy();
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
}

describe('a local PostgreSQL server', () => {
  it('takes a password login over TCP, refuses a wrong one, and stops and starts on the same data', async () => {
    const s = await startLocalPostgres({ maxConnections: 20 });
    servers.push(s);
    const admin = new pg.Client({ host: s.socketDir, port: s.port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query("CREATE ROLE app LOGIN PASSWORD 'right-password'");
    expect((await admin.query('SHOW max_connections')).rows[0].max_connections).toBe('20');
    await admin.end();

    const app = new pg.Client({ host: s.host, port: s.port, user: 'app', password: 'right-password', database: 'postgres', application_name: 'drive' });
    await app.connect();
    expect((await app.query('SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()')).rows[0].application_name).toBe('drive');
    await app.end();
    const wrong = new pg.Client({ host: s.host, port: s.port, user: 'app', password: 'wrong', database: 'postgres' });
    await expect(wrong.connect()).rejects.toMatchObject({ code: '28P01' });

    await s.stop();
    expect(s.running()).toBe(false);
    const down = new pg.Client({ host: s.host, port: s.port, user: 'app', password: 'right-password', database: 'postgres' });
    await expect(down.connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await s.start();
    const again = new pg.Client({ host: s.host, port: s.port, user: 'app', password: 'right-password', database: 'postgres' });
    await again.connect();
    await again.end();
  }, 60_000);

  it('shuts down when the process that started it is killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-pg-child-'));
    const script = join(dir, 'child.mjs');
    await build({ entryPoints: [join(import.meta.dirname, '..', 'fixtures', 'local-postgres-child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node22', outfile: script, logLevel: 'silent' });
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => /^\d+ \S+\n/.test(out), { timeoutMs: 30_000 });
    const [pid, dataDir] = out.trim().split(' ') as [string, string];
    expect(alive(Number(pid))).toBe(true);
    child.kill('SIGKILL');
    await waitFor(() => !alive(Number(pid)), { timeoutMs: 15_000 });
    expect(existsSync(`${dataDir}/postmaster.pid`)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir.replace(/\/data$/, ''), { recursive: true, force: true });
  }, 60_000);
});
