// The user's own directories that no test may write into, and the variables that point a run elsewhere.
// test/helpers/isolated-dirs.ts (vitest's setupFiles) gives every test file fresh temporary ones and checks
// these with a listing before and after; test/e2e/tmux.ts passes the temporary ones to the consoles it starts.
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** What each test file gets its own temporary copy of (HOME too: ~ in a path, ~/.kube and anything else under it). */
export const ISOLATED_VARS = ['HOME', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME'] as const;

/** The isolated variables as they are now (the temporary ones once the setup file has run). */
export function isolatedEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ISOLATED_VARS) if (env[k]) out[k] = env[k];
  return out;
}

/** The console's real state and config directories, and the repository's docs/ops/, from the environment the run started with. */
export function realDirs(env: NodeJS.ProcessEnv, cwd: string): string[] {
  const home = env.HOME || homedir();
  const xdg = (name: string, fallback: string[]) => (env[name] && isAbsolute(env[name]) ? env[name] : join(home, ...fallback));
  return [join(xdg('XDG_STATE_HOME', ['.local', 'state']), 'sunbeam-console'), join(xdg('XDG_CONFIG_HOME', ['.config']), 'sunbeam-console'), join(cwd, 'docs', 'ops')];
}

/** Every file and directory under `dir` with its size and mtime (an absent directory lists as absent). */
export function listing(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    let names: string[];
    try {
      const st = statSync(d);
      out.set(d, `${st.isDirectory() ? 'dir' : 'file'} ${st.size} ${st.mtimeMs}`);
      if (!st.isDirectory()) return;
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) walk(join(d, n));
  };
  walk(dir);
  if (out.size === 0) out.set(dir, 'absent');
  return out;
}

/** The paths that were added, removed or changed between two listings. */
export function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}
