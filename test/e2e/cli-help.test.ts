// The built binary's command line as a kubectl user expects it: help for every command (`help X` is `X --help`),
// --version, shell completion that bash accepts and that completes, unknown flags and --params as one sentence
// with exit 2, `-n=NS` / `--namespace NS` / `-A`, `-o yaml` as the same object as `-o json`, and text rows that
// carry their namespace. Spawns `node bin/sunbeam-console.js` (npm test builds it first) with its own config and
// state directories; the reports run against the in-process simulated Box (--demo).
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startSim } from '../../src/sim/index.js';

const BIN = resolve('bin/sunbeam-console.js');

function env(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'sc-cli-help-'));
  const e: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state'), NO_COLOR: '1' };
  delete e.SUNBEAM_CONFIG;
  delete e.SUNBEAM_READ_ONLY;
  delete e.KUBECONFIG;
  return e;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: env(), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** As cli(), without blocking the event loop (for a simulated Box served by this process). */
function cliAsync(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: env(), timeout: 60_000 }, (error, out, err) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, err });
    });
  });
}

/** The report without what differs between two runs of the simulated Box (times and ages). */
function timeless(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(timeless);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([k]) => !['generatedAt', 'created', 'age', 'lastRestartAt', 'lastSuccess', 'lastAttempt', 'since'].includes(k)).map(([k, x]) => [k, timeless(x)]));
  }
  return v;
}

