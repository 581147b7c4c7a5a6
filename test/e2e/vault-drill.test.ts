// The playbook's "OpenBao sealed" drill end to end: the built console in tmux against --demo --scenario
// vault-sealed, with its own HOME, XDG and TMPDIR directories. The ladder names OpenBao as the root cause and
// rung 4 says SEALED; three of the five shares the demo wrote (mode 0600) are typed into the hidden prompt of
// `u`, the dialog coming back with the progress in its title; OpenBao unseals, the root cause moves off it and
// every dependent pod comes back Ready (the time from the last share is printed). No share appears on any
// screen captured on the way (nor in the shell's scrollback), in the journal, or in any file under the run's
// directories but the keys file; the journal holds the three unseals, by whom, with their outcomes. At 80x24,
// rung 4's pane and the `u` prompt fit.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv } from '../helpers/real-dirs.js';
import { waitFor } from '../helpers/wait-for.js';
import { BIN, buildConsole, NODE } from './binary.js';
import { Tmux } from './tmux.js';

const tmux = new Tmux(`sbc-e2e-vault-${process.pid}`);
let work: string;

/** Every screen this file captured, whichever test took it: none may show a share. */
const screens: string[] = [];
/** The 80x24 rung 4 pane, for the layout check below. */
let smallVault = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sbc-e2e-vault-'));
  buildConsole();
}, 120_000);

afterAll(() => {
  tmux.kill();
  rmSync(work, { recursive: true, force: true });
});

function capture(s: string): string {
  const x = tmux.screen(s);
  screens.push(x);
  return x;
}

