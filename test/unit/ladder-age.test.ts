// The one age formatter follows kubectl's rules (apimachinery's duration.HumanDuration), case by case, and
// every caller reads the same text for the same age (Status said "150m" where Check said "2h").
import { describe, expect, it } from 'vitest';
import { formatAge, humanDuration } from '../../src/ladder/age.js';
import { formatAge as viewsFormatAge } from '../../src/views/index.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [2 * M + 1 * S, '2m1s'],
    [5 * M + 30 * S, '5m30s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 30 * S, '10m'],
    [60 * M, '60m'],
    [150 * M, '150m'],
    [179 * M + 59 * S, '179m'],
    [3 * H, '3h'],
    [3 * H + 20 * M, '3h20m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 30 * M, '8h'],
    [47 * H + 59 * M, '47h'],
    [48 * H, '2d'],
    [5 * D + 3 * H, '5d3h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 5 * H, '8d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [3 * Y + 120 * D, '3y120d'],
    [7 * Y + 364 * D, '7y364d'],
    [8 * Y, '8y'],
    [20 * Y + 100 * D, '20y'],
  ])('%i ms reads %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('clamps a time just in the future to 0s (the console clock ticks every 10 s) and reads unknown as ?', () => {
    expect(humanDuration(-5 * S)).toBe('0s');
    expect(humanDuration(Infinity)).toBe('?');
    expect(humanDuration(Number.NaN)).toBe('?');
  });

  it('formatAge is the same formatter, for ISO times, and blank when the time is missing', () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    expect(formatAge('2026-11-20T09:30:00Z', now)).toBe('150m');
    expect(viewsFormatAge('2026-11-20T09:30:00Z', now)).toBe('150m');
    expect(formatAge('2026-11-20T11:54:30Z', now)).toBe('5m30s');
    expect(formatAge(undefined, now)).toBe('');
    expect(formatAge('not a time', now)).toBe('');
  });
});
