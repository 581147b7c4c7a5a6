import { describe, expect, it } from 'vitest';
import { KEYMAP, bindingsFor, keyBarText, keyName, keyTableMarkdown, resolveKey, scopesFor } from '../../src/keymap/index.js';

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