/** Polls the pane (every capture kept) until `test` holds; fails showing the last screen. */
async function until(s: string, test: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
  let last = '';
  try {
    await waitFor(
      () => {
        last = capture(s);
        return test(last);
      },
      { timeoutMs, intervalMs: 100, message: what },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; the screen was:\n${last}`);
  }
  return last;
}

const firstLine = (screen: string) => screen.split('\n')[0] ?? '';

/** A run's own directories (HOME, XDG, TMPDIR, all under one root), and a shell in tmux that has them. */
function startShell(s: string, cols: number, rows: number): { root: string; state: string } {
  const root = join(work, s);
  const dirs = { HOME: 'home', XDG_CONFIG_HOME: 'config', XDG_STATE_HOME: 'state', XDG_DATA_HOME: 'data', XDG_CACHE_HOME: 'cache', TMPDIR: 'tmp' };
  const env: Record<string, string> = {};
  for (const [k, sub] of Object.entries(dirs)) {
    env[k] = join(root, sub);
    mkdirSync(env[k], { recursive: true });
  }
  tmux.start(s, cols, rows, { ...env, HISTFILE: '/dev/null' });
  tmux.type(s, `cd ${root} && clear && echo READY`);
  return { root, state: env.XDG_STATE_HOME! };
}

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** A share's forms that could leak: its base64 text and its bytes in hex. */
const forms = (share: string) => [share, Buffer.from(share, 'base64').toString('hex')];

interface JournalLine {
  kind: string;
  action?: string;
  who?: string;
  outcome?: string;
  message?: string;
  params?: Record<string, string>;
}

describe('vault drill e2e (tmux, --demo --scenario vault-sealed)', () => {
  it('OpenBao is the root cause; three shares from the keys file through u unseal it; the dependants recover; no share is left anywhere', async () => {
    const s = 'drill';
    const { root, state } = startShell(s, 100, 30);
    await until(s, (x) => x.includes('READY'), 'the shell');
    tmux.type(s, `${NODE} ${BIN} --demo --scenario vault-sealed`);
    let screen = await until(s, (x) => firstLine(x).includes('root cause: openbao/openbao: OpenBao sealed'), 'OpenBao sealed as the root cause in the top bar', 40_000);
    expect(firstLine(screen)).toContain('demo (vault-sealed)');
    expect(firstLine(screen)).toContain('FAILING');

    tmux.keys(s, '4');
    screen = await until(s, (x) => x.includes('4 Vault · Is OpenBao sealed?') && /^.*│ SEALED · 0\/3 key shares entered/m.test(x), 'rung 4 saying SEALED');
    expect(screen).toMatch(/openbao-0\s+sealed, 0\/3 shares/);
    expect(screen).toContain('BLOCKED ON IT');

    const keysFile = join(state, 'sunbeam-console', 'demo', 'unseal-keys');
    expect(statSync(keysFile).mode & 0o777).toBe(0o600);
    const shares = readFileSync(keysFile, 'utf8').trim().split('\n');
    expect(shares).toHaveLength(5);
    for (const share of shares) expect(Buffer.from(share, 'base64').toString('base64')).toBe(share);

    tmux.keys(s, 'u');
    await until(s, (x) => x.includes('Unseal OpenBao: key share 1 of 3') && x.includes('Unseal key share (hidden):') && x.includes('Enter confirm'), 'the hidden prompt of the first share');
    let lastShareAt = 0;
    for (const [i, share] of shares.slice(0, 3).entries()) {
      tmux.type(s, share, false);
      // Enter counts once the question is armed (the draw guard): its key line offers "Enter confirm" from then on.
      screen = await until(s, (x) => x.includes('> [hidden]') && x.includes('Enter confirm'), `share ${i + 1} typed (hidden), the prompt armed`);
      tmux.keys(s, 'Enter');
      if (i < 2) {
        screen = await until(s, (x) => x.includes(`Unseal OpenBao: key share ${i + 2} of 3`) && x.includes('Unseal key share (hidden):') && !x.includes('> [hidden]') && x.includes('Enter confirm'), `the dialog back for share ${i + 2}, ${i + 1} of 3 entered`);
        expect(screen).toContain(`Unseal OpenBao: key share ${i + 2} of 3`);
      } else {
        lastShareAt = Date.now();
        screen = await until(s, (x) => x.includes('Succeeded') && x.includes('openbao-0: unsealed'), 'the dialog saying openbao-0: unsealed');
      }
    }
    const rootCauseGone = await until(s, (x) => !firstLine(x).includes('openbao'), 'the top bar no longer naming OpenBao', 10_000);
    const clearedMs = Date.now() - lastShareAt;
    expect(firstLine(rootCauseGone)).not.toContain('openbao');

    tmux.keys(s, 'Escape');
    screen = await until(s, (x) => !x.includes('Succeeded') && /│ UNSEALED · OpenBao/.test(x), 'rung 4 saying UNSEALED');
    expect(screen).toMatch(/openbao-0\s+active/);
    expect(screen).toContain('HA: leader openbao-0');

    // Every dependent pod Ready: rung 1 counts them all ready and nothing on the top bar names OpenBao.
    screen = await until(
      s,
      (x) => {
        const ready = /(\d+)\/(\d+) pods ready/.exec(x);
        return !!ready && ready[1] === ready[2] && !firstLine(x).includes('openbao') && !firstLine(x).includes('FAILING');
      },
      'every pod Ready (rung 1: N/N pods ready) and no failing rung',
      60_000,
    );
    const readyMs = Date.now() - lastShareAt;
    console.log(`vault drill e2e: top bar off OpenBao ${clearedMs} ms after the last share; every dependent pod Ready after ${readyMs} ms (sim speed 1)`);
    expect(clearedMs).toBeLessThan(5000);

    tmux.keys(s, '2');
    screen = await until(s, (x) => x.includes("2 Check · What's unhealthy?"), 'the Check pane');
    expect(screen).not.toContain('blocked by openbao');
    expect(screen).not.toContain('OpenBao sealed');
    expect(screen).not.toMatch(/^.*│ FAIL /m);

    // Still running: every file the console and its simulator wrote is in place (the CA file under TMPDIR too).
    const written = files(root);
    expect(written).toContain(keysFile);
    const journalFiles = written.filter((f) => /\/journal-[^/]*\.jsonl$/.test(f));
    expect(journalFiles.length).toBeGreaterThan(0);
    for (const f of written.filter((x) => x !== keysFile)) {
      const text = readFileSync(f).toString('latin1');
      for (const share of shares) for (const form of forms(share)) expect(text.includes(form), `a share in ${f}`).toBe(false);
    }

    const journal = journalFiles
      .map((f) => readFileSync(f, 'utf8'))
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as JournalLine)
      .filter((e) => e.action === 'vault-unseal');
    const starts = journal.filter((e) => e.kind === 'action-start');
    const ends = journal.filter((e) => e.kind === 'action-end');
    expect(starts).toHaveLength(3);
    expect(ends).toHaveLength(3);
    for (const e of [...starts, ...ends]) expect(e.who).toBe(userInfo().username);
    for (const e of starts) expect(e.params).toEqual({ unsealKey: '***' });
    expect(ends.map((e) => e.outcome)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(ends.map((e) => e.message)).toEqual(['openbao-0: 1/3 shares (2 more to go)', 'openbao-0: 2/3 shares (1 more to go)', 'openbao-0: unsealed']);

    tmux.keys(s, 'q');
    await until(s, (x) => x.includes('READY') && !x.includes('1 Status'), 'the shell back', 15_000);
    await waitFor(() => tmux.paneState(s).command === 'bash', { timeoutMs: 15_000, intervalMs: 100, message: "the pane's shell back in the foreground" });
    screens.push(tmux.tmux('capture-pane', '-p', '-S', '-', '-E', '-', '-t', s));

    // The files again once it has stopped (the journal's last lines, anything written on the way out).
    for (const f of files(root).filter((x) => x !== keysFile)) {
      const text = readFileSync(f).toString('latin1');
      for (const share of shares) for (const form of forms(share)) expect(text.includes(form), `a share in ${f}`).toBe(false);
    }
    // And the file's own HOME and XDG directories (the tmux server's), in case anything strayed there.
    for (const dir of Object.values(isolatedEnv()))
      for (const f of files(dir)) {
        const text = readFileSync(f).toString('latin1');
        for (const share of shares) for (const form of forms(share)) expect(text.includes(form), `a share in ${f}`).toBe(false);
      }

    expect(screens.length).toBeGreaterThan(10);
    for (const [i, x] of screens.entries()) for (const share of shares) for (const form of forms(share)) expect(x.includes(form), `a share on captured screen ${i}:\n${x}`).toBe(false);
  }, 180_000);

  it('80x24: rung 4 pane and the u prompt fit', async () => {
    const s = 'small';
    startShell(s, 80, 24);
    await until(s, (x) => x.includes('READY'), 'the shell');
    tmux.type(s, `${NODE} ${BIN} --demo --scenario vault-sealed`);
    let screen = await until(s, (x) => firstLine(x).includes('root cause: openbao/openbao'), 'OpenBao as the root cause in the top bar', 40_000);
    const fits = (x: string) => {
      const lines = x.replace(/\n+$/, '').split('\n');
      expect(lines.length).toBeLessThanOrEqual(24);
      for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    };
    fits(screen);

    tmux.keys(s, '4');
    smallVault = await until(s, (x) => x.includes('4 Vault · Is OpenBao sealed?') && x.includes('BLOCKED ON IT'), 'rung 4 at 80x24');
    fits(smallVault);
    expect(smallVault).toMatch(/│ SEALED · 0\/3 key shares entered/);
    expect(smallVault).toMatch(/│ openbao-0\s+sealed, 0\/3 shares\s+2\.1\.0/);
    expect(smallVault).toContain('messages/messages: 2 pods crash-looping');
    // The ladder column and the key line stay whole.
    for (const rung of ['1 Status', '2 Check', '3 Logs', '4 Vault', '5 Data', '6 Alerts', '7 Errors']) expect(smallVault).toContain(rung);
    expect(smallVault).toContain('u unseal');

    tmux.keys(s, 'u');
    screen = await until(s, (x) => x.includes('Unseal key share (hidden):') && x.includes('Enter confirm'), 'the u prompt at 80x24');
    fits(screen);
    const lines = screen.split('\n');
    const top = lines.findIndex((l) => l.includes('╭'));
    const bottom = lines.findIndex((l) => l.includes('╰'));
    expect(top).toBeGreaterThanOrEqual(0);
    expect(bottom).toBeGreaterThan(top);
    // Every line of the box is closed on the right, on the same column: nothing spills out or wraps.
    const right = lines[top]!.lastIndexOf('╮');
    expect(right).toBeGreaterThan(0);
    for (const l of lines.slice(top + 1, bottom)) expect(l.lastIndexOf('│')).toBe(right);
    expect(lines[bottom]!.lastIndexOf('╯')).toBe(right);
    const box = lines.slice(top, bottom + 1).join('\n');
    expect(box).toContain('Unseal OpenBao: key share 1 of 3');
    expect(box).toContain('$ kubectl exec -n openbao -it openbao-0 -- bao operator unseal');
    expect(box).toMatch(/> █/);

    tmux.keys(s, 'Escape');
    await until(s, (x) => !x.includes('Unseal key share (hidden):') && x.includes('4 Vault · Is OpenBao sealed?'), 'the prompt cancelled');
    tmux.keys(s, 'q');
    await waitFor(() => tmux.paneState(s).command === 'bash', { timeoutMs: 15_000, intervalMs: 100, message: "the pane's shell back in the foreground" });
  }, 120_000);

  // Rung 4's replica table fits the pane at 80 columns (61 columns beside the ladder): its header and each row
  // stay on one line, so the columns line up.
  it('80x24: rung 4 replica table keeps each row on one line', () => {
    expect(smallVault).toMatch(/│ REPLICA\s+STATE\s+VERSION\s+LEADER\s+CHECKED/);
    expect(smallVault).toMatch(/│ openbao-0\s+sealed, 0\/3 shares\s+2\.1\.0\s+-\s+\S+ ago/);
  });
});