describe('help and version', () => {
  it('help status prints what status --help prints: every flag, the environment, exit codes and an example', () => {
    const a = cli('help', 'status');
    const b = cli('status', '--help');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    for (const s of ['Usage: sunbeam-console status', 'Description:', '-n, --namespace <NAMESPACE>', '-A, --all-namespaces', '-o, --output <FORMAT>', '--json', '--kubeconfig <PATH>', '--context <NAME>', '--demo', '--scenario <NAME>', 'Environment:', 'KUBECONFIG', 'Exit codes:', 'Example', '$ sunbeam-console status']) {
      expect(a.out).toContain(s);
    }
  });

  it('every command has its own help', () => {
    for (const cmd of [['backup'], ['journal'], ['journal', 'note'], ['coe', 'export'], ['runbook', 'run'], ['cert', 'renew'], ['sim'], ['console'], ['completion']]) {
      const r = cli(...cmd, '--help');
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: sunbeam-console ${cmd.join(' ')} `));
      for (const h of ['Description:', 'Exit codes:', 'Example']) expect(r.out, `${cmd.join(' ')} ${h}`).toContain(h);
    }
  });

  it('--version prints the package version', () => {
    const r = cli('--version');
    expect(r).toEqual({ code: 0, out: `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`, err: '' });
  });
});

describe('completion', () => {
  it('bash: accepted by bash -n, and sunbeam-console st<TAB> completes status', () => {
    const script = cli('completion', 'bash');
    expect(script.code).toBe(0);
    const file = join(mkdtempSync(join(tmpdir(), 'sc-completion-')), 'c.bash');
    writeFileSync(file, script.out);
    expect(spawnSync('bash', ['-n', file], { encoding: 'utf8' }).status).toBe(0);
    const r = spawnSync('bash', ['-c', `source '${file}'; COMP_WORDS=(sunbeam-console st); COMP_CWORD=1; _sunbeam_console; echo "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
    expect(r.stdout).toBe('status\n');
  });

  it('zsh: a #compdef script (zsh -n where zsh is installed)', () => {
    const script = cli('completion', 'zsh');
    expect(script.code).toBe(0);
    expect(script.out).toMatch(/^#compdef sunbeam-console\n/);
    const zsh = spawnSync('zsh', ['-n'], { input: script.out, encoding: 'utf8' });
    // zsh is not installed on every machine; where it is not, its syntax check cannot run.
    if (!zsh.error) expect(zsh.status, zsh.stderr).toBe(0);
  });
});

describe('bad usage', () => {
  it('an unknown flag: one sentence, exit 2', () => {
    const r = cli('status', '--foo');
    expect(r).toEqual({ code: 2, out: '', err: "sunbeam-console: unknown option '--foo' for status (see sunbeam-console status --help).\n" });
  });

  it('backup, journal and coe refuse flags their help does not list', () => {
    expect(cli('backup', '--scenario').code).toBe(2);
    expect(cli('journal', '--out', 'x').err).toBe("sunbeam-console: unknown option '--out' for journal (see sunbeam-console journal --help).\n");
    expect(cli('coe', 'export', '--json').code).toBe(2);
  });

  it('an unknown --param names the runbook\'s real parameters', () => {
    const logs = cli('runbook', 'run', 'logs', 'matrix/sol', '--param', 'tail=5', '--demo');
    expect(logs).toMatchObject({ code: 2, out: '' });
    expect(logs.err).toBe('sunbeam-console runbook run: the runbook logs has no parameter "tail"; it takes no --param.\n');
    const pitr = cli('runbook', 'run', 'pitr', '--param', 'time=now', '--demo');
    expect(pitr.code).toBe(2);
    expect(pitr.err).toContain('its parameters are: targetTime.');
  });
});

describe('namespaces and output formats', () => {
  it('-n=data and --namespace data are the namespace data; -A is every namespace', () => {
    for (const flags of [['-n=data'], ['--namespace', 'data'], ['-ndata'], ['--namespace=data']]) {
      const r = cli('status', '--demo', ...flags, '-o', 'json');
      expect(r.err, flags.join(' ')).toBe('');
      const j = JSON.parse(r.out) as { namespace: string; pods: { namespace: string }[] };
      expect(j.namespace).toBe('data');
      expect(new Set(j.pods.map((p) => p.namespace))).toEqual(new Set(['data']));
    }
    const all = JSON.parse(cli('status', '--demo', '-A', '-n', 'data', '--json').out) as { namespace: string | null; pods: { namespace: string }[] };
    expect(all.namespace).toBeNull();
    expect(new Set(all.pods.map((p) => p.namespace)).size).toBeGreaterThan(5);
  });

  it('-o yaml is the same object as -o json (and --json)', async () => {
    // One simulated Box for the three runs (a --demo run is a new Box each time, with new pod names).
    const sim = await startSim({ scenario: 'healthy' });
    try {
      for (const cmd of ['status', 'check']) {
        const y = await cliAsync(cmd, '--kubeconfig', sim.kubeconfigPath, '-o', 'yaml');
        const j = await cliAsync(cmd, '--kubeconfig', sim.kubeconfigPath, '-o', 'json');
        const legacy = await cliAsync(cmd, '--kubeconfig', sim.kubeconfigPath, '--json');
        expect(y.code, `${cmd}: ${y.err}`).toBe(0);
        expect(y.out).not.toMatch(/^\{/);
        expect(timeless(parseYaml(y.out))).toEqual(timeless(JSON.parse(j.out)));
        expect(timeless(JSON.parse(legacy.out))).toEqual(timeless(JSON.parse(j.out)));
      }
    } finally {
      await sim.stop();
    }
  });

  it('text rows carry their namespace, as kubectl get -A prints them; -o wide adds columns', () => {
    const r = cli('status', '--demo', '--scenario', 'postgres-down');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    const podHeader = lines.findIndex((l) => /^NAMESPACE +POD +READY +STATUS +RESTARTS +AGE +NODE$/.test(l));
    expect(podHeader).toBeGreaterThan(0);
    const pods = lines.slice(podHeader + 1, lines.indexOf('', podHeader));
    expect(pods.length).toBeGreaterThan(10);
    expect(pods.filter((l) => /^data +postgres-1 +\S+ +CrashLoopBackOff /.test(l))).toHaveLength(1);
    for (const l of pods) expect(l).toMatch(/^[a-z0-9-]+ +\S+ +\d+\/\d+ /);
    expect(lines.some((l) => /^NAMESPACE +WORKLOAD +READY/.test(l))).toBe(true);
    expect(lines.some((l) => /^data +cluster\/postgres +0\/2 /.test(l))).toBe(true);

    const wide = cli('status', '--demo', '-n', 'data', '-o', 'wide').out.split('\n');
    expect(wide.find((l) => l.startsWith('POD '))).toMatch(/^POD +READY +STATUS +RESTARTS +AGE +IP +NODE +OWNER$/);
    expect(wide.find((l) => l.startsWith('postgres-1 '))).toMatch(/ \d+\.\d+\.\d+\.\d+ +sunbeam-1 +Cluster\/postgres$/);
    expect(wide.find((l) => l.startsWith('WORKLOAD '))).toMatch(/ SELECTOR +PRIMARY$/);

    const check = cli('check', '--demo', '--scenario', 'postgres-down');
    const findings = check.out.split('\n').filter((l) => /^(FAIL|WARN) /.test(l));
    expect(findings.length).toBeGreaterThan(3);
    for (const l of findings) expect(l).toMatch(/^(FAIL|WARN) {2}([a-z0-9-]+\/|node )/);
  });
});
