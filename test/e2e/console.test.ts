// The built console in tmux, against the in-process simulated Box (--demo): what a user sees at 80x24 and
// 200x60, keys, resize, and a terminal left as it was on q, on signals and on a crash.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for.js';
import { BIN, buildConsole, NODE, ROOT } from './binary.js';
import { Tmux } from './tmux.js';

const tmux = new Tmux(`sbc-e2e-${process.pid}`);
let n = 0;
const CONSOLE = `${NODE} ${BIN}`;

function session(cols: number, rows: number): string {
  const s = `c${++n}`;
  tmux.start(s, cols, rows);
  tmux.type(s, `cd ${ROOT} && clear && echo SHELL-BEFORE-CONSOLE`);
  return s;
}

const firstLine = (screen: string) => screen.split('\n')[0] ?? '';

/** Waits until the console process has exited and the pane's shell is in the foreground again. */
async function shellBack(s: string): Promise<void> {
  await waitFor(() => tmux.paneState(s).command === 'bash', { timeoutMs: 10_000, intervalMs: 100, message: "the pane's shell back in the foreground" });
  expect(tmux.paneState(s)).toEqual({ dead: false, command: 'bash' });
}

beforeAll(() => {
  buildConsole();
}, 120_000);

afterAll(() => tmux.kill());

