// The console's start-up warnings (a config file that could not be read, a user runbook that did not load),
// shown once the screen is up. The settings themselves come from the one session (src/session).

/** Shows the warnings once (the flash line keeps the last; the first is the one that matters most). */
export function flashWarnings(store: { getState(): { actions: { flash(text: string, level: 'warn'): void } } }, setup: { warnings: string[] }): void {
  if (setup.warnings.length === 0) return;
  const [first, ...rest] = setup.warnings;
  store.getState().actions.flash(`${first}${rest.length ? ` (and ${rest.length} more)` : ''}`, 'warn');
  setup.warnings.length = 0;
}
