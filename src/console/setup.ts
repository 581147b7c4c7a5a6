// The console's setup from the configuration: read-only (flag, environment or config file), fail-safe on a
// config that cannot be read, and the warnings to show once the screen is up.
import { ConfigError, loadConfig, type ConsoleConfig } from '../config/index.js';
import type { AppStore } from '../store/index.js';

export interface ConsoleSetup {
  readOnly: boolean;
  /** One sentence each: a bad config file, a user runbook that did not load (file and field). */
  warnings: string[];
  config?: ConsoleConfig;
}

export function prepareConsoleSetup(opts: { readOnly: boolean }): ConsoleSetup {
  try {
    const config = loadConfig({ flags: { readOnly: opts.readOnly ? true : undefined } });
    return { readOnly: config.readOnly, warnings: [], config };
  } catch (err) {
    const msg = err instanceof ConfigError ? err.message : (err as Error).message.split('\n')[0]!;
    // Fail safe: a config we cannot read may have said readOnly: true, so nothing above read runs until it is fixed.
    return { readOnly: true, warnings: [`${msg} (read-only until the config is fixed)`] };
  }
}

/** Shows the setup's warnings once (the flash line keeps the last; the first is the one that matters most). */
export function flashWarnings(store: AppStore, setup: ConsoleSetup): void {
  if (setup.warnings.length === 0) return;
  const [first, ...rest] = setup.warnings;
  store.getState().actions.flash(`${first}${rest.length ? ` (and ${rest.length} more)` : ''}`, 'warn');
  setup.warnings.length = 0;
}
