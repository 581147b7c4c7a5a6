import { describe, expect, it } from 'vitest';
import type { ExecIO } from '../../src/sim/k8s/providers.js';
import { type Clock, ManualClock, realClock } from '../../src/sim/box/clock.js';
import type { Box } from '../../src/sim/box/index.js';
import { waitFor } from '../helpers/wait-for.js';
import { advanceUntil, boot, podsOf, stepping, until } from './sim-box-helpers.js';

async function run({ box, clock }: { box: Box; clock: Clock }, namespace: string, pod: string, container: string, command: string[]) {
  let stdout = '';
  let stderr = '';
  const io: ExecIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), signal: new AbortController().signal };
  const code = await stepping(clock, box.exec.run({ namespace, pod, container, command }, io));
  return { code, stdout, stderr };
}

describe('container logs', () => {
  it('have ~30 minutes of history in each program’s own format, bounded', () => {
    const { store, box } = boot();
    const django = podsOf(store, 'messages', 'messages')[0]!.metadata.name;
    const lines = box.logs.history('messages', django, 'django', false)!;
    expect(lines.length).toBeGreaterThan(500);
    expect(lines.length).toBeLessThanOrEqual(2000);
    const span = lines.at(-1)!.time.getTime() - lines[0]!.time.getTime();
    expect(span).toBeGreaterThan(25 * 60_000);
    for (const l of lines.slice(0, 50)) expect(['info', 'debug', 'warning', 'error']).toContain(JSON.parse(l.text).level);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.time.getTime()).toBeGreaterThanOrEqual(lines[i - 1]!.time.getTime());
    const sol = podsOf(store, 'matrix', 'sol')[0]!.metadata.name;
    const solLines = box.logs.history('matrix', sol, 'sol', false)!;
    expect(solLines.every((l) => typeof JSON.parse(l.text).level === 'string')).toBe(true);
    expect(solLines.some((l) => JSON.parse(l.text).logger === 'sol.mistral')).toBe(true);
    const pg = box.logs.history('data', 'postgres-1', 'postgres', false)!;
    expect(pg.length).toBeGreaterThan(100);
    for (const l of pg) expect(l.text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC \[\d+\] (LOG|WARNING|ERROR|FATAL):  /);
    const cm = podsOf(store, 'cert-manager', 'cert-manager')[0]!.metadata.name;
    expect(box.logs.history('cert-manager', cm, 'cert-manager-controller', false)![0]!.text).toMatch(/^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +1 [\w.]+:\d+\] /);
    const pingora = podsOf(store, 'ingress', 'pingora')[0]!.metadata.name;
    expect(box.logs.history('ingress', pingora, 'pingora', false)!.at(-1)!.text).toMatch(/^10\.42\.0\.1 - - \[\d\d\/\w{3}\/\d{4}:[\d:]+ \+0000\] "\w+ \S+ HTTP\/[\d.]+" \d{3} /);
    expect(box.logs.history('monitoring', 'prometheus-0', 'prometheus', false)!.at(-1)!.text).toMatch(/^ts=\S+ caller=\S+ level=info /);
    expect(box.logs.history('openbao', 'openbao-0', 'openbao', false)!.at(-1)!.text).toMatch(/^\S+Z \[INFO\]  /);
    // no such container / pod; no previous instance for a container that never restarted
    expect(box.logs.history('messages', django, 'nope', false)).toBeUndefined();
    expect(box.logs.history('messages', 'nope', 'django', false)).toBeUndefined();
    expect(box.logs.history('messages', django, 'django', true)).toBeUndefined();
  });

  it('follow delivers new lines as they are written; a deleted pod writes nothing more', async () => {
    const clock = new ManualClock();
    const { store, box } = boot('healthy', true, clock);
    const pingora = podsOf(store, 'ingress', 'pingora')[0]!.metadata.name;
    const got: string[] = [];
    const stop = box.logs.follow('ingress', pingora, 'pingora', (l) => got.push(l.text));
    await advanceUntil(clock, 'three followed lines', () => got.length >= 3);
    stop();
    const n = got.length;
    await clock.advanceAsync(150);
    expect(got.length).toBe(n);
    const before = box.logs.history('ingress', pingora, 'pingora', false)!.length;
    store.delete('pods', 'ingress', pingora, { graceful: true });
    await clock.advanceAsync(30);
    const during = box.logs.history('ingress', pingora, 'pingora', false)?.length ?? 0;
    await clock.advanceAsync(150);
    expect(box.logs.history('ingress', pingora, 'pingora', false)?.length ?? 0).toBeLessThanOrEqual(Math.max(before, during));
  });
});

describe('logs for a simulated Loki', () => {
  it('lists every container’s recent lines with the pod labels, and streams new ones', async () => {
    const { box } = boot('postgres-down');
    const since = new Date(Date.now() - 10 * 60_000);
    const all = box.logs.linesSince(since);
    const pg = all.find((x) => x.namespace === 'data' && x.pod === 'postgres-1')!;
    expect(pg.labels['cnpg.io/cluster']).toBe('postgres');
    expect(pg.lines.some((l) => l.text.includes('FATAL'))).toBe(true);
    expect(all.filter((x) => x.labels.app === 'pingora').every((x) => x.lines.every((l) => l.time >= since))).toBe(true);
    const seen: string[] = [];
    const stop = box.logs.onAnyLine((where) => seen.push(`${where.namespace}/${where.labels.app}`));
    await until('lines from several apps', () => new Set(seen).size >= 3);
    stop();
  });
});

