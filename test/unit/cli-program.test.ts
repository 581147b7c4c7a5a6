// The program definition (src/cli/program-spec.ts) as commander parses it: kubectl's flag forms, one-sentence
// errors with exit 2, the help of every command (the same for `help X` and `X --help`), the version, the
// completion scripts generated from it, and --param checked against the runbook's declared parameters.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { targetRef } from '../../src/cli/action-cli.js';
import { completionScript } from '../../src/cli/completion.js';
import { PROGRAM } from '../../src/cli/program-spec.js';
import { VERSION, runProgram } from '../../src/cli/program.js';
import { writeReport } from '../../src/cli/report-output.js';
import { runbookParams } from '../../src/cli/runbook-command.js';
import type { CommandSpec } from '../../src/cli/spec.js';
import { SCENARIOS } from '../../src/sim/box/index.js';

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  let ran: { path: string; opts: Record<string, unknown>; args: string[] } | undefined;
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    const code = await runProgram(argv, async (_spec, path, opts, args) => {
      ran = { path, opts, args };
      return 0;
    });
    return { code, out, err, ran };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Every command of the definition with its path ('status', 'runbook run'), the program itself as ''. */
function commands(spec: CommandSpec = PROGRAM, path: string[] = []): { path: string; spec: CommandSpec }[] {
  return [{ path: path.join(' '), spec }, ...(spec.subcommands ?? []).flatMap((s) => commands(s, [...path, s.name]))];
}

describe('flags as kubectl reads them', () => {
  it.each([
    [['status', '-n=data']],
    [['status', '-ndata']],
    [['status', '-n', 'data']],
    [['status', '--namespace', 'data']],
    [['status', '--namespace=data']],
  ])('%j is the namespace data', async (argv) => {
    const r = await cli(argv);
    expect(r.code).toBe(0);
    expect(r.ran).toMatchObject({ path: 'status', opts: { namespace: 'data' } });
  });

  it('-A, -o and --json; a value that looks like -n=x stays a value', async () => {
    expect((await cli(['check', '-A', '-o', 'yaml'])).ran).toMatchObject({ path: 'check', opts: { allNamespaces: true, output: 'yaml' } });
    expect((await cli(['status', '-o=wide'])).ran?.opts).toMatchObject({ output: 'wide' });
    expect((await cli(['status', '--json'])).ran?.opts).toMatchObject({ json: true });
    expect((await cli(['coe', 'export', '--title', '-n=x'])).ran?.opts).toMatchObject({ title: '-n=x' });
    expect((await cli(['runbook', 'run', 'pitr', '--param', 'a=1', '--param', 'b=2'])).ran).toMatchObject({ args: ['pitr'], opts: { param: ['a=1', 'b=2'] } });
    expect((await cli(['journal', '--demo', 'note', 'paged', 'the', 'DBA'])).ran).toMatchObject({ path: 'journal note', args: ['paged', 'the', 'DBA'], opts: { demo: true } });
    expect((await cli(['journal', 'note', '--demo', 'drill'])).ran).toMatchObject({ path: 'journal note', args: ['drill'], opts: { demo: true } });
  });

  it('an unknown flag is one sentence naming the command and its help, exit 2', async () => {
    const r = await cli(['status', '--foo']);
    expect(r).toMatchObject({ code: 2, out: '', ran: undefined });
    expect(r.err).toBe("sunbeam-console: unknown option '--foo' for status (see sunbeam-console status --help).\n");
    expect((await cli(['backup', '--rung', '5'])).err).toBe("sunbeam-console: unknown option '--rung' for backup (see sunbeam-console backup --help).\n");
    expect((await cli(['journal', '--out', 'x'])).code).toBe(2);
    expect((await cli(['coe', 'export', '--cnpg'])).code).toBe(2);
    expect((await cli(['status', '-o', 'xml'])).err).toMatch(/^sunbeam-console: option '-o, --output <FORMAT>' argument 'xml' is invalid for status; allowed choices are json, yaml, wide \(see sunbeam-console status --help\)\.\n$/);
    expect((await cli(['status', '--json', '-o', 'yaml'])).code).toBe(2);
    expect((await cli(['nope'])).err).toBe("sunbeam-console: unknown command 'nope' (see sunbeam-console --help).\n");
  });

  it('backup, journal and coe accept exactly the flags their help lists', async () => {
    for (const path of ['backup', 'journal', 'coe export']) {
      const help = (await cli([...path.split(' '), '--help'])).out;
      const spec = commands().find((c) => c.path === path)!.spec;
      for (const o of spec.options ?? []) {
        const long = o.flags.split(/[ ,]+/).find((f) => f.startsWith('--'))!;
        expect(help, `${path} ${long}`).toContain(long);
      }
      const unlisted = ['--cnpg', '--json', '--out', '--kubeconfig', '--param'].filter((f) => !help.includes(f));
      for (const f of unlisted) expect((await cli([...path.split(' '), f, 'x'])).code, `${path} ${f}`).toBe(2);
    }
  });
});

