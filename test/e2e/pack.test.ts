// Installable: `npm pack` of a copy of this checkout (so that its prepack build cannot disturb the bundle the
// other tests run) ships the launcher and the bundle and nothing else of the repository (no test/, no src/, no
// COE drafts), and `npm install -g --offline` of that tarball into a temporary prefix needs nothing from the
// network (the bundle holds every dependency, so the package declares none) and gives a sunbeam-console that
// works from a directory outside the repository.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve('.');

/** This Node 22 first on PATH (npm's and the launcher's `#!/usr/bin/env node`), npm's cache and the run's state in temp directories. */
function env(home: string): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'SUNBEAM_CONFIG' && k !== 'SUNBEAM_READ_ONLY') e[k] = v;
  return {
    ...e,
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    npm_config_cache: join(home, 'npm-cache'),
    npm_config_update_notifier: 'false',
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_STATE_HOME: join(home, 'state'),
  };
}

/** The checkout's files as git sees them (tracked and new, not ignored: no dist/, no node_modules), with node_modules linked. */
function copyOfCheckout(to: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (f === 'node_modules') continue;
    mkdirSync(dirname(join(to, f)), { recursive: true });
    cpSync(join(REPO, f), join(to, f), { verbatimSymlinks: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(to, 'node_modules'));
}

describe('npm pack and npm install -g', () => {
  it('the tarball holds the launcher and the bundle, installs offline and runs outside the repository', { timeout: 180_000 }, () => {
    const home = mkdtempSync(join(tmpdir(), 'sc-pack-'));
    const checkout = join(home, 'checkout');
    copyOfCheckout(checkout);
    const out = join(home, 'out');
    mkdirSync(out);

    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: checkout, env: env(home), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as {
      filename: string;
      files: { path: string }[];
    }[];
    expect(packed[0]!.files.map((f) => f.path).sort()).toEqual(['README.md', 'bin/sunbeam-console.js', 'dist/sunbeam-console.bundle.js', 'package.json']);

    const prefix = join(home, 'prefix');
    execFileSync('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(out, packed[0]!.filename)], { cwd: home, env: env(home), stdio: ['ignore', 'pipe', 'pipe'] });

    const outside = mkdtempSync(join(tmpdir(), 'sc-outside-'));
    const bin = join(prefix, 'bin', 'sunbeam-console');
    const help = execFileSync(bin, ['help'], { cwd: outside, env: env(home), encoding: 'utf8' });
    expect(help).toMatch(/^Usage: sunbeam-console \[options\] \[command\]\n/);
    const status = execFileSync(bin, ['status', '--demo'], { cwd: outside, env: env(home), encoding: 'utf8' });
    expect(status).toMatch(/^Context: demo \(healthy\) +Namespace: all +Status: all running$/m);
  });
});
