// Rungs 3 and 7 end to end: the built console in tmux against --demo, with its own HOME, XDG and TMPDIR.
// `:logs matrix/sol` follows the Sol Deployment and lines keep arriving; `l` on a pod row in Status follows that
// pod; in the sol-crashloop drill rung 7 lists matrix/sol's error lines from Loki, the ladder reports the burst,
// and Enter on an error line opens rung 3 on matrix/sol from just before it. At 80x24 the panes fit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Drill } from './drill.js';

const drill = new Drill('logs');
const { tmux } = drill;
const until = drill.until.bind(drill);
const start = drill.start.bind(drill);

beforeAll(() => drill.setup(), 120_000);
afterAll(() => drill.teardown());

/** The line count the Logs pane's status line gives ("1,234 lines"). */
const lineCount = (screen: string) => Number(/([\d,]+) lines/.exec(screen)?.[1]?.replace(/,/g, '') ?? NaN);

describe('logs e2e (tmux, --demo)', () => {
  it(':logs matrix/sol follows Sol live; l on a pod row follows that pod', async () => {
    const s = 'follow';
    start(s, 100, 30, '--demo');
    await until(s, (x) => x.includes('postgres-2'), 'the Status pane populated', 40_000);
    tmux.keys(s, ':');
    tmux.type(s, 'logs matrix/sol');
    let screen = await until(s, (x) => x.includes('3 Logs · What are the logs saying?') && /Deployment matrix\/sol \(\d pods?\)/.test(x) && /[1-9]\d* streaming/.test(x) && lineCount(x) > 0, 'rung 3 following matrix/sol, its history in');
    const first = lineCount(screen);
    expect(first).toBeGreaterThan(0);
    // Sol's history arrived; now a live line must follow (the simulated Sol writes every few seconds).
    screen = await until(s, (x) => lineCount(x) > first, 'a new line from Sol while following', 40_000);
    expect(screen).toMatch(/INFO +\S/);

    // In the Logs pane 1-6 pick time windows: Esc goes back to the rung before it (Status).
    tmux.keys(s, 'Escape');
    await until(s, (x) => x.includes("1 Status · What's actually running?"), 'back on rung 1');
    tmux.keys(s, '/');
    tmux.type(s, 'postgres-1');
    await until(s, (x) => /postgres-1\s/.test(x), 'the postgres-1 row');
    // The filter keeps the group, the cluster and the pod: move down to the pod row.
    for (let i = 0; i < 4; i++) tmux.keys(s, 'j');
    tmux.keys(s, 'l');
    screen = await until(s, (x) => x.includes('3 Logs') && /Pod data\/postgres-1|data\/postgres-1/.test(x.split('\n').slice(0, 3).join('\n')), 'rung 3 following the pod');
    await until(s, (x) => lineCount(x) > 0, 'the pod\'s lines');
    tmux.keys(s, 'q');
  }, 120_000);

  it('sol-crashloop: rung 7 shows matrix/sol\'s error lines from Loki, the ladder names the burst, Enter follows Sol from just before the line', async () => {
    const s = 'errors';
    start(s, 100, 30, '--demo --scenario sol-crashloop');
    await until(s, (x) => x.includes('postgres-1'), 'the Status pane populated', 40_000);
    tmux.keys(s, '7');
    let screen = await until(s, (x) => x.includes('7 Errors · Check recent logs across everything') && /matrix\/sol\s+\d+/.test(x) && /error lines in the last 15m/.test(x), 'rung 7 listing matrix/sol with its count', 40_000);
    expect(screen).toMatch(/▶7 Errors +warn/);
    tmux.keys(s, '2');
    screen = await until(s, (x) => /matrix\/sol/.test(x) && /error lines/i.test(x), 'the burst among the findings');
    tmux.keys(s, '7');
    await until(s, (x) => x.includes('7 Errors'), 'back on rung 7');
    tmux.keys(s, 'Enter');
    screen = await until(s, (x) => x.includes('3 Logs') && /matrix\/sol/.test(x) && /from \d\d:\d\d:\d\d/.test(x), 'rung 3 on matrix/sol from just before the error line');
    tmux.keys(s, 'q');
  }, 120_000);

  it('at 80x24 the Logs and Errors panes fit: title, status line and lines', async () => {
    const s = 'small';
    start(s, 80, 24, '--demo --scenario sol-crashloop');
    await until(s, (x) => x.includes('postgres-1'), 'the Status pane populated', 40_000);
    tmux.keys(s, ':');
    tmux.type(s, 'logs matrix/sol');
    let screen = await until(s, (x) => x.includes('3 Logs') && lineCount(x) > 0, 'rung 3 at 80x24');
    const lines = screen.replace(/\n+$/, '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    tmux.keys(s, '7');
    screen = await until(s, (x) => x.includes('7 Errors ·') && /matrix\/sol/.test(x), 'rung 7 at 80x24', 40_000);
    expect(screen.split('\n').every((l) => l.length <= 80)).toBe(true);
    tmux.keys(s, 'q');
  }, 120_000);
});
