// How the `logs` one-shot (and the logs runbook step) prints a line: stern's POD CONTAINER TEXT with a colour
// per pod only on a terminal without NO_COLOR, raw, and stern's JSON; --timestamps; --since's durations.
import { describe, expect, it } from 'vitest';
import { colorWanted, lineFormatter, parseSince } from '../../src/logs/format.js';
import type { LogRecord } from '../../src/logs/record.js';

const rec = (pod: string, text: string, nano = 0): LogRecord => ({ time: Date.parse('2026-12-02T01:02:03.456Z'), nano, namespace: 'matrix', pod, container: 'sol', text });

describe('log line output', () => {
  it('default: POD CONTAINER TEXT, no escape codes without colour', () => {
    const f = lineFormatter({ output: 'default', timestamps: false, color: false });
    expect(f(rec('sol-1', 'hello'))).toBe('sol-1 sol hello');
  });

  it('with colour: one colour per pod, kept for that pod, the container dim', () => {
    const f = lineFormatter({ output: 'default', timestamps: false, color: true });
    const a = f(rec('sol-1', 'a'));
    const b = f(rec('sol-2', 'b'));
    expect(a).toBe('\x1b[91msol-1\x1b[0m \x1b[2msol\x1b[0m a');
    expect(b).toBe('\x1b[92msol-2\x1b[0m \x1b[2msol\x1b[0m b');
    expect(f(rec('sol-1', 'c'))).toBe('\x1b[91msol-1\x1b[0m \x1b[2msol\x1b[0m c');
  });

  it('--timestamps puts the RFC3339 stamp (nanoseconds) before the text; raw is the text alone', () => {
    expect(lineFormatter({ output: 'default', timestamps: true, color: false })(rec('p', 'x', 789))).toBe('p sol 2026-12-02T01:02:03.456000789Z x');
    expect(lineFormatter({ output: 'raw', timestamps: false, color: true })(rec('p', 'x'))).toBe('x');
    expect(lineFormatter({ output: 'raw', timestamps: true, color: false })(rec('p', 'x'))).toBe('2026-12-02T01:02:03.456Z x');
  });

  it("-o json: stern's fields, one object, the text as the message unchanged", () => {
    const line = lineFormatter({ output: 'json', timestamps: false, color: true })(rec('sol-1', '{"level":"error"}', 1));
    expect(JSON.parse(line)).toEqual({ message: '{"level":"error"}', namespace: 'matrix', podName: 'sol-1', containerName: 'sol', timestamp: '2026-12-02T01:02:03.456000001Z' });
  });

  it('colour only on a terminal, and never with NO_COLOR', () => {
    expect(colorWanted({ isTTY: true }, {})).toBe(true);
    expect(colorWanted({ isTTY: false }, {})).toBe(false);
    expect(colorWanted({}, {})).toBe(false);
    expect(colorWanted({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
  });

  it.each([
    ['5m', 300],
    ['1h', 3600],
    ['48h', 172_800],
    ['1h30m', 5400],
    ['90s', 90],
    ['0s', undefined],
    ['5', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ])('--since %j is %j seconds', (text, seconds) => {
    expect(parseSince(text)).toBe(seconds);
  });
});
