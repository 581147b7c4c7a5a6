// Where a COE draft goes (src/journal/coe-dir.ts), and that the console's wiring uses it: a demo beside its
// own journal whatever the configuration and working directory; a real run in the configured coeDir, else in
// docs/ops/ of the git repository holding the working directory, else beside the journal.
import { DEFAULT_LOG_SETTINGS } from '../../src/config/index.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wireConsole } from '../../src/console/wire.js';
import { coeTarget, gitRoot } from '../../src/journal/coe-dir.js';
import { Journal } from '../../src/journal/journal.js';
import { createAppStore } from '../../src/store/index.js';

/** A git repository (with a nested folder) and a folder outside any repository, under a fresh temporary root. */
function places(): { repo: string; nested: string; outside: string; state: string } {
  const root = mkdtempSync(join(tmpdir(), 'sc-coe-dir-'));
  const repo = join(root, 'repo');
  const nested = join(repo, 'src', 'deep');
  const outside = join(root, 'elsewhere');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(nested, { recursive: true });
  mkdirSync(outside);
  return { repo, nested, outside, state: join(root, 'state', 'sunbeam-console') };
}

describe('where a COE draft goes', () => {
  it('a demo writes beside its own journal, even with a coeDir and inside a git repository', () => {
    const p = places();
    const journalDir = join(p.state, 'demo');
    expect(coeTarget({ demo: true, coeDir: '/srv/coes', journalDir, cwd: p.nested })).toEqual({ dir: join(journalDir, 'coe'), why: "the demo's state directory" });
  });

  it('a real run: the configured coeDir (relative to the working directory), else the repository, else the state directory', () => {
    const p = places();
    expect(coeTarget({ demo: false, coeDir: '/srv/coes', journalDir: p.state, cwd: p.nested }).dir).toBe('/srv/coes');
    expect(coeTarget({ demo: false, coeDir: 'notes', journalDir: p.state, cwd: p.outside })).toEqual({ dir: join(p.outside, 'notes'), why: 'the configured coeDir' });
    expect(coeTarget({ demo: false, journalDir: p.state, cwd: p.nested })).toEqual({ dir: join(p.repo, 'docs', 'ops'), why: `docs/ops/ of the git repository ${p.repo}` });
    const none = coeTarget({ demo: false, journalDir: p.state, cwd: p.outside });
    expect(none.dir).toBe(join(p.state, 'coe'));
    expect(none.why).toMatch(/^the state directory \(no coeDir is configured and no git repository/);
  });

  it('finds .git upwards, as a directory or as a worktree\'s file, and nothing outside a repository', () => {
    const p = places();
    expect(gitRoot(p.nested)).toBe(p.repo);
    expect(gitRoot(p.outside)).toBeUndefined();
    const worktree = join(p.outside, 'wt');
    mkdirSync(join(worktree, 'a'), { recursive: true });
    writeFileSync(join(worktree, '.git'), 'gitdir: /somewhere/else\n');
    expect(gitRoot(join(worktree, 'a'))).toBe(worktree);
  });

  it('the console wired for --demo gives :coe the demo journal\'s coe/ directory, not the working directory', () => {
    const p = places();
    const journal = new Journal({ dir: join(p.state, 'demo') });
    const settings = { config: { readOnly: false, journalDir: p.state, coeDir: '/srv/coes', logs: DEFAULT_LOG_SETTINGS, backends: {} }, journal, warnings: [], demo: 'healthy' };
    const demo = wireConsole(createAppStore({ readOnly: false }), settings, { evaluate: () => undefined as never });
    demo.stop();
    expect(demo.console.coeDir).toBe(join(p.state, 'demo', 'coe'));
    const real = wireConsole(createAppStore({ readOnly: false }), { ...settings, journal: new Journal({ dir: p.state }), demo: undefined }, { evaluate: () => undefined as never });
    real.stop();
    expect(real.console.coeDir).toBe('/srv/coes');
  });
});
