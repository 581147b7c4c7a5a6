// A tmux harness for end-to-end tests: one private server (-L socket) per test file, a shell in each session,
// commands typed into it, the screen read with capture-pane and polled until a condition holds. Each session gets
// the test file's temporary HOME and XDG directories explicitly (its shell is a fresh one, started by the tmux
// server), so a console started in it never writes into the user's real state or config.
import { execFileSync } from 'node:child_process';
import { isolatedEnv } from '../helpers/real-dirs.js';
import { waitFor } from '../helpers/wait-for.js';

export class Tmux {
  constructor(readonly socket: string) {}

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** A new detached session running a plain shell, sized cols x rows, with the test's HOME and XDG directories (`env` wins). */
  start(session: string, cols: number, rows: number, env: Record<string, string> = {}): void {
    const envArgs = Object.entries({ ...isolatedEnv(), ...env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    this.tmux('new-session', '-d', '-s', session, '-x', String(cols), '-y', String(rows), ...envArgs, 'env -u CI -u CONTINUOUS_INTEGRATION PS1="$ " bash --norc --noprofile');
    this.tmux('set-option', '-t', session, 'window-size', 'manual');
  }

  type(session: string, text: string, enter = true): void {
    this.tmux('send-keys', '-t', session, '-l', text);
    if (enter) this.tmux('send-keys', '-t', session, 'Enter');
  }

  /** Sends tmux key names: 'Escape', 'Enter', 'C-c', 'Down', '?'... */
  keys(session: string, ...keys: string[]): void {
    this.tmux('send-keys', '-t', session, ...keys);
  }

  screen(session: string): string {
    return this.tmux('capture-pane', '-p', '-t', session);
  }

  /** The screen with its SGR escapes (capture-pane -e): shows where the cursor's inverse-video row is. */
  styledScreen(session: string): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', session);
  }

  resize(session: string, cols: number, rows: number): void {
    this.tmux('resize-window', '-t', session, '-x', String(cols), '-y', String(rows));
  }

  paneState(session: string): { dead: boolean; command: string } {
    const [dead, command] = this.tmux('list-panes', '-t', session, '-F', '#{pane_dead} #{pane_current_command}').trim().split(' ');
    return { dead: dead === '1', command: command ?? '' };
  }

  /** The one waitFor on a pane's text: returns the screen that passed, or fails showing the last screen. */
  async waitFor(session: string, test: (screen: string) => boolean, what: string, timeoutMs = 20_000, styled = false): Promise<string> {
    let last = '';
    try {
      await waitFor(
        () => {
          last = styled ? this.styledScreen(session) : this.screen(session);
          return test(last);
        },
        { timeoutMs, intervalMs: 100, message: what },
      );
    } catch (err) {
      throw new Error(`${(err as Error).message}; the screen was:\n${last}`);
    }
    return last;
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}
