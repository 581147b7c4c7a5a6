// The log model shared by rungs 3 and 7: kubelet stamps to the nanosecond, Loki's ns-epoch strings, and the
// bounded ring that keeps lines in time order whatever order they arrive in, dropping (and counting) the oldest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTime, formatStamp, fromEpochNs, parseStampedLine, toEpochNs, type LogRecord } from '../../src/logs/record.js';
import { LogRing } from '../../src/logs/ring.js';

const rec = (time: number, nano = 0, text = `${time}.${nano}`): LogRecord => ({ time, nano, namespace: 'matrix', pod: 'sol-0', container: 'sol', text });

describe('log records', () => {
  it('parses a kubelet timestamps=true line to the nanosecond and formats it back the same', () => {
    const p = parseStampedLine('2026-12-02T01:02:03.123456789Z hello world')!;
    expect(p).toEqual({ time: Date.parse('2026-12-02T01:02:03.123Z'), nano: 456789, text: 'hello world' });
    expect(formatStamp(p)).toBe('2026-12-02T01:02:03.123456789Z');
    expect(formatStamp(parseStampedLine('2026-12-02T01:02:03Z x')!)).toBe('2026-12-02T01:02:03Z');
    expect(formatStamp(parseStampedLine('2026-12-02T01:02:03.5Z x')!)).toBe('2026-12-02T01:02:03.5Z');
    expect(parseStampedLine('no stamp here')).toBeUndefined();
    expect(parseStampedLine('2026-12-02T01:02:03+01:00 offset')!.time).toBe(Date.parse('2026-12-02T00:02:03Z'));
  });

  it("converts Loki's ns-epoch strings both ways without losing a digit", () => {
    expect(fromEpochNs('1764637323123456789')).toEqual({ time: 1764637323123, nano: 456789 });
    expect(toEpochNs({ time: 1764637323123, nano: 456789 })).toBe('1764637323123456789');
    expect(toEpochNs({ time: 1764637323123, nano: 7 })).toBe('1764637323123000007');
    fc.assert(fc.property(fc.integer({ min: 1, max: 4_000_000_000_000 }), fc.integer({ min: 0, max: 999_999 }), (time, nano) => {
      expect(fromEpochNs(toEpochNs({ time, nano }))).toEqual({ time, nano });
    }));
    expect(compareTime(rec(5, 2), rec(5, 1))).toBeGreaterThan(0);
  });
});

describe('the log ring', () => {
  it('keeps lines in time order, equal times in arrival order', () => {
    const r = new LogRing(10);
    r.push([rec(3), rec(1), rec(2, 0, 'a'), rec(2, 0, 'b'), rec(2, 1)]);
    expect(r.toArray().map((x) => x.text)).toEqual(['1.0', 'a', 'b', '2.1', '3.0']);
  });

  it('drops the oldest beyond its capacity and counts them; a line older than a full ring is dropped at once', () => {
    const r = new LogRing(3);
    r.push([rec(1), rec(2), rec(3), rec(4)]);
    expect(r.toArray().map((x) => x.time)).toEqual([2, 3, 4]);
    expect([r.size, r.total, r.dropped]).toEqual([3, 4, 1]);
    r.push([rec(0)]);
    expect(r.toArray().map((x) => x.time)).toEqual([2, 3, 4]);
    expect([r.total, r.dropped]).toEqual([5, 2]);
    expect(() => new LogRing(0)).toThrow('A log buffer holds at least one line (got 0).');
  });

  it('for any arrival order: sorted, at most capacity, the newest kept, and total = kept + dropped (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 30 }), { maxLength: 20 }), (cap, batches) => {
        const r = new LogRing(cap);
        const all: number[] = [];
        for (const b of batches) {
          r.push(b.map((t) => rec(t)));
          all.push(...b);
        }
        const kept = r.toArray().map((x) => x.time);
        expect(kept).toEqual([...kept].sort((a, b) => a - b));
        expect(kept.length).toBe(Math.min(cap, all.length));
        expect(r.total).toBe(all.length);
        expect(r.size + r.dropped).toBe(r.total);
        const newest = [...all].sort((a, b) => a - b).slice(-cap);
        // What the ring keeps is never older than the newest `cap` seen in order (late old lines may be dropped).
        if (kept.length) expect(kept[kept.length - 1]).toBe(newest[newest.length - 1]);
      }),
    );
  });

  it('stays within twice its capacity in memory however many lines pass through', () => {
    const r = new LogRing(100);
    for (let i = 0; i < 10_000; i++) r.push([rec(i)]);
    expect(r.size).toBe(100);
    expect((r as unknown as { buf: unknown[] }).buf.length).toBeLessThanOrEqual(200);
    expect(r.at(0)!.time).toBe(9_900);
    expect(r.last()!.time).toBe(9_999);
  });
});
