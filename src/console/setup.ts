// The console's ConsoleOps from the configuration: read-only (flag, environment or config file), the journal
// (a separate demo/ directory under --demo, as the one-shot commands do, so drills never mix with the real
// journal), the runbooks (built-in plus the user's YAML ones) and where :coe writes.
import { join } from 'node:path';
import { ConfigError, loadConfig, stateDir, type ConsoleConfig } from '../config/index.js';
import { Journal } from '../journal/journal.js';
import { loadRunbooks } from '../runbooks/engine.js';
import type { AppStore } from '../store/index.js';
import { ConsoleOps } from './console-ops.js';
import { attachOps } from './ops-registry.js';

export interface OpsSetup {
  readOnly: boolean;
  /** One sentence each: a bad config file, a user runbook that did not load (file and field). */
  warnings: string[];
  config?: ConsoleConfig;
}

export function prepareOps(opts: { readOnly: boolean }): OpsSetup {
  try {
    const config = loadConfig({ flags: { readOnly: opts.readOnly ? true : undefined } });
    return { readOnly: config.readOnly, warnings: [], config };
  } catch (err) {
    const msg = err instanceof ConfigError ? err.message : (err as Error).message.split('\n')[0]!;
    // Fail safe: a config we cannot read may have said readOnly: true, so nothing above read runs until it is fixed.
    return { readOnly: true, warnings: [`${msg} (read-only until the config is fixed)`] };
  }
}

export function attachConsoleOps(store: AppStore, setup: OpsSetup, opts: { demo: boolean }): ConsoleOps {
  const base = setup.config?.journalDir ?? stateDir();
  const journal = new Journal({ dir: opts.demo ? join(base, 'demo') : base });
  const { runbooks, errors } = loadRunbooks();
  setup.warnings.push(...errors);
  const ops = new ConsoleOps({ store, journal, runbooks, coeDir: setup.config?.coeDir ?? join(process.cwd(), 'docs', 'ops') });
  attachOps(store.getState(), ops);
  return ops;
}

/** Shows the setup's warnings once (the flash line keeps the last; the first is the one that matters most). */
export function flashWarnings(store: AppStore, setup: OpsSetup): void {
  if (setup.warnings.length === 0) return;
  const [first, ...rest] = setup.warnings;
  store.getState().actions.flash(`${first}${rest.length ? ` (and ${rest.length} more)` : ''}`, 'warn');
  setup.warnings.length = 0;
}
