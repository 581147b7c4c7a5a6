// `mon loki logs` through the built binary against `sunbeam-console sim --scenario sol-crashloop` in another
// process (LOKI_ADDR and LOKI_CA_CERT_PATH as `sim` exports them, nothing else of the user's LOKI_*): the
// default output, -o json, the alias `mon logs` with -f until SIGINT, Loki's 400 as one sentence with exit 1,
// and LOKI_ADDR unset as one sentence with exit 2.
import { execFile, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv } from '../helpers/real-dirs.js';
import { waitFor } from '../helpers/wait-for.js';
import { BIN, buildConsole, NODE } from './binary.js';

let sim: ReturnType<typeof spawn> | undefined;
let simEnv: Record<string, string> = {};

beforeAll(async () => {
  buildConsole();
  sim = spawn(NODE, [BIN, 'sim', '--scenario', 'sol-crashloop'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...isolatedEnv(), PATH: process.env.PATH ?? '' } });
  let out = '';
  sim.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  sim.stderr!.resume();
  await waitFor(() => /^ready$/m.test(out), { timeoutMs: 30_000, message: 'sim ready' });
  simEnv = Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.startsWith('export '))
      .map((l) => l.slice('export '.length).split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
}, 120_000);

afterAll(() => {
  if (sim && sim.exitCode === null) sim.kill('SIGTERM');
});

/** The built binary with the sim's Loki variables only (no LOKI_* of the user's). */
function mon(args: string[], env: Record<string, string> = { LOKI_ADDR: simEnv.LOKI_ADDR!, LOKI_CA_CERT_PATH: simEnv.LOKI_CA_CERT_PATH! }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(NODE, [BIN, 'mon', ...args], { env: { ...isolatedEnv(), PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('mon loki logs (built binary, against sim)', () => {
  it('the sim exports LOKI_ADDR and LOKI_CA_CERT_PATH', () => {
    expect(simEnv.LOKI_ADDR).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(simEnv.LOKI_CA_CERT_PATH).toBeTruthy();
  });

  it("prints sol-crashloop's error lines of the last 15 minutes as TIME {labels} LINE, at most --limit 30", async () => {
    const r = await mon(['loki', 'logs', '{level="error"}', '--since', '15m']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(30);
    expect(r.stderr).toMatch(/^Common labels: \{.*level="error".*\}\n$/);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d) \{.*\} +\{"time"/);
    expect(r.stdout).toContain('cannot reach the Mistral API');
    // Newest first, as logcli prints by default.
    const times = lines.map((l) => l.slice(0, l.indexOf(' ')));
    expect([...times].sort().reverse()).toEqual(times);
  }, 60_000);

  it('-o json prints one object a line with the labels, the line and the nanosecond timestamp; --limit 0 pages through all', async () => {
    const r = await mon(['loki', 'logs', '{level="error", app="sol"}', '--since', '15m', '-o', 'json', '--limit', '0']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { labels: Record<string, string>; line: string; timestamp: string });
    expect(rows.length).toBeGreaterThan(60);
    for (const x of rows) {
      expect(x.labels).toMatchObject({ namespace: 'matrix', app: 'sol', level: 'error' });
      expect(x.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    }
    expect(new Set(rows.map((x) => `${x.timestamp} ${x.labels.pod} ${x.line}`)).size).toBe(rows.length);
  }, 60_000);

  it('mon logs -f prints the newest lines, then follows until SIGINT (exit 0)', async () => {
    const child = spawn(NODE, [BIN, 'mon', 'logs', '{namespace="matrix", app="sol"}', '-f', '--limit', '2', '-o', 'raw'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...isolatedEnv(), PATH: process.env.PATH ?? '', LOKI_ADDR: simEnv.LOKI_ADDR!, LOKI_CA_CERT_PATH: simEnv.LOKI_CA_CERT_PATH! },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    try {
      // Sol crash-loops every 20-25 s: the two newest lines at once, then at least one more live line.
      await waitFor(() => out.split('\n').filter(Boolean).length >= 3, { timeoutMs: 40_000, message: `a live line (stderr: ${err})` });
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    expect(err).toBe('');
  }, 60_000);

  it("says Loki's refusal of a bad query in one sentence and exits 1", async () => {
    const r = await mon(['loki', 'logs', '{level="error"']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sunbeam-console mon loki logs: Loki refused the query: parse error at line 1, col \d+: [^\n]+\.\n$/);
  }, 60_000);

  it('says to set LOKI_ADDR (or use --demo) and exits 2 when it is not set', async () => {
    const r = await mon(['loki', 'logs', '{level="error"}'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("sunbeam-console mon loki logs: LOKI_ADDR is not set: set it to Loki's address (for example export LOKI_ADDR=https://loki.example:3100), or use --demo for the simulated Box.\n");
    const bad = await mon(['logs', '{level="error"}', '--since', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('sunbeam-console mon loki logs: --since must be a duration such as 1h, 15m or 90s, not "soon".\n');
  }, 60_000);
});
