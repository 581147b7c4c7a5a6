// mon loki logs' output, as logcli prints it: TIME {labels} LINE with common labels left out and padding, raw,
// json lines; --since durations.
import { describe, expect, it } from 'vitest';
import { commonLabels, formatter, labelsText, localStamp } from '../../src/cli/mon-format.js';
import { parseDuration } from '../../src/logs/duration.js';

const a = { ns: '1764637322123456789', labels: { namespace: 'matrix', app: 'sol', pod: 'sol-1', level: 'error' }, line: 'boom' };
const b = { ns: '1764637323000000000', labels: { namespace: 'matrix', app: 'synapse', pod: 'synapse-0', level: 'error' }, line: 'bang' };

describe('mon loki logs output', () => {
  it('prints TIME {labels} LINE, the shared labels left out and the labels padded', () => {
    const common = commonLabels([a, b]);
    expect(common).toEqual({ namespace: 'matrix', level: 'error' });
    expect(labelsText(common)).toBe('{level="error", namespace="matrix"}');
    const out = formatter('default', common).lines([a, b]);
    expect(out[0]).toBe(`${localStamp(1764637322123)} {app="sol", pod="sol-1"}         boom`);
    expect(out[1]).toBe(`${localStamp(1764637323000)} {app="synapse", pod="synapse-0"} bang`);
    expect(localStamp(1764637322123)).toMatch(/^2025-12-0\dT\d\d:\d\d:02(Z|[+-]\d\d:\d\d)$/);
  });

  it('prints the line alone (raw) or one JSON object a line with the nanosecond timestamp', () => {
    expect(formatter('raw').lines([a, b])).toEqual(['boom', 'bang']);
    expect(JSON.parse(formatter('json').lines([a])[0]!)).toEqual({ labels: a.labels, line: 'boom', timestamp: '2025-12-02T01:02:02.123456789Z' });
  });

  it('reads --since as logcli does', () => {
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    for (const bad of ['', '15', 'h', '-1h', '0s', '1 h', 'soon']) expect(parseDuration(bad), bad).toBeUndefined();
  });
});
