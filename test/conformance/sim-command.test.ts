// The built binary: `sunbeam-console sim` prints the environment and `ready`, serves kubectl, and exits 0 on SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for.js';
import { kubectl, rows } from './kubectl-helper.js';

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
    const sim = runSim(['--kubeconfig', kcPath, '--port', '0']);
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
    expect(sim.out()).not.toMatch(/token/i);

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
      'sunbeam-console sim: unknown scenario "nope"; choose one of: healthy, postgres-down, vault-sealed, cert-expired, seaweedfs-volume-down, sol-crashloop, alerts-not-reaching-matrix, all-502.',
    );
    const port = runSim(['--port', 'x']);
    expect(await port.exited).toBe(2);
    expect(port.err()).toContain('--port must be a port number');
  });
});
