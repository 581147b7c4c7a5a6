// The dialog registry is complete: every dialog kind has a component, a key handler, a key scope in the
// keymap and `:` commands that exist.
import { describe, expect, it } from 'vitest';
import { DIALOGS } from '../../screens/modals/registry.js';
import { findCommand } from '../../src/commands/index.js';
import { DIALOG_KEYS } from '../../src/console/dialog-keys.js';
import { DIALOG_SCOPES } from '../../src/keymap/index.js';

describe('dialog registry', () => {
  it('pairs every kind with its component, handler, scope and commands', () => {
    expect(Object.keys(DIALOGS).sort()).toEqual(Object.keys(DIALOG_KEYS).sort());
    for (const [kind, entry] of Object.entries(DIALOGS)) {
      expect(entry.Component, kind).toBeTypeOf('function');
      expect(entry.onKey).toBe(DIALOG_KEYS[kind as keyof typeof DIALOG_KEYS]);
      if (entry.scope !== 'by-step' && entry.scope !== 'help') expect(DIALOG_SCOPES).toContain(entry.scope);
      for (const c of entry.commands) expect(findCommand(c)?.name, `${kind}: :${c}`).toBe(c);
    }
  });
});
