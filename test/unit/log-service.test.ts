// What a log view's spec asks the follower for: k9s's windows ('tail' = tailLines per container, a duration =
// sinceSeconds, 'all' = everything), a sinceTime that wins over the window, and previous read once.
import { describe, expect, it } from 'vitest';
import { followerSpec } from '../../src/sources/kubernetes/logs/service.js';

const base = { namespace: 'matrix', name: 'sol' };

describe("a log view's window", () => {
  it.each([
    [{ ...base }, { ...base, follow: true, tailLines: 100 }],
    [{ ...base, window: 'tail' as const, tailLines: 20 }, { ...base, follow: true, tailLines: 20 }],
    [{ ...base, window: '5m' as const }, { ...base, follow: true, sinceSeconds: 300 }],
    [{ ...base, window: '1h' as const }, { ...base, follow: true, sinceSeconds: 3600 }],
    [{ ...base, window: 'all' as const }, { ...base, follow: true }],
    [{ ...base, window: '5m' as const, sinceTime: Date.parse('2026-12-02T01:02:03.004Z') }, { ...base, follow: true, sinceTime: '2026-12-02T01:02:03.004Z' }],
    [{ ...base, previous: true, container: 'sol' }, { ...base, follow: false, previous: true, container: 'sol', tailLines: 100 }],
  ])('%j -> %j', (spec, expected) => {
    expect(followerSpec(spec)).toEqual(expected);
  });
});
