// The built binary's manners on a command line, as kubectl's: a reader that closes the pipe ends it quietly
// with 0, `runbook list` shows the words `runbook run` takes instead of raw templates, and the launcher refuses
// an old Node in one sentence. Spawns `node bin/sunbeam-console.js` (npm test builds it first) with its own
// config and state directories.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/sunbeam-console.js');

function isolatedEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'sc-cli-manners-'));
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state') };
  delete env.SUNBEAM_CONFIG;
  delete env.SUNBEAM_READ_ONLY;
  return env;
}

/**
 * Runs the binary with stdout a pipe whose reading end is closed at once, before the child has written a byte
 * (the deterministic form of `| head -1`: head closing after its line races the writer's later lines).
 */
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: isolatedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, err })));
}

describe('a closed pipe', () => {
  it('runbook list into a reader that went away ends quietly with 0', async () => {
    const r = await runIntoClosedPipe(['runbook', 'list']);
    expect(r.err).toBe('');
    expect(r).toMatchObject({ code: 0, signal: null });
  });

  it('journal into a reader that went away ends quietly with 0', async () => {
    const r = await runIntoClosedPipe(['journal', '--demo']);
    expect(r.err).toBe('');
    expect(r).toMatchObject({ code: 0, signal: null });
  });

  it('| head -1 gets its line and the writer exits 0 with nothing on stderr', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" runbook list 2>err.txt | head -1; echo "rc=$?"; cat err.txt`], {
      env: isolatedEnv(),
      cwd: mkdtempSync(join(tmpdir(), 'sc-cli-head-')),
      encoding: 'utf8',
    });
    expect(r.stdout).toMatch(/^restart +change +Restart NS\/NAME\nrc=0\n$/);
  });
});

describe('runbook list', () => {
  it('shows a template as the argument runbook run takes, never raw {{target}}', () => {
    const r = spawnSync(process.execPath, [BIN, 'runbook', 'list'], { env: isolatedEnv(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('{{');
    expect(r.stdout).toMatch(/^restart +change +Restart NS\/NAME$/m);
    expect(r.stdout).toMatch(/^check-namespace +read +Check NAMESPACE$/m);
    expect(r.stdout).toMatch(/^cert-renew-issuing +change +Force renewal of NS\/NAME \(cmctl's way/m);
  });
});

describe('the launcher', () => {
  it('refuses a Node older than 22 in one sentence with exit 2', () => {
    // A preload makes this Node 22 report 20.0.0 before the launcher's check runs (no second Node needed).
    const preload = join(mkdtempSync(join(tmpdir(), 'sc-old-node-')), 'old-node.mjs');
    writeFileSync(preload, "Object.defineProperty(process.versions, 'node', { value: '20.0.0' });\nObject.defineProperty(process, 'version', { value: 'v20.0.0' });\n");
    const r = spawnSync(process.execPath, ['--import', preload, BIN, 'help'], { env: isolatedEnv(), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sunbeam-console: needs Node\.js 22 or newer, and this is v20\.0\.0; [^\n]+\.\n$/);
  });
});
