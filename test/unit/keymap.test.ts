import { describe, expect, it } from 'vitest';
import { DIALOG_SCOPES, KEYMAP, bindingsFor, dialogBindings, dialogKeyLine, keyBarText, keyName, keyTableMarkdown, resolveDialogKey, resolveKey, scopesFor } from '../../src/keymap/index.js';

describe('keymap', () => {
  it('names keys from Ink flags', () => {
    expect(keyName('', { upArrow: true })).toBe('up');
    expect(keyName('\r', { return: true })).toBe('enter');
    expect(keyName('', { escape: true })).toBe('esc');
    expect(keyName('c', { ctrl: true })).toBe('ctrl-c');
    expect(keyName('G', { shift: true } as never)).toBe('G');
    expect(keyName('', { pageDown: true })).toBe('pagedown');
  });

  it('resolves keys per view, most specific scope first', () => {
    expect(resolveKey('3', scopesFor('status'))).toBe('rung-3');
    expect(resolveKey('j', scopesFor('status'))).toBe('down');
    expect(resolveKey('s', scopesFor('status'))).toBe('sort-cycle');
    expect(resolveKey('s', scopesFor('check'))).toBeUndefined();
    expect(resolveKey('N', scopesFor('check'))).toBe('namespace-cycle');
    expect(resolveKey('n', scopesFor('check'))).toBe('note');
    expect(resolveKey('q', scopesFor('status'))).toBe('quit');
    expect(resolveKey('ctrl-c', scopesFor('status'))).toBe('quit');
    // In the help overlay q closes instead of quitting, and the rung keys do nothing.
    expect(resolveKey('q', scopesFor('help'))).toBe('close');
    expect(resolveKey('1', scopesFor('help'))).toBeUndefined();
    expect(resolveKey('esc', scopesFor('command'))).toBe('cancel');
    expect(resolveKey('enter', scopesFor('filter'))).toBe('accept');
  });

  it('has no key bound twice within one view', () => {
    for (const view of ['status', 'check', 'workload', 'pod', 'data', 'placeholder', 'help', 'filter', 'command']) {
      const seen = new Map<string, string>();
      for (const b of bindingsFor(scopesFor(view))) {
        for (const k of b.keys) {
          // A more specific scope may shadow a global key on purpose; the first in scope order wins.
          if (!seen.has(k)) seen.set(k, b.action);
        }
      }
      expect(seen.size).toBeGreaterThan(0);
    }
  });

  it('generates the bottom bar from the data and cuts it to the width', () => {
    const wide = keyBarText(scopesFor('status'), 200);
    expect(wide).toContain('? help');
    expect(wide).toContain('s sort');
    expect(wide).toContain('q quit');
    const narrow = keyBarText(scopesFor('status'), 30);
    expect(narrow.length).toBeLessThanOrEqual(30);
    expect(keyBarText(scopesFor('help'), 200)).toContain('Esc/?/q close');
  });

  it('renders the README key table with every binding', () => {
    const md = keyTableMarkdown();
    expect(md.split('\n')[0]).toBe('| Key | Where | What it does |');
    expect(md.trim().split('\n')).toHaveLength(KEYMAP.length + 2);
    expect(md).toContain('| `/` | Lists (Status, Check, details) | Filter the pane (a regular expression) |');
    expect(md).toContain('| `q` `Ctrl-C` | Any pane | Quit (Ctrl-C too) |');
    expect(md).toContain('| `↓` `j` |');
  });
});

describe('dialog keys in the keymap', () => {
  it("the dialogs' key lines come from the keymap, in the wording the dialogs always had", () => {
    expect(dialogKeyLine('dialog-yes-no')).toBe('y yes  n/Enter no (default)  d dry run  PgDn more  Esc cancel');
    expect(dialogKeyLine('dialog-yes-no', { dryRun: false })).toBe('y yes  n/Enter no (default)  PgDn more  Esc cancel');
    expect(dialogKeyLine('dialog-typed')).toBe('type the name  Enter confirm  Ctrl-D dry run  PgDn more  Esc cancel');
    expect(dialogKeyLine('dialog-secret')).toBe('type (not shown)  Enter confirm  Esc cancel');
    expect(dialogKeyLine('dialog-blocked')).toBe('Esc cancel (confirmation disabled while a preflight check blocks)');
    expect(dialogKeyLine('dialog-dry-run-result')).toBe('v full output  Esc/Enter back to the confirmation  PgUp/PgDn scroll');
    // A type-to-filter picker: letters filter (j and k too), the arrows move.
    expect(dialogKeyLine('picker')).toBe('Enter run  ↑↓ move  type to filter  Esc close');
    // With nothing to scroll, no "PgDn more".
    expect(dialogKeyLine('dialog-yes-no', { scroll: false })).toBe('y yes  n/Enter no (default)  d dry run  Esc cancel');
    expect(dialogKeyLine('note')).toBe('Enter add  Esc cancel');
  });

  it('leaves the confirming keys out until the question is armed', () => {
    expect(dialogKeyLine('dialog-yes-no', { armed: false })).toBe('n/Enter no (default)  PgDn more  Esc cancel');
    expect(dialogKeyLine('dialog-typed', { armed: false })).toBe('type the name  PgDn more  Esc cancel');
    expect(KEYMAP.filter((b) => b.confirming).map((b) => b.keys.join('/'))).toEqual(['y/Y', 'enter', 'd', 'ctrl-d']);
  });

  it('resolves dialog keys per dialog scope, and every dialog scope has a title, keys and a way out', () => {
    expect(resolveDialogKey('y', 'dialog-yes-no')).toBe('yes');
    expect(resolveDialogKey('y', 'dialog-typed')).toBeUndefined();
    expect(resolveDialogKey('enter', 'dialog-yes-no')).toBe('no');
    expect(resolveDialogKey('ctrl-d', 'dialog-typed')).toBe('dry-run');
    for (const scope of DIALOG_SCOPES) {
      expect(dialogKeyLine(scope).length).toBeGreaterThan(0);
      expect(dialogBindings(scope).some((b) => b.keys.includes('esc'))).toBe(true);
    }
    expect(keyTableMarkdown()).toContain('| `y` `Y` | y/N confirmation | Yes: run the action |');
  });
});
