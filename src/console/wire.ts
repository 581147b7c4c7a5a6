// The console's wiring, for the composition root: the journal (a separate demo/ directory under --demo, as
// the one-shot commands do, so drills never mix with the real journal), the runbooks (built-in plus the
// user's YAML ones), where :coe writes, the console context, and the subscriber that journals the ladder's
// rung changes. Returns the context (for the Ink app) and a stop.
import { join } from 'node:path';
import { stateDir } from '../config/index.js';
import { Journal } from '../journal/journal.js';
import { loadRunbooks } from '../runbooks/engine.js';
import type { AppStore } from '../store/index.js';
import { createConsoleContext } from './context.js';
import { journalRungChanges } from './rung-journal.js';
import type { ConsoleSetup } from './setup.js';
import type { ConsoleContext, EvaluateLadder } from './types.js';

export function wireConsole(store: AppStore, setup: ConsoleSetup, opts: { demo: boolean; evaluate: EvaluateLadder }): { console: ConsoleContext; stop(): void } {
  const base = setup.config?.journalDir ?? stateDir();
  const journal = new Journal({ dir: opts.demo ? join(base, 'demo') : base });
  const { runbooks, errors } = loadRunbooks();
  setup.warnings.push(...errors);
  const console = createConsoleContext({ store, journal, runbooks, evaluate: opts.evaluate, coeDir: setup.config?.coeDir ?? join(process.cwd(), 'docs', 'ops') });
  const stop = journalRungChanges(store, journal, opts.evaluate);
  return { console, stop };
}