describe('console e2e (tmux)', () => {
  it('80x24 --demo: ladder, status rows from the Box, help, commands, filter, then q restores the shell', async () => {
    const s = session(80, 24);
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE'), 'the shell');
    tmux.type(s, `${CONSOLE} --demo`);
    let screen = await tmux.waitFor(s, (x) => x.includes('postgres-1') && x.includes('7 Errors'), 'the populated status pane');
    for (const rung of ['1 Status', '2 Check', '3 Logs', '4 Vault', '5 Data', '6 Alerts', '7 Errors']) expect(screen).toContain(rung);
    expect(screen.trimEnd().split('\n').length).toBeLessThanOrEqual(24);
    expect(screen).not.toContain(' AGE');
    expect(firstLine(screen)).toContain('demo (healthy)');

    tmux.type(s, '/postgres-', false);
    tmux.keys(s, 'Enter');
    screen = await tmux.waitFor(s, (x) => x.includes('postgres-1') && x.includes('postgres-2') && !x.includes('cert-manager'), 'the filtered rows');
    tmux.keys(s, 'Escape');
    await tmux.waitFor(s, (x) => x.includes('cert-manager'), 'the filter cleared');

    tmux.keys(s, '?');
    await tmux.waitFor(s, (x) => x.includes('Keys for the Status pane'), 'the help overlay');
    tmux.keys(s, 'Escape');
    await tmux.waitFor(s, (x) => !x.includes('Keys for the Status pane') && x.includes('postgres-1'), 'help closed');

    tmux.type(s, ':foo', false);
    tmux.keys(s, 'Enter');
    await tmux.waitFor(s, (x) => x.includes('Unknown command "foo"; try :help'), 'the unknown command message');

    tmux.keys(s, '2');
    await tmux.waitFor(s, (x) => x.includes("2 Check · What's unhealthy?"), 'the Check pane');

    tmux.keys(s, 'q');
    screen = await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE') && !x.includes('1 Status'), 'the shell screen back');
    expect(screen).not.toContain('7 Errors');
    // The process exits once the source and the simulator have stopped; the pane keeps its shell.
    await shellBack(s);
    tmux.type(s, 'echo "exit=$?"');
    await tmux.waitFor(s, (x) => x.includes('exit=0'), 'exit status 0');
  }, 60_000);

  it('follows a resize from 80x24 to 200x60 (second pane, more columns) and back', async () => {
    const s = session(80, 24);
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE'), 'the shell');
    tmux.type(s, `${CONSOLE} --demo`);
    await tmux.waitFor(s, (x) => x.includes('postgres-1'), 'the status pane');
    tmux.resize(s, 200, 60);
    let screen = await tmux.waitFor(s, (x) => x.includes(' AGE') && x.includes("2 Check · What's unhealthy?"), 'the wide layout');
    expect(screen).toContain("1 Status · What's actually running?");
    expect(screen).toContain('postgres-1');
    tmux.resize(s, 80, 24);
    // Wait for the whole narrow frame (a capture can catch Ink's redraw half done: the pane's rows without the ladder yet).
    screen = await tmux.waitFor(s, (x) => !x.includes(' AGE') && x.includes('postgres-1') && x.includes('1 Status'), 'the narrow layout again');
    expect(screen.split('\n').filter((l) => l.includes('1 Status')).length).toBeGreaterThan(0);
    tmux.keys(s, 'C-c');
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE') && !x.includes('1 Status'), 'the shell after Ctrl-C');
  }, 60_000);

  it('200x60 --demo --scenario postgres-down shows the root cause', async () => {
    const s = session(200, 60);
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE'), 'the shell');
    tmux.type(s, `${CONSOLE} --demo --scenario postgres-down`);
    await tmux.waitFor(s, (x) => /FAILING │ root cause: .*postgres/i.test(firstLine(x)) && /cluster\/postgres\s+0\/2/.test(x), 'the postgres root cause in the top bar', 45_000);
    tmux.keys(s, '2');
    await tmux.waitFor(s, (x) => x.includes('★ ROOT CAUSE') && /postgres/.test(x), 'the marked root cause in Check');
    tmux.keys(s, 'q');
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE') && !x.includes('2 Check'), 'the shell back');
  }, 90_000);

  it('Enter drills into a pod; SIGTERM restores the terminal', async () => {
    const s = session(100, 30);
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE'), 'the shell');
    tmux.type(s, `${CONSOLE} --demo`);
    await tmux.waitFor(s, (x) => x.includes('postgres-1'), 'the status pane');
    tmux.type(s, '/barman-0', false);
    tmux.keys(s, 'Enter');
    // The pod's own row (the filter line says barman-0 too, so wait for the READY and STATUS cells).
    await tmux.waitFor(s, (x) => /barman-0\s+1\/1\s+Running/.test(x) && !x.includes('postgres-1'), 'the filtered row');
    // The rows are the data group, the barman StatefulSet and its pod: go to the pod and open it. A person sees
    // the cursor land before pressing Enter: wait for the inverse-video row on the pod. (The pods list can
    // sync before the workloads list: G then lands on the pod while it is listed alone, and the cursor must
    // stay on it when the StatefulSet's row appears above it; that is what once looked like a lost G.)
    tmux.keys(s, 'G');
    await tmux.waitFor(s, (x) => /\x1b\[7m\s*barman-0/.test(x), 'the cursor on barman-0', 20_000, true);
    tmux.keys(s, 'Enter');
    await tmux.waitFor(s, (x) => x.includes('Pod data/barman-0') && x.includes('CONTAINER'), 'the pod view');
    const shellPid = tmux.tmux('list-panes', '-t', s, '-F', '#{pane_pid}').trim();
    const consolePid = execFileSync('pgrep', ['-P', shellPid], { encoding: 'utf8' }).trim().split('\n')[0]!;
    process.kill(Number(consolePid), 'SIGTERM');
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE') && !x.includes('Pod data/barman-0'), 'the shell after SIGTERM');
    await shellBack(s);
    tmux.type(s, 'echo "exit=$?"');
    await tmux.waitFor(s, (x) => x.includes('exit=143'), 'exit status 143');
  }, 60_000);

  it('Esc followed at once by a key (one write, as a slow SSH link delivers them) is Esc, then the key', async () => {
    const s = session(100, 30);
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE'), 'the shell');
    tmux.type(s, `${CONSOLE} --demo`);
    await tmux.waitFor(s, (x) => x.includes('postgres-1'), 'the status pane');
    tmux.keys(s, '?');
    await tmux.waitFor(s, (x) => x.includes('Keys for the Status pane'), 'the help overlay');
    tmux.keys(s, 'Escape', '4');
    await tmux.waitFor(s, (x) => !x.includes('Keys for the Status pane') && x.includes('4 Vault ·'), 'help closed and rung 4');
    tmux.keys(s, 'Escape', '2');
    await tmux.waitFor(s, (x) => x.includes("2 Check · What's unhealthy?"), 'rung 2');
    tmux.keys(s, 'q');
    await shellBack(s);
  }, 60_000);

  it('a crash restores the terminal (main screen, cursor, cooked mode) and says so in one sentence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbc-e2e-crash-'));
    try {
      // Something outside every handler throws (a timer, a library callback): here, on SIGUSR2.
      const preload = join(dir, 'crash-on-usr2.mjs');
      writeFileSync(preload, "process.on('SIGUSR2', () => setImmediate(() => { throw new Error('forced crash for the e2e'); }));\n");
      const s = session(100, 30);
      await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE'), 'the shell');
      tmux.type(s, `stty -g > ${dir}/stty.before`);
      tmux.type(s, `${NODE} --import ${preload} ${BIN} --demo; echo "exit=$?"`);
      await tmux.waitFor(s, (x) => x.includes('postgres-1'), 'the status pane');
      expect(tmux.tmux('display-message', '-p', '-t', s, '#{alternate_on}').trim()).toBe('1');
      const shellPid = tmux.tmux('list-panes', '-t', s, '-F', '#{pane_pid}').trim();
      const consolePid = execFileSync('pgrep', ['-P', shellPid], { encoding: 'utf8' }).trim().split('\n')[0]!;
      process.kill(Number(consolePid), 'SIGUSR2');
      const screen = await tmux.waitFor(s, (x) => /exit=\d+/.test(x), 'the exit');
      expect(screen).toContain('crashed: forced crash for the e2e; the terminal has been restored.');
      expect(screen).toContain('exit=70');
      expect(screen).toContain('SHELL-BEFORE-CONSOLE');
      expect(tmux.tmux('display-message', '-p', '-t', s, '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1');
      tmux.type(s, `[ "$(stty -g)" = "$(cat ${dir}/stty.before)" ] && echo TTY-AS-BEFORE`);
      await tmux.waitFor(s, (x) => x.includes('TTY-AS-BEFORE'), 'the terminal modes as before');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('-n NAMESPACE starts filtered and --read-only says so in the top bar', async () => {
    const s = session(120, 30);
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE'), 'the shell');
    tmux.type(s, `${CONSOLE} --demo -n data --read-only`);
    const screen = await tmux.waitFor(s, (x) => x.includes('postgres-1') && x.includes('ns: data'), 'the data namespace');
    expect(firstLine(screen)).toContain('READ-ONLY');
    expect(screen).not.toContain('cert-manager');
    tmux.keys(s, 'q');
    await shellBack(s);
  }, 60_000);

  it('leaves no process behind when its terminal goes away (SSH dropped, pane killed)', async () => {
    const s = session(100, 30);
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE'), 'the shell');
    tmux.type(s, `${CONSOLE} --demo`);
    await tmux.waitFor(s, (x) => x.includes('postgres-1'), 'the status pane');
    const shellPid = tmux.tmux('list-panes', '-t', s, '-F', '#{pane_pid}').trim();
    const consolePid = Number(execFileSync('pgrep', ['-P', shellPid], { encoding: 'utf8' }).trim().split('\n')[0]);
    tmux.tmux('kill-session', '-t', s);
    const alive = () => {
      try {
        process.kill(consolePid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await waitFor(() => !alive(), { timeoutMs: 10_000, intervalMs: 100, message: `the console (pid ${consolePid}) to exit` });
    expect(alive()).toBe(false);
  }, 60_000);

  it('without a kubeconfig says what it looked for and suggests --demo', async () => {
    const s = session(200, 30);
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE'), 'the shell');
    tmux.type(s, `KUBECONFIG=/nonexistent/kubeconfig ${CONSOLE}; echo "exit=$?"`);
    const screen = await tmux.waitFor(s, (x) => /exit=\d/.test(x), 'the exit');
    expect(screen).toContain('No kubeconfig found (looked for /nonexistent/kubeconfig)');
    expect(screen).toContain('--demo');
    expect(screen).toContain('exit=2');
  }, 30_000);

  it('refuses a non-TTY and a bad flag with one sentence and exit 2', () => {
    const piped = spawnSync(NODE, [BIN, '--demo'], { cwd: ROOT, encoding: 'utf8', input: '' });
    expect(piped.status).toBe(2);
    expect(piped.stderr.trim().split('\n')).toHaveLength(1);
    expect(piped.stderr).toContain('needs an interactive terminal');
    const bad = spawnSync(NODE, [BIN, '--bogus'], { cwd: ROOT, encoding: 'utf8', input: '' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain("unknown option '--bogus'");
  });
});
