// Runbooks end to end: the built console in tmux against --demo (the simulated Box in-process), with its own
// XDG_STATE_HOME and working directory: :restart matrix/sol → the y/N dialog → y → the sol pod is replaced on
// screen, the journal under XDG_STATE_HOME holds it, the timeline shows it, and :coe writes the draft in the
// playbook's format beside the demo's journal, not into the working directory (a git repository here).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildConsole, NODE } from './binary.js';
import { Tmux } from './tmux.js';

const tmux = new Tmux(`sbc-e2e-rb-${process.pid}`);
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sbc-e2e-rb-'));
  buildConsole();
}, 120_000);

afterAll(() => {
  tmux.kill();
  rmSync(work, { recursive: true, force: true });
});

const SOL_POD = /\bsol-[a-z0-9]{6,10}-[a-z0-9]{5}\b/;

function command(s: string, text: string): void {
  tmux.keys(s, ':');
  tmux.type(s, text, false);
  tmux.keys(s, 'Enter');
}

describe('runbooks e2e (tmux, --demo)', () => {
  it(':restart matrix/sol replaces the pod, journals it, and :coe writes the draft', async () => {
    const s = 'rb';
    const state = join(work, 'state');
    tmux.start(s, 100, 30, { XDG_STATE_HOME: state, XDG_CONFIG_HOME: join(work, 'config') });
    mkdirSync(join(work, '.git'));
    tmux.type(s, `cd ${work} && clear && echo READY`);
    await tmux.waitFor(s, (x) => x.includes('READY'), 'the shell');
    tmux.type(s, `${NODE} ${BIN} --demo`);
    await tmux.waitFor(s, (x) => x.includes('postgres-1'), 'the populated status pane', 30_000);

    command(s, 'status matrix');
    let screen = await tmux.waitFor(s, (x) => SOL_POD.test(x), 'the sol pod');
    const before = SOL_POD.exec(screen)![0];

    command(s, 'restart matrix/sol');
    // y counts once the question has been on screen a moment: its key line shows "y yes" from then on.
    screen = await tmux.waitFor(s, (x) => x.includes('Restart matrix/sol? [y/N]') && x.includes('y yes'), 'the y/N dialog, armed');
    expect(screen).toContain('Target: Deployment matrix/sol');
    expect(screen).toContain('Tier:   change');
    expect(screen).toContain('kubectl -n matrix rollout restart deployment/sol');
    tmux.keys(s, 'y');
    screen = await tmux.waitFor(s, (x) => x.includes('Succeeded'), 'the verification succeeding', 60_000);
    expect(screen).toContain('matrix/sol restarted');
    tmux.keys(s, 'Escape');
    screen = await tmux.waitFor(s, (x) => !x.includes('Succeeded') && SOL_POD.test(x) && !x.includes(before), 'a new sol pod on screen', 30_000);
    expect(SOL_POD.exec(screen)![0]).not.toBe(before);

    const dir = join(state, 'sunbeam-console', 'demo');
    const journal = readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('');
    const ends = journal
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; target?: string; outcome?: string; dryRun?: boolean })
      .filter((e) => e.kind === 'action-end');
    expect(ends).toContainEqual(expect.objectContaining({ target: 'Deployment matrix/sol', outcome: 'succeeded', dryRun: false }));

    tmux.keys(s, 't');
    await tmux.waitFor(s, (x) => x.includes('Timeline') && x.includes('Restart matrix/sol succeeded'), 'the timeline with the restart');
    tmux.keys(s, 'Escape');
    await tmux.waitFor(s, (x) => !x.includes('Timeline'), 'the timeline closed');

    command(s, 'coe');
    screen = await tmux.waitFor(s, (x) => x.includes('Wrote the COE draft'), 'the COE flash');
    const coeDir = join(dir, 'coe');
    // A flash longer than the terminal wraps (issue #8: never cut where there is room): read it across its rows.
    expect(screen.replace(/\s*\n/g, ' ')).toContain(`Wrote the COE draft ${coeDir}/COE-`);
    expect(existsSync(join(work, 'docs'))).toBe(false);
    const files = readdirSync(coeDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^COE-\d{4}-\d{3}-.*\.md$/);
    const coe = readFileSync(join(coeDir, files[0]!), 'utf8');
    expect(coe).toMatch(/^# COE-\d{4}-\d{3}: /m);
    for (const h of ['**Date:**', '**Duration:**', '**Severity:**', '**Author:**', '## Summary', '## Timeline', '## Root Cause', '## Resolution', '## Lessons Learned', '## Action Items']) {
      expect(coe).toContain(h);
    }
    expect(coe).toContain('matrix/sol');

    tmux.keys(s, 'q');
    await tmux.waitFor(s, (x) => !x.includes('1 Status'), 'the console gone');
  }, 150_000);
});
