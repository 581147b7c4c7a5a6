// The console drills' tmux harness: one tmux server per test file, each session the built console with its own
// HOME, XDG and TMPDIR under one temporary directory, and a wait for what the screen must show that fails with
// the screen it last saw. beforeAll/afterAll are the file's own (it calls setup() and teardown()).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../helpers/wait-for.js';
import { BIN, buildConsole, NODE } from './binary.js';
import { Tmux } from './tmux.js';

export class Drill {
  readonly tmux: Tmux;
  private work = '';

  constructor(readonly name: string) {
    this.tmux = new Tmux(`sbc-e2e-${name}-${process.pid}`);
  }

  setup(): void {
    this.work = mkdtempSync(join(tmpdir(), `sbc-e2e-${this.name}-`));
    buildConsole();
  }

  teardown(): void {
    this.tmux.kill();
    if (this.work) rmSync(this.work, { recursive: true, force: true });
  }

  /** Session `s` at cols x rows running `sunbeam-console ARGS`. */
  start(s: string, cols: number, rows: number, args: string): void {
    const root = join(this.work, s);
    const env: Record<string, string> = {};
    for (const [k, sub] of Object.entries({ HOME: 'home', XDG_CONFIG_HOME: 'config', XDG_STATE_HOME: 'state', XDG_CACHE_HOME: 'cache', TMPDIR: 'tmp' })) {
      env[k] = join(root, sub);
      mkdirSync(env[k], { recursive: true });
    }
    this.tmux.start(s, cols, rows, { ...env, HISTFILE: '/dev/null' });
    this.tmux.type(s, `cd ${root} && clear && ${NODE} ${BIN} ${args}`);
  }

  /** The screen once `test` holds; on a timeout the error carries the last screen. */
  async until(s: string, test: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
    let last = '';
    try {
      await waitFor(
        () => {
          last = this.tmux.screen(s);
          return test(last);
        },
        { timeoutMs, intervalMs: 100, message: what },
      );
    } catch (err) {
      throw new Error(`${(err as Error).message}; the screen was:\n${last}`);
    }
    return last;
  }
}
