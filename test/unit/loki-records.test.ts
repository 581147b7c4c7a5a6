// Loki's wire shapes (ops-apis.md §6) into entries and LogRecords: query_range streams with string ns
// timestamps, tail messages with omitted keys and dropped_entries, labels; ns arithmetic beyond a double.
import { describe, expect, it } from 'vitest';
import { addNs, compareNs, entryKey, msToNs, parseNames, parseStreams, parseTailMessage, serviceOf, toRecord } from '../../src/sources/loki/records.js';
import { LokiError } from '../../src/sources/loki/errors.js';

const sol = { namespace: 'matrix', pod: 'sol-7d9f-x2kq9', container: 'sol', app: 'sol', level: 'error', service_name: 'sol' };
const gitea = { namespace: 'gitea', pod: 'gitea-0', container: 'gitea', app: 'gitea', level: 'error' };

describe('parseStreams', () => {
  const body = {
    status: 'success',
    data: {
      resultType: 'streams',
      result: [
        { stream: sol, values: [['1764637323000000002', 'sol b'], ['1764637321000000001', 'sol a']] },
        { stream: gitea, values: [['1764637322123456789', 'gitea a']] },
      ],
      stats: { summary: {} },
    },
  };

  it('flattens the streams, newest first for backward and oldest first for forward', () => {
    expect(parseStreams(body, 'backward').map((e) => e.line)).toEqual(['sol b', 'gitea a', 'sol a']);
    expect(parseStreams(structuredClone(body), 'forward').map((e) => e.line)).toEqual(['sol a', 'gitea a', 'sol b']);
    expect(parseStreams(body)[1]).toEqual({ ns: '1764637322123456789', labels: gitea, line: 'gitea a' });
  });

  it('keeps the nanoseconds exactly in the LogRecord', () => {
    const r = toRecord(parseStreams(body).find((e) => e.line === 'gitea a')!);
    expect(r).toMatchObject({ time: 1764637322123, nano: 456789, namespace: 'gitea', pod: 'gitea-0', container: 'gitea', text: 'gitea a', labels: gitea });
  });

  it('skips malformed values and refuses what is not Loki or not a log query', () => {
    const odd = { status: 'success', data: { resultType: 'streams', result: [{ stream: sol, values: [['12x', 'bad'], [1, 'num'], ['5', 7], ['0005', 'ok']] }] } };
    expect(parseStreams(odd)).toEqual([{ ns: '5', labels: sol, line: 'ok' }]);
    expect(() => parseStreams('<html>')).toThrow(LokiError);
    expect(() => parseStreams({ status: 'success', data: { resultType: 'matrix', result: [] } })).toThrow(/a metric query/);
  });
});

describe('parseTailMessage', () => {
  it('reads streams and dropped_entries, either omitted when empty', () => {
    const m = parseTailMessage(JSON.stringify({ streams: [{ stream: sol, values: [['20', 'b'], ['10', 'a']] }], dropped_entries: [{ labels: sol, timestamp: '5' }] }));
    expect(m.entries.map((e) => e.line)).toEqual(['a', 'b']);
    expect(m.dropped).toBe(1);
    expect(parseTailMessage('{}')).toEqual({ entries: [], dropped: 0 });
    expect(() => parseTailMessage('not json')).toThrow(LokiError);
  });
});

describe('labels and nanoseconds', () => {
  it('parses label lists', () => {
    expect(parseNames({ status: 'success', data: ['app', 'level', 7] })).toEqual(['app', 'level']);
    expect(() => parseNames({ status: 'success' })).toThrow(LokiError);
  });

  it('compares and moves ns strings past 2^53', () => {
    expect(compareNs('1764637322123456789', '1764637322123456790')).toBeLessThan(0);
    expect(compareNs('999', '1000')).toBeLessThan(0);
    expect(compareNs('42', '42')).toBe(0);
    expect(addNs('1764637322123456789', 1)).toBe('1764637322123456790');
    expect(addNs('3', -5)).toBe('0');
    expect(msToNs(1764637322123)).toBe('1764637322123000000');
  });

  it('names an entry by its stream and line, whatever the label order', () => {
    expect(entryKey({ ns: '1', labels: { b: '2', a: '1' }, line: 'x' })).toBe(entryKey({ ns: '9', labels: { a: '1', b: '2' }, line: 'x' }));
    expect(entryKey({ ns: '1', labels: { a: '1' }, line: 'x' })).not.toBe(entryKey({ ns: '1', labels: { a: '2' }, line: 'x' }));
  });

  it('groups by namespace and app (else service_name, else the container)', () => {
    expect(serviceOf(sol)).toEqual({ namespace: 'matrix', app: 'sol' });
    expect(serviceOf({ namespace: 'x', service_name: 'svc', container: 'c' })).toEqual({ namespace: 'x', app: 'svc' });
    expect(serviceOf({ namespace: 'x', container: 'c' })).toEqual({ namespace: 'x', app: 'c' });
  });
});
