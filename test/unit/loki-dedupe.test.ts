// No line twice and none lost where a resumed tail or the next page starts: the resume cursor (entries at the
// last seen nanosecond compared by stream + line) and query_range paging past the limit (logcli's --batch).
import { describe, expect, it } from 'vitest';
import { ResumeCursor } from '../../src/sources/loki/cursor.js';
import { fetchPaged, type PageRequest } from '../../src/sources/loki/pager.js';
import { compareNs, sortEntries, type LokiEntry } from '../../src/sources/loki/records.js';

const A = { namespace: 'matrix', app: 'sol', pod: 'sol-1' };
const B = { namespace: 'matrix', app: 'sol', pod: 'sol-2' };
const e = (ns: string, line: string, labels: Record<string, string> = A): LokiEntry => ({ ns, labels, line });

describe('ResumeCursor', () => {
  it('drops, at a reconnect, exactly the entries at the last nanosecond that were seen', () => {
    const c = new ResumeCursor();
    expect(c.filter([e('100', 'a'), e('200', 'b'), e('200', 'c', B)]).map((x) => x.line)).toEqual(['a', 'b', 'c']);
    expect(c.ns).toBe('200');
    // The tail resumes from 200 inclusive: b and c again, d (same ns, another line, not seen yet), then newer.
    const replay = [e('200', 'b'), e('200', 'c', B), e('200', 'd'), e('300', 'e')];
    expect(c.filter(replay).map((x) => x.line)).toEqual(['d', 'e']);
    expect(c.ns).toBe('300');
    // The same line at the same ns from another stream is another entry.
    expect(c.filter([e('300', 'e', B), e('300', 'e')]).map((x) => `${x.line}@${x.labels.pod}`)).toEqual(['e@sol-2']);
  });

  it('keeps a late line older than the newest (it cannot come again: resumes never ask before the newest)', () => {
    const c = new ResumeCursor('500');
    expect(c.admit(e('400', 'late'))).toBe(true);
    expect(c.ns).toBe('500');
    expect(c.admit(e('500', 'at'))).toBe(true);
    expect(c.admit(e('500', 'at'))).toBe(false);
  });
});

/** A fake Loki over a list of entries, honouring start (inclusive), end (exclusive), limit and direction. */
function fakeLoki(all: LokiEntry[]) {
  const calls: PageRequest[] = [];
  const run = async (p: PageRequest) => {
    calls.push(p);
    const inRange = all.filter((x) => compareNs(x.ns, p.start) >= 0 && compareNs(x.ns, p.end) < 0);
    return sortEntries([...inRange], p.direction).slice(0, p.limit);
  };
  return { run, calls };
}

describe('fetchPaged', () => {
  // 25 entries, several sharing a nanosecond across a page boundary.
  const all: LokiEntry[] = [];
  for (let i = 0; i < 20; i++) all.push(e(String(1000 + i * 10), `l${i}`));
  for (const n of ['1050', '1050', '1100', '1100', '1100']) all.push(e(n, `dup-${n}-${all.length}`, B));

  it('pages backward past the limit with no duplicate and no gap', async () => {
    const { run, calls } = fakeLoki(all);
    const got = await fetchPaged(run, { start: '0', end: '9999', limit: 0, batch: 4, direction: 'backward' });
    expect(got).toHaveLength(all.length);
    expect(new Set(got.map((x) => x.line)).size).toBe(all.length);
    for (let i = 1; i < got.length; i++) expect(compareNs(got[i - 1]!.ns, got[i]!.ns)).toBeGreaterThanOrEqual(0);
    expect(calls.length).toBeGreaterThan(5);
  });

  it('pages forward, and stops at the limit', async () => {
    const { run } = fakeLoki(all);
    const got = await fetchPaged(run, { start: '0', end: '9999', limit: 0, batch: 3, direction: 'forward' });
    expect(got.map((x) => x.line).sort()).toEqual(all.map((x) => x.line).sort());
    const some = await fetchPaged(fakeLoki(all).run, { start: '0', end: '9999', limit: 7, batch: 3, direction: 'backward' });
    expect(some).toHaveLength(7);
    expect(some[0]!.ns).toBe('1190');
  });

  it('reads a nanosecond with more entries than a page whole, then steps past it', async () => {
    const crowd = Array.from({ length: 5 }, (_, i) => e('2000', `same-${i}`));
    const { run } = fakeLoki([...crowd, e('1990', 'before'), e('2010', 'after')]);
    const got = await fetchPaged(run, { start: '0', end: '9999', limit: 0, batch: 2, direction: 'backward' });
    expect(got.map((x) => x.line)).toContain('before');
    expect(got.map((x) => x.line)).toContain('after');
    expect(new Set(got.map((x) => x.line)).size).toBe(7);
    expect(got).toHaveLength(7);
    const fwd = await fetchPaged(fakeLoki([...crowd, e('1990', 'before'), e('2010', 'after')]).run, { start: '0', end: '9999', limit: 0, batch: 2, direction: 'forward' });
    expect(fwd.map((x) => x.line)).toEqual(['before', 'same-0', 'same-1', 'same-2', 'same-3', 'same-4', 'after']);
  });
});
