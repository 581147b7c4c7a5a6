// The console's wiring, for the composition root: from the session's settings (its journal, a separate demo/
// directory under --demo, and its config), the runbooks (built-in plus the user's YAML ones, with the Box's
// names from the config), the log settings (rung 3's buffer and tail, rung 7's window and query), where :coe writes (src/journal/coe-dir.ts: a demo beside its own journal, never into
// the working directory), the console context, the subscriber that journals the ladder's rung changes and the one that
// gives rung 3 its health from its follow view.
// Returns the context (for the Ink app) and a stop.
import { coeTarget } from '../journal/coe-dir.js';
import { boxNames } from '../ladder/box-graph.js';
import { loadRunbooks } from '../runbooks/engine.js';
import type { SessionSettings } from '../session/index.js';
import type { AppStore } from '../store/index.js';
import { createConsoleContext } from './context.js';
import { trackFollowHealth } from './logs-health.js';
import { journalRungChanges } from './rung-journal.js';
import type { ConsoleContext, EvaluateLadder } from './types.js';

export function wireConsole(store: AppStore, settings: Pick<SessionSettings, 'config' | 'journal' | 'warnings' | 'demo'>, opts: { evaluate: EvaluateLadder }): { console: ConsoleContext; stop(): void } {
  const { journal, config } = settings;
  const { runbooks, errors } = loadRunbooks({ names: boxNames(config) });
  settings.warnings.push(...errors);
  const console = createConsoleContext({ store, journal, runbooks, evaluate: opts.evaluate, logSettings: config.logs, coeDir: coeTarget({ demo: settings.demo !== undefined, coeDir: config.coeDir, journalDir: journal.dir, cwd: process.cwd() }).dir });
  const stopJournal = journalRungChanges(store, journal, opts.evaluate);
  const stopHealth = trackFollowHealth(store);
  store.getState().actions.setLokiErrors({ query: config.logs.errorsQuery, windowMs: config.logs.errorsWindowMs });
  const stop = () => {
    stopJournal();
    stopHealth();
    console.logs?.stopAll();
  };
  return { console, stop };
}