describe('exec', () => {
  it('barman backup postgres streams barman’s output, exits 0, lists the new backup first and updates the Cluster', async () => {
    const sim = boot();
    const { store } = sim;
    const before = store.get('clusters.postgresql.cnpg.io', 'data', 'postgres')!.status.lastSuccessfulBackup;
    const r = await run(sim, 'data', 'barman-0', 'barman', ['barman', 'backup', 'postgres']);
    expect(r.code).toBe(0);
    const id = /base\/(\d{8}T\d{6})\n/.exec(r.stdout)![1]!;
    expect(r.stdout).toMatch(/^Starting backup using postgres method for server postgres in \/var\/lib\/barman\/postgres\/base\/\d{8}T\d{6}\n/);
    expect(r.stdout).toMatch(/Backup start at LSN: [0-9A-F]+\/([0-9A-F]{2})000028 \([0-9A-F]{16}000000\1, 00000028\)/);
    expect(r.stdout).toContain(`Copying files for ${id}`);
    expect(r.stdout).toMatch(/Copy done \(time: .*second/);
    expect(r.stdout).toMatch(/Backup size: [\d.]+ GiB/);
    expect(r.stdout).toMatch(/Backup end at LSN: /);
    expect(r.stdout).toMatch(/Backup completed \(start time: \d{4}-\d\d-\d\d [\d:.]+, elapsed time: /);
    const list = await run(sim, 'data', 'barman-0', 'barman', ['barman', 'list-backup', 'postgres']);
    expect(list.code).toBe(0);
    const rows = list.stdout.trim().split('\n');
    expect(rows.length).toBeGreaterThan(25);
    expect(rows[0]).toMatch(new RegExp(`^postgres ${id} - \\w{3} \\w{3} [ \\d]\\d [\\d:]+ \\d{4} - Size: [\\d.]+ GiB - WAL Size: [\\d.]+ MiB$`));
    const after = store.get('clusters.postgresql.cnpg.io', 'data', 'postgres')!.status.lastSuccessfulBackup;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    const check = await run(sim, 'data', 'barman-0', 'barman', ['barman', 'check', 'postgres']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('\tPostgreSQL: OK');
    const status = await run(sim, 'data', 'barman-0', 'barman', ['barman', 'status', 'postgres']);
    expect(status.stdout).toContain(`\tLast available backup: ${id}`);
  });

  it('barman backup fails with exit 1 while the database is down', async () => {
    const sim = boot('postgres-down');
    const r = await run(sim, 'data', 'barman-0', 'barman', ['barman', 'backup', 'postgres']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ERROR: Impossible to start the backup');
    const check = await run(sim, 'data', 'barman-0', 'barman', ['barman', 'check', 'postgres']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('\tPostgreSQL: FAILED');
  });

  it('answers pg_isready and psql in the postgres pods, and 127 for unknown commands; env shows no secrets', async () => {
    const sim = boot();
    expect(await run(sim, 'data', 'postgres-1', 'postgres', ['pg_isready'])).toMatchObject({ code: 0, stdout: '/var/run/postgresql:5432 - accepting connections\n' });
    const q = await run(sim, 'data', 'postgres-1', 'postgres', ['psql', '-U', 'postgres', '-c', 'select count(*) from pg_stat_activity']);
    expect(q.code).toBe(0);
    expect(q.stdout).toMatch(/^ count \n-------\n +\d+\n\(1 row\)\n/);
    expect((await run(sim, 'data', 'postgres-2', 'postgres', ['sh', '-c', 'psql -c "select pg_is_in_recovery()"'])).stdout).toContain(' t\n');
    const nf = await run(sim, 'data', 'barman-0', 'barman', ['foo', '--bar']);
    expect(nf).toEqual({ code: 127, stdout: '', stderr: 'exec: "foo": executable file not found in $PATH\n' });
    expect((await run(sim, 'data', 'barman-0', 'barman', ['hostname'])).stdout).toBe('barman-0\n');
    expect((await run(sim, 'data', 'barman-0', 'barman', ['date'])).code).toBe(0);
    const env = await run(sim, 'openbao', 'openbao-0', 'openbao', ['env']);
    expect(env.stdout).toContain('HOSTNAME=openbao-0');
    expect(env.stdout).not.toMatch(/TOKEN|PASSWORD|SECRET|KEY=/i);
    const bao = await run(sim, 'openbao', 'openbao-0', 'openbao', ['bao', 'status']);
    expect(bao.code).toBe(0);
    expect(bao.stdout).toMatch(/Sealed\s+false/);
  });
});

describe('stop()', () => {
  it('leaves no timers behind', async () => {
    const baseline = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const { store, box } = boot('postgres-down', true, realClock);
    const uid = store.get('pods', 'monitoring', 'loki-0')!.metadata.uid;
    store.delete('pods', 'monitoring', 'loki-0', { graceful: true });
    box.logs.follow('monitoring', 'grafana', 'grafana', () => {});
    // the Box at work: the deleted pod terminated and its replacement starting
    await until('a new loki-0', () => store.get('pods', 'monitoring', 'loki-0')?.metadata.uid !== uid);
    expect(box.pendingTimers).toBeGreaterThan(0);
    box.stop();
    expect(box.pendingTimers).toBe(0);
    await waitFor(() => timeouts() <= baseline, { timeoutMs: 1000, message: 'the Box timers to be gone' }).catch(() => undefined);
    expect(timeouts()).toBeLessThanOrEqual(baseline);
  });
});
