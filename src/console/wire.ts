// The console's wiring, for the composition root: from the session's settings (its journal, a separate demo/
// directory under --demo, and its config), the runbooks (built-in plus the user's YAML ones, with the Box's
// names from the config), where :coe writes (src/journal/coe-dir.ts: a demo beside its own journal, never into
// the working directory), the console context, and the subscriber that journals the ladder's rung changes.
// Returns the context (for the Ink app) and a stop.
import { coeTarget } from '../journal/coe-dir.js';
import { boxNames } from '../ladder/box-graph.js';
import { loadRunbooks } from '../runbooks/engine.js';
import type { SessionSettings } from '../session/index.js';
import type { AppStore } from '../store/index.js';
import { createConsoleContext } from './context.js';
import { journalRungChanges } from './rung-journal.js';
import type { ConsoleContext, EvaluateLadder } from './types.js';

export function wireConsole(store: AppStore, settings: Pick<SessionSettings, 'config' | 'journal' | 'warnings' | 'demo'>, opts: { evaluate: EvaluateLadder }): { console: ConsoleContext; stop(): void } {
  const { journal, config } = settings;
  const { runbooks, errors } = loadRunbooks({ names: boxNames(config) });
  settings.warnings.push(...errors);
  const console = createConsoleContext({ store, journal, runbooks, evaluate: opts.evaluate, coeDir: coeTarget({ demo: settings.demo !== undefined, coeDir: config.coeDir, journalDir: journal.dir, cwd: process.cwd() }).dir });
  const stop = journalRungChanges(store, journal, opts.evaluate);
  return { console, stop };
}
