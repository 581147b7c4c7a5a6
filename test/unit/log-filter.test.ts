// The include / exclude / highlight regexes shared by the `logs` one-shot and the Logs pane: what they keep,
// what they mark, and one sentence for a bad one.
import { describe, expect, it } from 'vitest';
import { compileLogFilter } from '../../src/logs/filter.js';

const filter = (spec: Parameters<typeof compileLogFilter>[0]) => {
  const c = compileLogFilter(spec);
  if (!c.ok) throw new Error(c.error);
  return c.filter;
};

describe('log filters', () => {
  it('include keeps matching lines, exclude drops them, both together as stern does', () => {
    const f = filter({ include: 'error|warn', exclude: 'healthz' });
    expect(['GET /healthz error', 'db error', 'all fine', 'warn: slow'].filter((t) => f.keep(t))).toEqual(['db error', 'warn: slow']);
  });

  it('several include regexes (-i repeated) keep a line matching any one', () => {
    const f = filter({ include: ['^a', 'z$'] });
    expect(['ab', 'xz', 'mm'].filter((t) => f.keep(t))).toEqual(['ab', 'xz']);
  });

  it('no regex keeps every line and is not active; empty strings count as none', () => {
    const f = filter({ include: '', exclude: [], highlight: '' });
    expect(f.active).toBe(false);
    expect(f.keep('anything')).toBe(true);
  });

  it('(?i) ignores case, as in RE2', () => {
    expect(filter({ include: '(?i)error' }).keep('ERROR: boom')).toBe(true);
    expect(filter({ include: 'error' }).keep('ERROR: boom')).toBe(false);
  });

  it('highlights every match, overlapping ones merged, and is stable across calls (no lastIndex left over)', () => {
    const f = filter({ highlight: ['err', 'rror'] });
    expect(f.highlights('error and error')).toEqual([[0, 5], [10, 15]]);
    expect(f.highlights('error and error')).toEqual([[0, 5], [10, 15]]);
    expect(filter({ highlight: 'x*' }).highlights('abxxc')).toEqual([[2, 4]]);
  });

  it.each([
    [{ include: '(' }, 'The include regex "(" is not valid (unterminated group).'],
    [{ exclude: '[a' }, 'The exclude regex "[a" is not valid (unterminated character class).'],
    [{ highlight: 'a{2,1}' }, 'The highlight regex "a{2,1}" is not valid (numbers out of order in {} quantifier).'],
  ])('a bad regex is one sentence naming its role: %j', (spec, sentence) => {
    expect(compileLogFilter(spec)).toEqual({ ok: false, error: sentence });
  });
});
