// Resuming a dropped container log: the sinceTime asked for, and which lines of the resumed stream are
// skipped as already seen, for a server that truncates sinceTime to the second and for lines that share one
// timestamp.
import { describe, expect, it } from 'vitest';
import { parseStampedLine } from '../../src/logs/record.js';
import { advance, resumeSince, resumeSkipper, type ResumePoint } from '../../src/sources/kubernetes/logs/resume.js';

const at = (stamp: string) => {
  const r = parseStampedLine(`${stamp} x`)!;
  return { time: r.time, nano: r.nano };
};

/** The point after the stream's lines (stamps), as the follower keeps it. */
const pointAfter = (stamps: string[]) => stamps.reduce<ResumePoint | undefined>((p, s) => advance(p, at(s)), undefined)!;

/** Which of the resumed stream's lines are kept. */
const kept = (seen: string[], resumed: string[]) => {
  const keep = resumeSkipper(pointAfter(seen));
  return resumed.filter((s) => keep(at(s)));
};

describe('resuming a dropped log stream', () => {
  it('asks again from the last line\'s exact stamp', () => {
    expect(resumeSince(pointAfter(['2026-12-02T01:02:03.5Z', '2026-12-02T01:02:04.123456789Z']))).toBe('2026-12-02T01:02:04.123456789Z');
  });

  it.each([
    {
      what: 'sinceTime truncated to the second: the lines of that second already seen are skipped',
      seen: ['2026-12-02T01:02:03.100Z', '2026-12-02T01:02:03.200Z', '2026-12-02T01:02:03.300Z'],
      resumed: ['2026-12-02T01:02:03.100Z', '2026-12-02T01:02:03.200Z', '2026-12-02T01:02:03.300Z', '2026-12-02T01:02:03.400Z', '2026-12-02T01:02:05Z'],
      kept: ['2026-12-02T01:02:03.400Z', '2026-12-02T01:02:05Z'],
    },
    {
      what: 'equal timestamps: as many as were seen are skipped, the next one with that time is kept',
      seen: ['2026-12-02T01:02:03.100Z', '2026-12-02T01:02:03.500Z', '2026-12-02T01:02:03.500Z'],
      resumed: ['2026-12-02T01:02:03.500Z', '2026-12-02T01:02:03.500Z', '2026-12-02T01:02:03.500Z', '2026-12-02T01:02:03.600Z'],
      kept: ['2026-12-02T01:02:03.500Z', '2026-12-02T01:02:03.600Z'],
    },
    {
      what: 'equal whole-second stamps (a server that writes no fraction): counted the same way',
      seen: ['2026-12-02T01:02:03Z', '2026-12-02T01:02:03Z'],
      resumed: ['2026-12-02T01:02:03Z', '2026-12-02T01:02:03Z', '2026-12-02T01:02:03Z', '2026-12-02T01:02:04Z'],
      kept: ['2026-12-02T01:02:03Z', '2026-12-02T01:02:04Z'],
    },
    {
      what: 'nanoseconds decide: a line a nanosecond later than the last seen is new',
      seen: ['2026-12-02T01:02:03.000000001Z'],
      resumed: ['2026-12-02T01:02:03.000000001Z', '2026-12-02T01:02:03.000000002Z'],
      kept: ['2026-12-02T01:02:03.000000002Z'],
    },
    {
      what: 'a server that honours the fraction sends the last line again (>=): skipped',
      seen: ['2026-12-02T01:02:03.7Z'],
      resumed: ['2026-12-02T01:02:03.7Z', '2026-12-02T01:02:03.8Z'],
      kept: ['2026-12-02T01:02:03.8Z'],
    },
    {
      what: 'nothing written during the drop: nothing kept until a new line',
      seen: ['2026-12-02T01:02:03.7Z'],
      resumed: ['2026-12-02T01:02:03.1Z', '2026-12-02T01:02:03.7Z'],
      kept: [],
    },
    {
      what: 'once a new line passed, later lines are all kept',
      seen: ['2026-12-02T01:02:03.5Z'],
      resumed: ['2026-12-02T01:02:03.6Z', '2026-12-02T01:02:03.6Z', '2026-12-02T01:02:03.9Z'],
      kept: ['2026-12-02T01:02:03.6Z', '2026-12-02T01:02:03.6Z', '2026-12-02T01:02:03.9Z'],
    },
  ])('$what', ({ seen, resumed, kept: expected }) => {
    expect(kept(seen, resumed)).toEqual(expected);
  });
});
