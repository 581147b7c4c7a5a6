// The simulated Box's database, seen by the real psql through what `sim` hands out (SUNBEAM_PG_DSN and
// PGPASSFILE): a real PostgreSQL that the Box's applications connect to, that goes down with postgres-down and
// comes back with a restart of the Cluster, that drive's leak exhausts (53300) in postgres-connections-exhausted
// while the console's role can still end the leaked sessions, and that stop() leaves no process of.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { waitFor } from '../helpers/wait-for.js';
import { kubectl } from './kubectl-helper.js';

const ACTIVITY = "select application_name, state, count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid() group by 1,2 order by 1,2";

function psql(sim: SimHandle, sql: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('psql', [sim.env.SUNBEAM_PG_DSN!, '-Atc', sql], { env: { ...process.env, PGPASSFILE: sim.env.PGPASSFILE, PGCONNECT_TIMEOUT: '3' }, encoding: 'utf8', timeout: 15_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) || 1 : 0, stdout, stderr });
    });
  });
}

/** application_name|state -> count */
async function activity(sim: SimHandle): Promise<Record<string, number>> {
  const r = await psql(sim, ACTIVITY);
  if (r.code !== 0) throw new Error(r.stderr);
  return Object.fromEntries(r.stdout.trim().split('\n').filter(Boolean).map((l) => {
    const [app, state, n] = l.split('|');
    return [`${app}|${state}`, Number(n)];
  }));
}

function count(a: Record<string, number>, app: string, state?: string): number {
  return Object.entries(a).filter(([k]) => k.startsWith(`${app}|`) && (!state || k === `${app}|${state}`)).reduce((n, [, v]) => n + v, 0);
}

/** The pids of the postmasters listening on this port (their command line has `-c port=PORT`). */
/**
 * The postmasters serving PORT: processes running postgres with port=PORT, less their own children (a backend
 * just forked, before it renames itself "postgres: user db ...", still shows the postmaster's command line).
 */
function postmasters(port: number): number[] {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return argv[0]?.endsWith('/postgres') && argv.includes(`port=${port}`) && stat[0] !== 'Z' ? [{ pid: Number(d), ppid: Number(stat[1]) }] : [];
    } catch {
      return [];
    }
  });
  const pids = new Set(procs.map((p) => p.pid));
  return procs.filter((p) => !pids.has(p.ppid)).map((p) => p.pid);
}

const portOf = (s: SimHandle) => Number(new URL(s.env.SUNBEAM_PG_DSN!).port);

