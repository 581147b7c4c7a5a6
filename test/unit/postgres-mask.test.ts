// A query's text on screen never shows a literal (src/sources/postgres/mask.ts): ALTER ROLE ... PASSWORD '...'
// shows as PASSWORD '?'.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskLiterals, maskQuery, QUERY_SHOWN } from '../../src/sources/postgres/mask.js';

describe('query masking', () => {
  it('masks a password literal and keeps numbers', () => {
    expect(maskQuery("ALTER ROLE app PASSWORD 'hunter2'")).toBe("ALTER ROLE app PASSWORD '?'");
    expect(maskQuery("SELECT * FROM t WHERE id = 42 AND name = 'bob'")).toBe("SELECT * FROM t WHERE id = 42 AND name = '?'");
  });

  it("reads '' inside a literal, E'' backslash escapes, dollar quotes and prefixes", () => {
    expect(maskLiterals("SELECT 'it''s secret', 1")).toBe("SELECT '?', 1");
    expect(maskLiterals("SELECT E'a\\'secret', 2")).toBe("SELECT '?', 2");
    expect(maskLiterals("SELECT 'C:\\' || pw, 'secret'")).toBe("SELECT '?' || pw, '?'");
    expect(maskLiterals('DO $body$ BEGIN PERFORM secret(); END $body$; SELECT $$x$$')).toBe("DO '?'; SELECT '?'");
    expect(maskLiterals("SELECT X'ff', B'01', U&'d\\0061t', N'n'")).toBe("SELECT '?', '?', '?', '?'");
    expect(maskLiterals('SELECT $1, a$$b FROM t')).toBe('SELECT $1, a$$b FROM t');
  });

  it('keeps quoted identifiers, drops comments (a quote inside one opens nothing)', () => {
    expect(maskLiterals(`SELECT "it's" FROM "t"`)).toBe(`SELECT "it's" FROM "t"`);
    expect(maskLiterals("-- don't\nALTER ROLE x PASSWORD 'secret' /* it's */")).toBe("ALTER ROLE x PASSWORD '?'");
    expect(maskLiterals("/* a /* nested */ 'x' */ SELECT 'secret'")).toBe("SELECT '?'");
  });

  it('masks a literal the server cut off to the end', () => {
    expect(maskQuery("ALTER ROLE x PASSWORD 'very-long-secr")).toBe("ALTER ROLE x PASSWORD '?'");
    expect(maskQuery('SELECT $q$ never closed secret')).toBe("SELECT '?'");
  });

  it('collapses whitespace and cuts to 200 characters', () => {
    expect(maskQuery('SELECT\n   1,\t\t2')).toBe('SELECT 1, 2');
    const long = maskQuery(`SELECT ${'x, '.repeat(200)}1`);
    expect(long.length).toBe(QUERY_SHOWN);
    expect(long.endsWith('…')).toBe(true);
    expect(maskQuery(null)).toBe('');
  });

  it('never shows a quoted secret, whatever surrounds it', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{6,20}$/).map((s) => `Zq${s}`);
    const noise = fc.stringMatching(/^[A-Za-z0-9 ,()=*\n]{0,30}$/);
    fc.assert(
      fc.property(noise, secret, noise, fc.constantFrom("'", "E'", '$$', '$t$'), (before, s, after, q) => {
        const close = q === "E'" ? "'" : q;
        expect(maskQuery(`${before} ${q}${s}${close} ${after}`, 10_000)).not.toContain(s);
      }),
    );
  });
});
