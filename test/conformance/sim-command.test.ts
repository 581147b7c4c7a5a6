// The built binary: `sunbeam-console sim` prints the environment and `ready`, serves kubectl, and exits 0 on SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for.js';
import { kubectl, kubectlUntil, rows } from './kubectl-helper.js';

const BIN = process.env.SUNBEAM_CONSOLE_BIN ?? join(process.cwd(), 'bin', 'sunbeam-console.js');
const dirs: string[] = [];
const children: ReturnType<typeof spawn>[] = [];

afterAll(() => {
  // A failed assertion must not leave a simulator serving after the run.
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runSim(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'sim', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    out: () => stdout,
    err: () => stderr,
    async ready(ms = 20_000): Promise<void> {
      const exitedEarly = () => child.exitCode !== null || child.signalCode !== null;
      await waitFor(() => /^ready$/m.test(stdout) || exitedEarly(), { timeoutMs: ms, intervalMs: 25 }).catch(() => undefined);
      if (!/^ready$/m.test(stdout)) throw new Error(`sim did not get ready: ${stdout} ${stderr}`);
    },
  };
}

describe('sunbeam-console sim (built binary)', () => {
  it('prints export lines and ready, serves kubectl, and exits 0 on SIGTERM', async () => {
    expect(existsSync(BIN), 'run npm run build first').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'sim-cmd-'));
    dirs.push(dir);
    const kcPath = join(dir, 'kubeconfig');
    const keysPath = join(dir, 'keys', 'unseal.keys');
    const sim = runSim(['--kubeconfig', kcPath, '--port', '0', '--unseal-keys', keysPath]);
    await sim.ready();
    const lines = sim.out().trimEnd().split('\n');
    expect(lines[0]).toBe(`export KUBECONFIG=${kcPath}`);
    expect(lines[lines.length - 1]).toBe('ready');
    expect(lines.slice(0, -1).every((l) => /^export [A-Z_]+=\S+$/.test(l))).toBe(true);
    expect(sim.err()).toContain('kubectl');
    expect(statSync(kcPath).mode & 0o777).toBe(0o600);

    const r = await kubectl(kcPath, ['get', 'namespaces']);
    expect(r.code, r.stderr).toBe(0);
    const names = rows(r.stdout).slice(1).map((x) => x[0]);
    expect(names).toEqual(expect.arrayContaining(['data', 'ingress', 'openbao', 'kube-system']));
    // BAO_ADDR, BAO_CACERT, BAO_TOKEN, LOKI_ADDR and LOKI_CA_CERT_PATH beside KUBECONFIG; the demo's root token is the one secret printed
    const env = Object.fromEntries(lines.slice(0, -1).map((l) => l.slice('export '.length).split(/=(.*)/s).slice(0, 2)));
    expect(Object.keys(env)).toEqual(['KUBECONFIG', 'BAO_ADDR', 'BAO_CACERT', 'BAO_TOKEN', 'LOKI_ADDR', 'LOKI_CA_CERT_PATH', 'ALERTMANAGER_URL', 'SUNBEAM_PG_DSN', 'PGPASSFILE', 'MISTRAL_BASE_URL', 'MISTRAL_API_KEY']);
    // the database's DSN names the console's role, never its password (that is in the 0600 pgpass file)
    expect(env.SUNBEAM_PG_DSN).toMatch(/^postgresql:\/\/sunbeam_console@127\.0\.0\.1:\d+\/postgres$/);
    expect(statSync(env.PGPASSFILE!).mode & 0o777).toBe(0o600);
    expect(sim.out() + sim.err()).not.toContain(readFileSync(env.PGPASSFILE!, 'utf8').split(':')[4]!.trim());
    expect(env.ALERTMANAGER_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.BAO_ADDR).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(readFileSync(env.BAO_CACERT!, 'utf8')).toContain('BEGIN CERTIFICATE');
    expect(env.BAO_TOKEN).toMatch(/^s\.\w{24}$/);
    expect(sim.out().replace(/^export BAO_TOKEN=.*$/m, '')).not.toMatch(/token/i);
    // the five shares, one per line, base64 (33 bytes each), readable by the owner only
    expect(statSync(keysPath).mode & 0o777).toBe(0o600);
    const shares = readFileSync(keysPath, 'utf8').trimEnd().split('\n');
    expect(shares).toHaveLength(5);
    for (const s of shares) expect(Buffer.from(s, 'base64')).toHaveLength(33);
    expect(sim.out() + sim.err()).not.toContain(shares[0]);
    const raw = await kubectl(kcPath, ['get', '--raw', '/api/v1/namespaces/openbao/pods/https:openbao-0:8200/proxy/v1/sys/seal-status']);
    expect(raw.code, raw.stderr).toBe(0);
    expect(JSON.parse(raw.stdout)).toMatchObject({ type: 'shamir', sealed: false, t: 3, n: 5 });

    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
  });

  it('--log-rate makes every pod of the app write that many extra lines per second, as kubectl logs -f sees them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-cmd-'));
    dirs.push(dir);
    const kcPath = join(dir, 'kubeconfig');
    const sim = runSim(['--kubeconfig', kcPath, '--log-rate', 'matrix/sol=2000', '--log-rate', 'matrix/synapse=0']);
    await sim.ready();
    // Sol writes one line every few seconds of its own; at 2,000 lines/s the follow sees 3,000 new ones within seconds.
    const started = Date.now();
    const r = await kubectlUntil(kcPath, ['logs', '-f', '-n', 'matrix', '-l', 'app=sol', '--tail=0'], (lines) => lines.length >= 3000, 15_000);
    expect(r.satisfied, r.stderr).toBe(true);
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(r.lines.slice(0, 50).every((l) => JSON.parse(l).logger.startsWith('sol.'))).toBe(true);
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
  });

  it('refuses a bad flag and an unknown scenario with one sentence and exit 2', async () => {
    const bad = runSim(['--bogus']);
    expect(await bad.exited).toBe(2);
    expect(bad.err().split('\n')[0]).toMatch(/^sunbeam-console: .*--bogus.* for sim .*\.$/);
    expect(bad.err()).not.toMatch(/\n\s+at /);
    const scen = runSim(['--scenario', 'nope']);
    expect(await scen.exited).toBe(2);
    expect(scen.err().split('\n')[0]).toBe(
      'sunbeam-console sim: unknown scenario "nope"; choose one of: healthy, postgres-down, vault-sealed, vault-replica-sealed, vault-token-expired, cert-expired, seaweedfs-volume-down, sol-crashloop, alerts-not-reaching-matrix, all-502, postgres-connections-exhausted.',
    );
    const replicas = runSim(['--openbao-replicas', '0']);
    expect(await replicas.exited).toBe(2);
    expect(replicas.err().split('\n')[0]).toBe('sunbeam-console sim: --openbao-replicas must be a number from 1 to 9, not "0".');
    const needs = runSim(['--scenario', 'vault-replica-sealed', '--openbao-replicas', '1']);
    expect(await needs.exited).toBe(2);
    expect(needs.err().split('\n')[0]).toBe('sunbeam-console sim: The scenario vault-replica-sealed needs at least 3 OpenBao replicas (--openbao-replicas 3).');
    for (const v of ['sol=5', 'matrix/sol=fast', 'matrix/sol=-1']) {
      const rate = runSim(['--log-rate', v]);
      expect(await rate.exited).toBe(2);
      expect(rate.err().split('\n')[0]).toBe(`sunbeam-console sim: --log-rate is NAMESPACE/APP=LINES_PER_SECOND (for example matrix/sol=5000), not "${v}".`);
    }
    const port = runSim(['--port', 'x']);
    expect(await port.exited).toBe(2);
    expect(port.err()).toContain('--port must be a port number');
  });
});
