// The machinery every source shares (src/sources/core) and the registry: the coalescing buffer's batching and
// pacing, backoff's doubling, cap and jitter, the health reporter's "write only when changed", on fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackoff } from '../../src/sources/core/backoff.js';
import { createCoalescer, type Batch } from '../../src/sources/core/coalescer.js';
import { createHealthReporter } from '../../src/sources/core/health-reporter.js';
import { SOURCES, startSources, type SourceEntry } from '../../src/sources/index.js';
import type { Source, SourceClients } from '../../src/sources/source.js';
import { createAppStore, type SourceHealth } from '../../src/store/index.js';

describe('coalescing buffer', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  function recorder() {
    const batches: { at: number; batch: Batch<string, { key: string; v: number }> }[] = [];
    const c = createCoalescer<string, { key: string; v: number }>({ flushMs: 100, flush: (batch) => batches.push({ at: Date.now(), batch }) });
    return { c, batches };
  }

  it('flushes the first batch at once, from a timer, never inside put()', () => {
    const { c, batches } = recorder();
    c.put('pods', 'a', { key: 'a', v: 1 });
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(0);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.batch.get('pods')).toEqual({ upsert: [{ key: 'a', v: 1 }], remove: [] });
  });

  it('a burst becomes one batch; the next waits flushMs after the last flush', () => {
    const { c, batches } = recorder();
    c.put('pods', 'a', { key: 'a', v: 1 });
    vi.advanceTimersByTime(0);
    const t0 = batches[0]!.at;
    for (let i = 0; i < 300; i++) c.put('pods', `p${i}`, { key: `p${i}`, v: i });
    c.put('nodes', 'n1', { key: 'n1', v: 0 });
    vi.advanceTimersByTime(99);
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(2);
    expect(batches[1]!.at - t0).toBe(100);
    expect(batches[1]!.batch.get('pods')!.upsert).toHaveLength(300);
    expect([...batches[1]!.batch.keys()]).toEqual(['pods', 'nodes']);
  });

  it('the last value of a key wins; null is a removal', () => {
    const { c, batches } = recorder();
    c.put('pods', 'a', { key: 'a', v: 1 });
    c.put('pods', 'a', { key: 'a', v: 2 });
    c.put('pods', 'b', { key: 'b', v: 1 });
    c.put('pods', 'b', null);
    vi.advanceTimersByTime(0);
    expect(batches[0]!.batch.get('pods')).toEqual({ upsert: [{ key: 'a', v: 2 }], remove: ['b'] });
  });

  it('schedule() flushes an empty batch (for a state change without records); stop() drops what is buffered', () => {
    const { c, batches } = recorder();
    c.schedule();
    vi.advanceTimersByTime(0);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.batch.size).toBe(0);
    c.put('pods', 'a', { key: 'a', v: 1 });
    c.stop();
    c.put('pods', 'b', { key: 'b', v: 1 });
    c.schedule();
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(1);
  });
});

describe('backoff', () => {
  it('doubles from the minimum up to the cap, and resets on success', () => {
    const b = createBackoff({ minMs: 1000, maxMs: 30_000, random: () => 0 });
    expect(Array.from({ length: 7 }, () => b.next())).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(b.attempt).toBe(7);
    b.reset();
    expect(b.next()).toBe(1000);
  });

  it('jitter shortens each delay by up to its share, never past the cap', () => {
    const rolls = [0.999, 0.5, 0];
    const b = createBackoff({ minMs: 1000, maxMs: 2000, jitter: 0.2, random: () => rolls.shift() ?? 1 });
    expect(b.next()).toBe(800);
    expect(b.next()).toBe(1800);
    expect(b.next()).toBe(2000);
    for (let i = 0; i < 50; i++) expect(createBackoff({ minMs: 1000, maxMs: 30_000 }).next()).toBeGreaterThan(799);
  });
});

describe('health reporter', () => {
  it('writes only when the state, error, detail or the presence of lastSuccess changes, or when fresh', () => {
    const writes: SourceHealth[] = [];
    const r = createHealthReporter((h) => writes.push(h));
    expect(r.current()).toEqual({ state: 'connecting' });
    r.publish({ state: 'connecting' }, true);
    r.publish({ state: 'connecting' });
    expect(writes).toHaveLength(1);
    r.succeeded(10);
    r.publish({ state: 'ok' });
    expect(writes.at(-1)).toEqual({ state: 'ok', lastSuccess: 10 });
    r.succeeded(20);
    r.publish({ state: 'ok' });
    expect(writes).toHaveLength(2);
    r.publish({ state: 'ok' }, true);
    expect(writes.at(-1)).toEqual({ state: 'ok', lastSuccess: 20 });
    r.publish({ state: 'unreachable', lastError: 'The Kubernetes API is unreachable.' });
    r.publish({ state: 'unreachable', lastError: 'The Kubernetes API is unreachable.' });
    r.publish({ state: 'ok', detail: 'not installed: x.' });
    expect(writes.map((h) => h.state)).toEqual(['connecting', 'ok', 'ok', 'unreachable', 'ok']);
    expect(r.current()).toEqual({ state: 'ok', detail: 'not installed: x.', lastSuccess: 20 });
    r.stop();
    r.publish({ state: 'degraded' }, true);
    expect(writes).toHaveLength(5);
  });
});

describe('source registry', () => {
  function fake(id: string, log: string[]): SourceEntry {
    return {
      id,
      client: 'kube',
      env: [],
      config: [],
      load: async () => () => {
        const s: Source = { id, start: () => log.push(`start ${id}`), stop: () => log.push(`stop ${id}`), synced: async () => {}, health: () => ({ state: 'ok' }) };
        return s;
      },
    };
  }
  const clients = { kube: {} } as unknown as SourceClients;

  it('has the Kubernetes, OpenBao, Loki, PostgreSQL, AlertManager and Mistral sources, each read through its own session client', () => {
    expect(SOURCES.map((e) => [e.id, e.client])).toEqual(expect.arrayContaining([['kubernetes', 'kube'], ['openbao', 'bao'], ['loki', 'loki'], ['postgres', 'postgres'], ['alertmanager', 'alertmanager'], ['mistral', 'kube']]));
  });

  it('creates and starts every entry whose client the session has', async () => {
    const log: string[] = [];
    const started = await startSources({ store: createAppStore(), clients }, () => true, [fake('a', log), fake('b', log)]);
    expect(started.map((s) => s.id)).toEqual(['a', 'b']);
    expect(log).toEqual(['start a', 'start b']);
  });

  it('skips an entry without its client, and starts nothing once no longer wanted', async () => {
    const log: string[] = [];
    const none = await startSources({ store: createAppStore(), clients: {} as SourceClients }, () => true, [fake('a', log)]);
    expect(none).toEqual([]);
    expect(await startSources({ store: createAppStore(), clients }, () => false, [fake('a', log)])).toEqual([]);
    expect(log).toEqual([]);
  });
});
