// Where the console keeps its state and reads its configuration. src/config (another module) owns the
// config file; these are the XDG locations computed here so that the journal works without it.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$XDG_STATE_HOME/sunbeam-console/` (default `~/.local/state/sunbeam-console/`). */
export function journalStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'sunbeam-console');
}

/** `$XDG_CONFIG_HOME/sunbeam-console/` (default `~/.config/sunbeam-console/`). */
export function consoleConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'sunbeam-console');
}
