// `status` and `check` as a user runs them: the BUILT binary (npm run build first) against the simulated Box,
// through --kubeconfig. Healthy exits 0; postgres-down exits 1 with the database first and the apps "because
// the database is down"; an unreachable API exits 2 with one sentence.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/cli/check-report.js';
import type { StatusReport } from '../../src/cli/status-report.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';

const BIN = resolve('bin/sunbeam-console.js');
const HOME = mkdtempSync(join(tmpdir(), 'sc-status-check-'));
const ENV = { ...process.env, XDG_CONFIG_HOME: join(HOME, 'config'), XDG_STATE_HOME: join(HOME, 'state'), KUBECONFIG: '', SUNBEAM_CONFIG: '', NO_COLOR: '1' };

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...ENV, ...env }, timeout: 30_000 }, (error, out, err) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, out, err });
    });
  });
}

let healthy: SimHandle;
let down: SimHandle;

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error('bin/sunbeam-console.js is missing: run npm run build first.');
  [healthy, down] = await Promise.all([startSim({ scenario: 'healthy' }), startSim({ scenario: 'postgres-down' })]);
});

afterAll(async () => {
  await Promise.all([healthy?.stop(), down?.stop()]);
});

describe('status', () => {
  it('--json on a healthy Box: every pod, workload and node, exit 0', async () => {
    const r = await cli(['status', '--json', '--kubeconfig', healthy.kubeconfigPath]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as StatusReport;
    expect(j).toMatchObject({ context: 'sunbeam-sim', namespace: null, verdict: 'ok', findings: [] });
    expect(j.nodes).toEqual([expect.objectContaining({ name: 'sunbeam-1', status: 'Ready', roles: ['control-plane'] })]);
    expect(j.pods.find((p) => p.name === 'postgres-1')).toMatchObject({ namespace: 'data', ready: '1/1', status: 'Running', restarts: 0, node: 'sunbeam-1', ownerKind: 'Cluster', ownerName: 'postgres' });
    expect(j.workloads.find((w) => w.name === 'messages')).toMatchObject({ kind: 'Deployment', namespace: 'messages', ready: '2/2', upToDate: 2, available: 2 });
    expect(j.clusters).toEqual([expect.objectContaining({ namespace: 'data', name: 'postgres', instances: 2, readyInstances: 2, phase: 'Cluster in healthy state' })]);
    for (const ns of ['kube-system', 'data', 'openbao', 'ingress', 'storage', 'matrix', 'monitoring', 'messages', 'linkerd']) expect(j.pods.some((p) => p.namespace === ns), ns).toBe(true);
  });

  it('-n NS shows one namespace; the text groups by namespace with kubectl columns', async () => {
    const r = await cli(['status', '-n', 'messages', '--json', '--kubeconfig', healthy.kubeconfigPath]);
    const j = JSON.parse(r.out) as StatusReport;
    expect(j.namespace).toBe('messages');
    expect(new Set(j.pods.map((p) => p.namespace))).toEqual(new Set(['messages']));
    const text = await cli(['status', '-n', 'messages', '--kubeconfig', healthy.kubeconfigPath]);
    expect(text.code).toBe(0);
    const lines = text.out.split('\n');
    expect(lines).toContain('NAMESPACE messages');
    expect(lines.find((l) => l.startsWith('POD '))).toMatch(/^POD\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+NODE$/);
    expect(lines.find((l) => l.startsWith('WORKLOAD '))).toMatch(/^WORKLOAD\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(lines.some((l) => /^deployment\/messages\s+2\/2\s+2\s+2\s+\S+$/.test(l))).toBe(true);
  });

  it('postgres-down: exit 1, crash-looping pods with their restarts', async () => {
    const r = await cli(['status', '--json', '--kubeconfig', down.kubeconfigPath]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as StatusReport;
    expect(j.verdict).toBe('failing');
    const m = j.pods.filter((p) => p.namespace === 'messages' && p.ownerName === 'messages');
    expect(m.length).toBe(2);
    for (const p of m) {
      expect(p.status).toBe('CrashLoopBackOff');
      expect(p.restarts).toBeGreaterThan(0);
    }
  });
});

describe('check', () => {
  it('--json on a healthy Box: verdict ok, no findings, the seven rungs, exit 0', async () => {
    const r = await cli(['check', '--json', '--kubeconfig', healthy.kubeconfigPath]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as CheckReport;
    expect(j).toMatchObject({ context: 'sunbeam-sim', scope: null, verdict: 'ok', findings: [], rootCause: null });
    expect(j.rungs.map((g) => [g.title, g.verdict])).toEqual([
      ['Status', 'ok'],
      ['Check', 'ok'],
      ['Logs', 'unknown'],
      ['Vault', 'not-connected'],
      ['Data', 'ok'],
      // No ALERTMANAGER_URL: amtool's default, http://localhost:9093, which does not answer here: cannot tell.
      ['Alerts', 'unknown'],
      ['Errors', 'not-connected'],
    ]);
  });

  it('postgres-down --json: the database first, the apps because the database is down, exit 1', async () => {
    const r = await cli(['check', '--json', '--kubeconfig', down.kubeconfigPath]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as CheckReport;
    expect(j.verdict).toBe('failing');
    const [root, ...rest] = j.findings;
    expect(root).toMatchObject({ id: 'pg-cluster-unhealthy:data/postgres', namespace: 'data', component: 'postgres', severity: 'failing' });
    expect(root!.title).toMatch(/^data\/postgres: CloudNativePG cluster not healthy \(.+, 0\/2 ready\)$/);
    expect(j.rootCause).toBe(root!.id);
    const messages = rest.find((f) => f.namespace === 'messages' && f.component === 'messages')!;
    expect(messages).toMatchObject({ rule: 'crash-loop', because: 'because the database is down', blockedBy: [root!.id] });
    for (const app of ['messages-worker', 'gitea', 'drive', 'synapse', 'sol']) {
      expect(rest.find((f) => f.component === app && f.severity === 'failing')?.because, app).toBe('because the database is down');
    }
    expect(j.rungs.find((g) => g.title === 'Data')).toMatchObject({ verdict: 'failing' });
  });

  it('postgres-down as text: FAIL lines in order, the root cause marked, a verdict line', async () => {
    const r = await cli(['check', '--kubeconfig', down.kubeconfigPath]);
    expect(r.code).toBe(1);
    const fails = r.out.split('\n').filter((l) => l.startsWith('FAIL'));
    expect(fails[0]).toMatch(/^FAIL {2}data\/postgres: CloudNativePG cluster not healthy .*\[root cause\]$/);
    expect(fails[1]).toMatch(/^FAIL {2}\S+: .* — because the database is down$/);
    expect(r.out).toMatch(/\nVerdict: UNHEALTHY \(\d+ failing, \d+ warn\); root cause: data\/postgres: CloudNativePG cluster not healthy/);
  });

  it('check data covers the database area only; check of an unknown scope is one sentence, exit 2', async () => {
    const r = await cli(['check', 'data', '--json', '--kubeconfig', down.kubeconfigPath]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as CheckReport;
    expect(j.scope).toBe('data');
    expect(j.findings.length).toBeGreaterThan(0);
    expect(j.findings.every((f) => f.namespace === 'data' || f.namespace === 'cnpg-system')).toBe(true);
    const ok = await cli(['check', 'storage', '--kubeconfig', down.kubeconfigPath]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Verdict: HEALTHY');
    const bad = await cli(['check', 'nowhere', '--kubeconfig', healthy.kubeconfigPath]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('nothing called "nowhere" on this cluster');
  });
});

describe('other drills', () => {
  it('vault-sealed: OpenBao first, the credential users "blocked by: OpenBao sealed"', async () => {
    const sim = await startSim({ scenario: 'vault-sealed' });
    try {
      const r = await cli(['check', '--json', '--kubeconfig', sim.kubeconfigPath]);
      expect(r.code).toBe(1);
      const j = JSON.parse(r.out) as CheckReport;
      const [root, ...rest] = j.findings;
      expect(root).toMatchObject({ namespace: 'openbao', component: 'openbao', severity: 'failing' });
      expect(root!.title).toContain('OpenBao not ready, probably sealed');
      const messages = rest.find((f) => f.component === 'messages')!;
      expect(messages).toMatchObject({ because: 'blocked by: OpenBao sealed', blockedBy: [root!.id] });
    } finally {
      await sim.stop();
    }
  });

  it('--demo runs the simulated Box in-process', async () => {
    const r = await cli(['check', 'matrix', '--demo', '--scenario', 'sol-crashloop', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as CheckReport;
    expect(j.context).toBe('demo (sol-crashloop)');
    // Sol's brain (the simulated Mistral API's 429) first, the crash loop that follows from it, and (from the simulated Loki, which --demo connects) its error burst.
    expect(j.findings).toEqual([
      expect.objectContaining({ id: 'sol-brain:matrix/sol', severity: 'failing' }),
      expect.objectContaining({ id: 'crash-loop:matrix/sol', severity: 'failing' }),
      expect.objectContaining({ id: 'error-burst:matrix/sol', severity: 'warn' }),
    ]);
    const bad = await cli(['status', '--scenario', 'postgres-down']);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe('sunbeam-console status: --scenario only goes with --demo.');
  });
});

describe('could not tell', () => {
  it('an API on a closed port: exit 2 and one sentence, nothing on stdout', async () => {
    const port = await new Promise<number>((r) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => r(p));
      });
    });
    const file = join(HOME, 'closed-kubeconfig');
    writeFileSync(file, readFileSync(healthy.kubeconfigPath, 'utf8').replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://127.0.0.1:${port}`), { mode: 0o600 });
    for (const cmd of ['status', 'check']) {
      const started = Date.now();
      const r = await cli([cmd, '--json', '--kubeconfig', file]);
      expect(r.code, cmd).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`sunbeam-console ${cmd}: The Kubernetes API is unreachable (connection refused); is the cluster up and the kubeconfig right?\n`);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  });

  it('a bad flag: one sentence naming the help, exit 2', async () => {
    const r = await cli(['status', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("sunbeam-console: unknown option '--bogus' for status (see sunbeam-console status --help).\n");
  });

  it('a broken config file: one sentence naming the file and the field, exit 2', async () => {
    const cfg = join(HOME, 'bad.yaml');
    writeFileSync(cfg, 'readOnly: sometimes\n');
    const r = await cli(['check', '--kubeconfig', healthy.kubeconfigPath], { SUNBEAM_CONFIG: cfg });
    expect(r.code).toBe(2);
    expect(r.err).toBe(`sunbeam-console check: ${cfg}: readOnly must be true or false.\n`);
  });
});