let sim: SimHandle | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('the simulated Box\'s PostgreSQL', () => {
  it('hands out a DSN without a password and a 0600 pgpass, and the applications\' pools appear per application', async () => {
    sim = await startSim({ speed: 10 });
    expect(sim.env.SUNBEAM_PG_DSN).toMatch(/^postgresql:\/\/sunbeam_console@127\.0\.0\.1:\d+\/postgres$/);
    expect(statSync(sim.env.PGPASSFILE!).mode & 0o777).toBe(0o600);
    expect(sim.problems).toEqual([]);
    const a = await waitFor(async () => {
      const now = await activity(sim!);
      const total = Object.values(now).reduce((n, v) => n + v, 0);
      return ['synapse', 'sol', 'messages', 'messages-worker', 'gitea', 'drive'].every((app) => count(now, app) >= 2) && total >= 18 ? now : undefined;
    }, { timeoutMs: 20_000, message: 'every database application to hold its pool' });
    expect(Object.values(a).reduce((n, v) => n + v, 0)).toBeLessThanOrEqual(30);
    expect(count(a, 'drive', 'idle in transaction')).toBe(0);
    // each application as its own role in its own database (the worker shares its web app's)
    const who = await psql(sim, "select distinct application_name || ':' || usename || ':' || datname from pg_stat_activity where application_name in ('synapse', 'messages-worker') order by 1");
    expect(who.stdout.trim().split('\n')).toEqual(['messages-worker:messages:messages', 'synapse:synapse:synapse']);
    // now and then a slower query with its ORM's comment
    const slow = await waitFor(async () => {
      const r = await psql(sim!, "select application_name || ' ' || query from pg_stat_activity where query like 'SELECT pg_sleep(%' and state = 'active'");
      return r.stdout.trim();
    }, { timeoutMs: 20_000, message: 'a slow query to run' });
    expect(slow).toMatch(/^\S+ SELECT pg_sleep\(\d\.\d\) \/\* [\w-]+: \w+ \*\//m);
    expect((await psql(sim, 'show max_connections')).stdout.trim()).toBe('60');
  }, 60_000);

  it('postgres-down refuses connections; a restart of data/postgres brings it back', async () => {
    sim = await startSim({ scenario: 'postgres-down', speed: 10 });
    await sim.settled();
    const down = await psql(sim, 'select 1');
    expect(down.code).not.toBe(0);
    expect(down.stderr).toContain('Connection refused');
    const restart = await kubectl(sim.kubeconfigPath, ['annotate', '--overwrite', 'clusters.postgresql.cnpg.io', 'postgres', '-n', 'data', `kubectl.kubernetes.io/restartedAt=${new Date().toISOString()}`]);
    expect(restart.stderr).toBe('');
    await waitFor(async () => (await psql(sim!, 'select 1')).stdout.trim() === '1', { timeoutMs: 20_000, message: 'PostgreSQL to take connections again' });
    await waitFor(async () => count(await activity(sim!), 'messages') > 0, { timeoutMs: 30_000, message: 'messages to reconnect once its pods run again' });
  }, 60_000);

  it('postgres-connections-exhausted: drive leaks idle-in-transaction sessions until 53300; the console role ends them; a restart of drive stops the leak', async () => {
    sim = await startSim({ scenario: 'postgres-connections-exhausted', speed: 10 });
    const grown = await waitFor(async () => {
      const a = await activity(sim!);
      return count(a, 'drive', 'idle in transaction') >= 30 ? a : undefined;
    }, { timeoutMs: 30_000, message: 'drive to leak sessions idle in transaction' });
    expect(Object.values(grown).reduce((n, v) => n + v, 0)).toBeGreaterThanOrEqual(50);
    // PostgreSQL itself refuses drive: its pod logs the 53300
    const refusal = await waitFor(() => sim!.box.logs.linesSince(new Date(0)).filter((c) => c.namespace === 'drive').flatMap((c) => c.lines).find((l) => l.text.includes('connection pool exhausted')), { timeoutMs: 20_000, message: 'drive to log its refusal' });
    expect(refusal.text).toContain('too many connections for role \\"drive\\"');
    // the console's role (pg_signal_backend) ends them; the leak goes on making new ones
    const ended = await psql(sim, "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'drive' and state = 'idle in transaction') t");
    expect(ended.code).toBe(0);
    expect(Number(ended.stdout.trim())).toBeGreaterThanOrEqual(30);
    const after = await activity(sim);
    expect(count(after, 'drive', 'idle in transaction')).toBeLessThan(10);
    await waitFor(async () => count(await activity(sim!), 'drive', 'idle in transaction') >= 10, { timeoutMs: 20_000, message: 'the leak to go on after the terminate' });
    // the fix: a rollout restart of drive
    const restart = await kubectl(sim.kubeconfigPath, ['rollout', 'restart', 'deployment/drive', '-n', 'drive']);
    expect(restart.stdout).toContain('restarted');
    await waitFor(async () => {
      const a = await activity(sim!);
      return count(a, 'drive', 'idle in transaction') === 0 && count(a, 'drive', 'idle') > 0;
    }, { timeoutMs: 30_000, message: 'drive\'s new pod to hold a clean pool' });
    expect(sim.box.world.hasFault('drive/drive')).toBe(false);
  }, 90_000);

  it('stop() leaves no postgres process', async () => {
    sim = await startSim({ speed: 10 });
    await sim.settled();
    const port = portOf(sim);
    expect(postmasters(port)).toHaveLength(1);
    await sim.stop();
    sim = undefined;
    expect(postmasters(port)).toEqual([]);
    // stopped at once, while PostgreSQL is still starting in the background: promptly, and nothing left either
    const early = await startSim({ speed: 10 });
    const t0 = Date.now();
    await early.stop();
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(postmasters(portOf(early))).toEqual([]);
  }, 60_000);
});