describe('help', () => {
  it('help status is status --help, and names every flag of status', async () => {
    const a = await cli(['help', 'status']);
    const b = await cli(['status', '--help']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).toMatch(/^Usage: sunbeam-console status \[options\]\n/);
    for (const f of ['-n, --namespace', '-A, --all-namespaces', '-o, --output', '--json', '--kubeconfig', '--context', '--demo', '--scenario']) expect(a.out).toContain(f);
    expect((await cli(['help', 'runbook', 'run'])).out).toBe((await cli(['runbook', 'run', '--help'])).out);
  });

  it.each(commands().map((c) => [c.path || '(the program)', c.path] as const))('%s --help has Description, Options, Environment, Exit codes and Example', async (_, path) => {
    const r = await cli([...(path ? path.split(' ') : []), '--help']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const spec = commands().find((c) => c.path === path)!.spec;
    const headings = ['Usage:', 'Description:', 'Options:', ...(spec.env?.length ? ['Environment:'] : []), 'Exit codes:', 'Example'];
    let at = -1;
    for (const h of headings) {
      const i = r.out.indexOf(`\n${h}`) >= 0 ? r.out.indexOf(`\n${h}`) : r.out.indexOf(h);
      expect(i, `${path}: ${h}`).toBeGreaterThan(at);
      at = i;
    }
    expect(r.out).toContain(`  $ sunbeam-console`);
  });

  it('the commands that read the environment say so', () => {
    for (const path of ['', 'console', 'status', 'check', 'restart', 'backup', 'cert renew', 'runbook run', 'runbook list', 'journal', 'coe export']) {
      expect(commands().find((c) => c.path === path)!.spec.env?.length, path).toBeGreaterThan(0);
    }
  });

  it('--version is package.json version', async () => {
    const r = await cli(['--version']);
    expect(r).toMatchObject({ code: 0, out: `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n` });
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('the static scenario list is the simulator\'s', () => {
    expect(PROGRAM.subcommands!.find((c) => c.name === 'console')!.options!.find((o) => o.flags.startsWith('--scenario'))!.description).toContain(SCENARIOS.join(', '));
  });
});

describe('-o yaml', () => {
  it('is the same object as -o json', async () => {
    const report = { context: 'c', namespace: null, pods: [{ name: 'p', labels: { 'app.kubernetes.io/name': 'x: y' }, restarts: 3, node: null }], note: 'a "quoted" line\nand another' };
    const write = async (format: 'json' | 'yaml') => {
      let out = '';
      const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
      try {
        await writeReport(report, format, () => 'text');
      } finally {
        o.mockRestore();
      }
      return out;
    };
    const yaml = await write('yaml');
    expect(yaml).not.toMatch(/^\{/);
    expect(parseYaml(yaml)).toEqual(JSON.parse(await write('json')));
    expect(parseYaml(yaml)).toEqual(report);
  });
});

describe('a target as kubectl takes it', () => {
  it('NS/NAME, NAME with -n, else NAME in the session\'s namespace', () => {
    expect(targetRef('matrix/sol', undefined)).toEqual({ namespace: 'matrix', name: 'sol' });
    expect(targetRef('sol', 'matrix')).toEqual({ namespace: 'matrix', name: 'sol' });
    expect(targetRef('sol', undefined, 'matrix')).toEqual({ namespace: 'matrix', name: 'sol' });
    expect(targetRef('matrix/sol', 'matrix')).toEqual({ namespace: 'matrix', name: 'sol' });
    expect(() => targetRef('matrix/sol', 'data')).toThrow('give the namespace once: matrix/sol names matrix, -n names data.');
    expect(() => targetRef('sol', undefined)).toThrow('"sol" is not NS/NAME (for example matrix/sol).');
  });
});

describe('--param', () => {
  it('names the runbook\'s real parameters', () => {
    expect(() => runbookParams({ id: 'logs' }, ['tail=5'])).toThrow('the runbook logs has no parameter "tail"; it takes no --param.');
    expect(() => runbookParams({ id: 'pitr', params: [{ name: 'targetTime', prompt: 'x' }] }, ['time=1'])).toThrow('the runbook pitr has no parameter "time"; its parameters are: targetTime.');
    expect(runbookParams({ id: 'pitr', params: [{ name: 'targetTime', prompt: 'x' }] }, ['targetTime=2026-01-01T00:00:00Z'])).toEqual({ targetTime: '2026-01-01T00:00:00Z' });
  });
});

/** Runs the bash completion for the words typed so far (the last one being completed). */
function complete(...words: string[]): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'sc-completion-')), 'sunbeam-console.bash');
  writeFileSync(file, completionScript('bash', PROGRAM));
  const r = spawnSync('bash', ['-c', `source '${file}'; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _sunbeam_console; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('completion', () => {
  it('bash: valid, and completes commands, subcommands, flags and values', () => {
    const r = spawnSync('bash', ['-n'], { input: completionScript('bash', PROGRAM), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(complete('sunbeam-console', 'st')).toEqual(['status']);
    expect(complete('sunbeam-console', 'runbook', '')).toEqual(['list', 'run']);
    expect(complete('sunbeam-console', 'status', '--all')).toEqual(['--all-namespaces']);
    expect(complete('sunbeam-console', 'check', '-o', '')).toEqual(['json', 'yaml', 'wide']);
    expect(complete('sunbeam-console', '--demo', '--scenario', 'vault')).toEqual(['vault-sealed', 'vault-replica-sealed', 'vault-token-expired']);
    expect(complete('sunbeam-console', 'status', '-n', 'da')).toEqual(['data']);
    expect(complete('sunbeam-console', 'cert', 'renew', '--del')).toEqual(['--delete']);
    expect(complete('sunbeam-console', 'help', 'ch')).toEqual(['check']);
  });

  it('zsh: valid (zsh -n) and lists the same commands', () => {
    const script = completionScript('zsh', PROGRAM);
    expect(script).toMatch(/^#compdef sunbeam-console\n/);
    for (const c of PROGRAM.subcommands!) expect(script).toContain(`'${c.name}:`);
    const zsh = spawnSync('zsh', ['-n'], { input: script, encoding: 'utf8' });
    if (zsh.error) {
      // zsh is not installed on this machine: its syntax check cannot run here (the structure is checked above).
      expect((zsh.error as NodeJS.ErrnoException).code).toBe('ENOENT');
      return;
    }
    expect(zsh.status, zsh.stderr).toBe(0);
  });
});
