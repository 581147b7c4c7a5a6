// Where a COE draft goes, one rule for :coe and `coe export`. A demo writes beside its own journal (the demo
// state directory), never into the directory the console was started from. A real run writes to the configured
// coeDir, else to docs/ops/ of the git repository holding the working directory (where the playbook keeps its
// COEs; found by looking for .git upwards, no git binary needed), else beside the journal in the state
// directory. Each answer says why it is there, for the sentence that says where the draft went.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface CoeDirInput {
  demo: boolean;
  /** The configured coeDir (relative to the working directory when not absolute). */
  coeDir?: string;
  /** The run's journal directory: the demo/ one under --demo. */
  journalDir: string;
  cwd: string;
}

export interface CoeTarget {
  /** An absolute directory. */
  dir: string;
  /** Why there, as a phrase: "the demo's state directory", "the configured coeDir"... */
  why: string;
}

/** The nearest directory from `from` upwards that has a .git (a directory, or a worktree's file); undefined outside a repository. */
export function gitRoot(from: string): string | undefined {
  for (let d = resolve(from); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

export function coeTarget(input: CoeDirInput): CoeTarget {
  if (input.demo) return { dir: resolve(input.journalDir, 'coe'), why: "the demo's state directory" };
  if (input.coeDir) return { dir: resolve(input.cwd, input.coeDir), why: 'the configured coeDir' };
  const root = gitRoot(input.cwd);
  if (root) return { dir: join(root, 'docs', 'ops'), why: `docs/ops/ of the git repository ${root}` };
  return { dir: resolve(input.journalDir, 'coe'), why: 'the state directory (no coeDir is configured and no git repository holds the working directory)' };
}
