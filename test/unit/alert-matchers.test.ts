import { describe, expect, it } from 'vitest';
import { formatMatcher, MatcherError, matchesAll, parseMatcher, parseMatchers } from '../../src/alerts/matchers.js';

describe("amtool's matcher syntax", () => {
  it('reads the four operators, quoted and bare values', () => {
    expect(parseMatcher('severity=critical')).toEqual({ name: 'severity', value: 'critical', isRegex: false, isEqual: true });
    expect(parseMatcher('namespace!="data"')).toEqual({ name: 'namespace', value: 'data', isRegex: false, isEqual: false });
    expect(parseMatcher('pod=~"postgres-.*"')).toEqual({ name: 'pod', value: 'postgres-.*', isRegex: true, isEqual: true });
    expect(parseMatcher('job!~node.*')).toEqual({ name: 'job', value: 'node.*', isRegex: true, isEqual: false });
    expect(parseMatcher('summary="a \\"quoted\\" word"').value).toBe('a "quoted" word');
  });

  it('takes a bare first word as the alertname, and a braced list', () => {
    expect(parseMatchers(['Watchdog', 'severity=none'])).toEqual([
      { name: 'alertname', value: 'Watchdog', isRegex: false, isEqual: true },
      { name: 'severity', value: 'none', isRegex: false, isEqual: true },
    ]);
    expect(parseMatchers(['{alertname="A,B", namespace=~"data|matrix"}']).map(formatMatcher)).toEqual(['alertname="A,B"', 'namespace=~"data|matrix"']);
  });

  it('says in one sentence what is wrong', () => {
    expect(() => parseMatcher('9x=1')).toThrow(MatcherError);
    expect(() => parseMatcher('a=~"("')).toThrow(/not a valid regular expression/);
    expect(() => parseMatchers(['{a="b"'])).toThrow(/not closed/);
    expect(() => parseMatcher('nothing')).toThrow(/is not a matcher/);
  });

  it('matches as AlertManager does: anchored regexes, a missing label as empty', () => {
    const labels = { alertname: 'KubePodCrashLooping', namespace: 'matrix', pod: 'sol-7f9c' };
    expect(matchesAll(parseMatchers(['KubePodCrashLooping', 'namespace=matrix']), labels)).toBe(true);
    expect(matchesAll(parseMatchers(['pod=~"sol"']), labels)).toBe(false);
    expect(matchesAll(parseMatchers(['pod=~"sol-.*"']), labels)).toBe(true);
    expect(matchesAll(parseMatchers(['severity=""']), labels)).toBe(true);
    expect(matchesAll(parseMatchers(['namespace!=matrix']), labels)).toBe(false);
  });
});
