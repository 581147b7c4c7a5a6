// Issue #8, "The screen shows what it has", in the real terminal (the built console in tmux against --demo):
// the key bar at 80, 120 and 200 columns, a terminal too small and back, the help overlay sized to the
// terminal with nothing of the table beside it at 120, the STATUS column in full at 200, and a note with wide
// characters and an emoji typed through the terminal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildConsole, NODE, ROOT } from './binary.js';
import { Tmux } from './tmux.js';

const CONSOLE = `${NODE} ${BIN}`;
const tmux = new Tmux(`sbc-screen-${process.pid}`);
let n = 0;

async function consoleIn(cols: number, rows: number, args = '--demo'): Promise<string> {
  const s = `s${++n}`;
  tmux.start(s, cols, rows);
  tmux.type(s, `cd ${ROOT} && clear && echo SHELL-BEFORE-CONSOLE`);
  await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE'), 'the shell');
  tmux.type(s, `${CONSOLE} ${args}`);
  await tmux.waitFor(s, (x) => x.includes('7 Errors') && x.includes('deploy/'), 'the populated status pane', 45_000);
  return s;
}

const lastLine = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

beforeAll(() => {
  buildConsole();
}, 120_000);

afterAll(() => tmux.kill());

describe('the screen in a real terminal', () => {
  it('the key bar says how many keys it left out at 80 and 120 columns, shows them all at 200; below 80x24 the console says so', async () => {
    const s = await consoleIn(80, 24);
    let screen = await tmux.waitFor(s, (x) => /^\? help \(\+\d+ more\)/.test(lastLine(x)), 'the bar at 80 columns');
    expect(lastLine(screen).length).toBeLessThanOrEqual(80);
    tmux.resize(s, 120, 40);
    screen = await tmux.waitFor(s, (x) => /^\? help \(\+\d+ more\).* : command/.test(lastLine(x)), 'the bar at 120 columns');
    tmux.resize(s, 200, 60);
    screen = await tmux.waitFor(s, (x) => /^\? help {2}q quit/.test(lastLine(x)) && lastLine(x).includes('e/! emergency'), 'the whole bar at 200 columns');
    expect(lastLine(screen)).not.toContain('more)');
    tmux.resize(s, 70, 20);
    screen = await tmux.waitFor(s, (x) => x.replace(/\s+/g, ' ').includes('Terminal 70x20 is too small: sunbeam-console needs 80x24.'), 'the too-small sentence');
    expect(screen).not.toContain('1 Status');
    tmux.resize(s, 80, 24);
    await tmux.waitFor(s, (x) => x.includes('1 Status') && x.includes('7 Errors') && !x.includes('too small'), 'the layout back at 80x24');
    tmux.keys(s, 'q');
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE') && !x.includes('1 Status'), 'the shell back');
  }, 90_000);

  it('at 120 columns the help overlay takes the width less a margin and nothing of the table shows beside it', async () => {
    const s = await consoleIn(120, 40);
    // The table reaches the right edge (its last column ends within a few cells of it).
    await tmux.waitFor(s, (x) => x.includes('deploy/') && x.split('\n').slice(3, -2).some((l) => l.length >= 108), 'the table out to the right edge');
    tmux.keys(s, '?');
    const screen = await tmux.waitFor(s, (x) => x.includes('Keys for the Status pane') && x.includes('╰'), 'the help overlay');
    const lines = screen.split('\n');
    const top = lines.findIndex((l) => l.includes('╭'));
    const bottom = lines.findIndex((l) => l.includes('╰'));
    expect(lines[top]!.trim().length).toBe(116);
    for (const l of lines.slice(top, bottom + 1)) {
      expect(l.slice(0, l.search(/[╭│╰]/)).trim(), l).toBe('');
      expect(l.slice(Math.max(l.lastIndexOf('╮'), l.lastIndexOf('│'), l.lastIndexOf('╯')) + 1).trim(), l).toBe('');
    }
    tmux.keys(s, 'q', 'q');
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE') && !x.includes('1 Status'), 'the shell back');
  }, 90_000);

  it('at 200 columns a healthy cluster reads "Cluster in healthy state" in full; a note keeps 日本語 and its emoji', async () => {
    const s = await consoleIn(200, 60);
    await tmux.waitFor(s, (x) => /cluster\/postgres\s+2\/2\s+Cluster in healthy state/.test(x), 'the whole STATUS of cluster/postgres');
    tmux.keys(s, 'n');
    await tmux.waitFor(s, (x) => x.includes('Note for the journal'), 'the note dialog');
    tmux.type(s, '日本語 note 🚀', false);
    await tmux.waitFor(s, (x) => x.includes('> 日本語 note 🚀█'), 'the note as typed');
    tmux.keys(s, 'Enter');
    await tmux.waitFor(s, (x) => !x.includes('Note for the journal'), 'the note added');
    tmux.keys(s, 't');
    await tmux.waitFor(s, (x) => /Note \([^)]*\): 日本語 note 🚀/.test(x), 'the note in the timeline, emoji and single spaces kept');
    tmux.keys(s, 'Escape');
    tmux.keys(s, 'q');
    await tmux.waitFor(s, (x) => x.includes('SHELL-BEFORE-CONSOLE') && !x.includes('1 Status'), 'the shell back');
  }, 90_000);
});
