// Issue #8's pure layout functions: columns that grow to their content, the key bar by priority, sorting in
// both directions, folding namespaces, and the type-to-filter picker's keys.
import { describe, expect, it } from 'vitest';
import { KEYMAP, dialogKeyLine, keyBarText, resolveDialogKey, scopesFor, typesText } from '../../src/keymap/index.js';
import { buildStatusRows, contentWidths, fitColumns, fitColumnsPreferring, nextSort, parseSort, reverseSort, withoutLast } from '../../src/views/index.js';
import { boxStore } from '../screens/fixtures.js';

const COLS = [
  { id: 'name', header: 'NAME', width: 24, priority: 0, flex: true },
  { id: 'ready', header: 'READY', width: 5, priority: 2, max: 9 },
  { id: 'status', header: 'STATUS', width: 16, priority: 1, max: 48 },
  { id: 'restarts', header: 'RESTARTS', width: 8, priority: 3, align: 'right' as const, max: 10 },
  { id: 'age', header: 'AGE', width: 6, priority: 4, align: 'right' as const },
  { id: 'node', header: 'NODE', width: 12, priority: 5, max: 40 },
];

describe('columns that use the width they have', () => {
  it('grows STATUS to its longest cell when there is room, instead of keeping it 16 wide', () => {
    const wanted = contentWidths([{ cells: { status: 'Cluster in healthy state', node: 'sunbeam-1' } }], ['status', 'node']);
    expect(wanted).toEqual({ status: 24, node: 9 });
    const fitted = fitColumns(COLS, 150, wanted);
    expect(fitted.find((c) => c.id === 'status')!.size).toBe(24);
    // The name (flexible) takes what is left.
    expect(fitted.reduce((n, c) => n + c.size, 0) + fitted.length - 1).toBe(150);
    // Dropping an optional column (NODE) before cutting an essential one.
    const tight = fitColumnsPreferring(COLS, 96, 40, 4, wanted);
    expect(tight.find((c) => c.id === 'status')!.size).toBeGreaterThanOrEqual(24);
  });

  it('never cuts a header, with the cell of its sort mark (RESTARTS▾, not RESTART…)', () => {
    for (const width of [59, 80, 120]) {
      for (const c of fitColumns(COLS, width)) expect(c.size, `${c.id} at ${width}`).toBeGreaterThanOrEqual(c.header.length + 1);
    }
    // At 80 columns the Status pane (59 wide) still has its four essential columns.
    expect(fitColumns(COLS, 59).map((c) => c.id)).toEqual(['name', 'ready', 'status', 'restarts']);
  });
});

describe('the key bar by priority', () => {
  it('declares a priority for every bar key in the keymap data', () => {
    for (const b of KEYMAP.filter((k) => k.bar !== undefined)) expect(Number.isInteger(b.bar) && b.bar! > 0, b.action).toBe(true);
    expect(KEYMAP.find((k) => k.action === 'help')!.bar).toBe(1);
  });

  it('shows what fits, `? help` always first, and says how many keys it left out', () => {
    for (const width of [40, 60, 80, 120]) {
      const bar = keyBarText(scopesFor('status'), width);
      expect(bar.length, `at ${width}`).toBeLessThanOrEqual(width);
      expect(bar, `at ${width}`).toMatch(/^\? help \(\+\d+ more\)/);
    }
    const full = keyBarText(scopesFor('status'), 300);
    expect(full).toMatch(/^\? help {2}q quit {2}1-7 rungs {2}Enter open/);
    expect(full).not.toContain('more)');
    expect(full).toContain('S reverse');
    // Higher priority first: what fits at 80 is the start of what fits at 300.
    const at80 = keyBarText(scopesFor('status'), 80).replace(/ \(\+\d+ more\)/, '');
    expect(full.startsWith(at80)).toBe(true);
    expect(keyBarText(scopesFor('check'), 300)).toContain('v full text');
    expect(keyBarText(scopesFor('help'), 8)).toBe('');
  });
});

describe('sorting both ways, and folding', () => {
  it('S reverses the sort column, s goes to the next column in its natural order', () => {
    expect(reverseSort(undefined)).toBe('-name');
    expect(reverseSort('-restarts')).toBe('restarts');
    expect(parseSort('-restarts')).toEqual({ column: 'restarts', reversed: true });
    expect(nextSort('-restarts')).toBe('age');
    const names = (sort: string) =>
      buildStatusRows(boxStore().getState().kube, { namespace: 'data', sort })
        .filter((r) => r.kind === 'pod')
        .map((r) => r.name);
    expect(names('restarts')).toEqual(['postgres-1', 'postgres-2', 'barman-0']);
    expect(names('-restarts')).toEqual(['barman-0', 'postgres-2', 'postgres-1']);
  });

  it('a folded namespace keeps only its header row, marked as folded', () => {
    const kube = boxStore().getState().kube;
    const rows = buildStatusRows(kube, { folded: new Set(['data']) });
    expect(rows.find((r) => r.id === 'group:data')).toMatchObject({ folded: true });
    expect(rows.some((r) => r.namespace === 'data' && r.kind !== 'group')).toBe(false);
    expect(rows.some((r) => r.namespace === 'messages' && r.kind === 'pod')).toBe(true);
  });
});

describe('typed text', () => {
  it('an emoji is one typed character, and Backspace erases it whole', () => {
    expect(typesText('🚀')).toBe(true);
    expect(typesText('日')).toBe(true);
    expect(typesText('ab')).toBe(false);
    expect(typesText('\u0003')).toBe(false);
    expect(withoutLast('note 🚀')).toBe('note ');
    expect(withoutLast('👩‍💻')).toBe('');
  });

  it('in the type-to-filter picker letters are text (j and k too), the arrows move', () => {
    for (const letter of ['j', 'k', 'g', 'G']) expect(resolveDialogKey(letter, 'picker'), letter).toBeUndefined();
    expect(resolveDialogKey('down', 'picker')).toBe('move');
    expect(dialogKeyLine('picker')).not.toContain('j/k');
    // The emergency table and the certificates take no text: j/k move there.
    expect(resolveDialogKey('j', 'emergency')).toBe('move');
  });
});
