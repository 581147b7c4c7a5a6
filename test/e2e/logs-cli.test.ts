// The `logs` one-shot through the real binary against the simulated Box (a simulator this test starts, reached
// by --kubeconfig as a cluster would be): without -f it prints what is there, merged in time order, and exits
// 0; -o json is one object per line; an unknown name or a bad regex is one sentence and exit 1; -f follows until
// SIGINT (exit 0) or until the reader goes away (exit 0, nothing on stderr).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { waitFor } from '../helpers/wait-for.js';
import { BIN, buildConsole, NODE } from './binary.js';

let sim: SimHandle;

beforeAll(async () => {
  buildConsole();
  sim = await startSim({ scenario: 'healthy', speed: 10 });
}, 120_000);

afterAll(async () => {
  await sim?.stop();
});

function env(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'sc-logs-cli-'));
  const e: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state') };
  for (const k of ['SUNBEAM_CONFIG', 'SUNBEAM_READ_ONLY', 'KUBECONFIG', 'NO_COLOR']) delete e[k];
  return e;
}

/** The binary, waited for (async: the simulator it reads runs in this process). */
function logs(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(NODE, [BIN, 'logs', '--kubeconfig', sim.kubeconfigPath, ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  return new Promise((done) => child.on('close', (code) => done({ code, out, err })));
}

const podsOf = (ns: string, app: string) => sim.store.list('pods', ns).filter((p) => p.metadata.labels?.app === app).map((p) => p.metadata.name as string).sort();

describe('sunbeam-console logs NS/NAME (no -f)', () => {
  it('prints the last N lines of every pod, POD CONTAINER TEXT, merged in time order, and exits 0', async () => {
    const r = await logs(['messages/messages', '--tail', '5', '--timestamps']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    const pods = podsOf('messages', 'messages');
    const rows = lines.map((l) => /^(\S+) (\S+) (\S+) (.*)$/.exec(l)!);
    expect([...new Set(rows.map((m) => m[1]))].sort()).toEqual(pods);
    expect(new Set(rows.map((m) => m[2]))).toEqual(new Set(['django']));
    // No colour into a pipe.
    expect(r.out).not.toContain('\x1b[');
    const stamps = rows.map((m) => m[3]!);
    expect([...stamps].sort()).toEqual(stamps);
    // Each pod's lines are the last ones its container wrote (the simulator keeps writing: a tail of the history then).
    for (const pod of pods) {
      const history = sim.box.logs.history('messages', pod, 'django', false)!.map((l) => l.text);
      const ours = rows.filter((m) => m[1] === pod).map((m) => m[4]!);
      const at = history.indexOf(ours[0]!);
      expect(at, pod).toBeGreaterThanOrEqual(0);
      expect(history.slice(at, at + 5), pod).toEqual(ours);
    }
  });

  it('-o json: one object per line, as stern writes it', async () => {
    const r = await logs(['matrix/sol', '--tail', '3', '-o', 'json']);
    expect(r.code).toBe(0);
    const objects = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(objects).toHaveLength(3);
    for (const o of objects) {
      expect(Object.keys(o).sort()).toEqual(['containerName', 'message', 'namespace', 'podName', 'timestamp']);
      expect(o).toMatchObject({ namespace: 'matrix', containerName: 'sol' });
      expect(o.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
  });

  it('-o raw with -i and -e: only the text of the lines kept', async () => {
    const r = await logs(['messages/messages', '--tail', '40', '-o', 'raw', '-i', 'GET', '-e', '304']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l).toMatch(/^\{/);
      expect(l).toContain('GET');
      expect(l).not.toContain('304');
    }
  });

  it('an unknown name: one sentence naming what was looked for, exit 1', async () => {
    const r = await logs(['matrix/nope']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'sunbeam-console logs: Nothing to follow at matrix/nope: no CloudNativePG Cluster, Deployment, StatefulSet, DaemonSet, Service, Job or pod of that name (sunbeam-console status -n matrix lists what runs there).\n',
    );
  });

  it('a bad regex: one sentence, exit 1; a bad --since: one sentence, exit 2', async () => {
    const bad = await logs(['matrix/sol', '-e', '[a']);
    expect({ code: bad.code, err: bad.err }).toEqual({ code: 1, err: 'sunbeam-console logs: The exclude regex "[a" is not valid (unterminated character class).\n' });
    const since = await logs(['matrix/sol', '--since', 'yesterday']);
    expect({ code: since.code, err: since.err }).toEqual({ code: 2, err: 'sunbeam-console logs: --since takes a duration such as 5m, 1h or 48h, not "yesterday".\n' });
  });
});

describe('sunbeam-console logs: containers and previous instances', () => {
  it('-c with a name no pod has: one sentence with the names there are, exit 1', async () => {
    const r = await logs(['matrix/sol', '-c', 'nope']);
    expect({ code: r.code, out: r.out, err: r.err }).toEqual({ code: 1, out: '', err: 'sunbeam-console logs: No pod of Deployment matrix/sol (1 pod) has a container named nope (its containers: sol).\n' });
  });

  it('--previous where nothing restarted says so, exit 0', async () => {
    const r = await logs(['matrix/sol', '--previous']);
    expect({ code: r.code, out: r.out, err: r.err }).toEqual({ code: 0, out: '', err: 'sunbeam-console logs: No container of matrix/sol has a previous instance (none has restarted).\n' });
  });

  it("--previous during sol-crashloop prints the crashed instance's last lines (--demo)", async () => {
    const child = spawn(NODE, [BIN, 'logs', '--demo', '--scenario', 'sol-crashloop', 'matrix/sol', '--previous', '-o', 'raw'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(out).toMatch(/"level":"critical".*exiting/);
  }, 30_000);
});

describe('sunbeam-console logs NS/NAME -f', () => {
  it('follows new lines until SIGINT, then exits 0', async () => {
    const child = spawn(NODE, [BIN, 'logs', '--kubeconfig', sim.kubeconfigPath, 'messages/messages', '-f', '--tail', '1'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const closed = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    // The two tail lines, then lines written after the start.
    await waitFor(() => out.split('\n').length > 6, { timeoutMs: 20_000, message: 'followed lines' });
    child.kill('SIGINT');
    expect(await closed).toBe(0);
    expect(err).toBe('');
  }, 30_000);

  it('a reader that goes away (| head -3) ends it quietly with 0', async () => {
    // Async: the simulator it reads runs in this process.
    const child = spawn('bash', ['-c', `set -o pipefail; "${NODE}" "${BIN}" logs --kubeconfig "${sim.kubeconfigPath}" messages/messages -f 2>err.txt | head -3 >/dev/null; echo "rc=$?"; cat err.txt`], {
      env: env(),
      cwd: mkdtempSync(join(tmpdir(), 'sc-logs-head-')),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    await new Promise((r) => child.on('close', r));
    expect(out).toBe('rc=0\n');
  }, 30_000);
});
