// The Loki source over an in-memory Loki (the LokiClient contract): history then tail into the 'errors' view,
// the summary with checkedAt, reconnects at the tail limit and after drops with no duplicate and no gap, the
// catch-up after a long gap, a refused query, and a new query from the store.
import { afterEach, describe, expect, it } from 'vitest';
import type { LokiClient, TailHandlers, TailParams } from '../../src/sources/loki/client.js';
import { LokiError } from '../../src/sources/loki/errors.js';
import { createLokiSource, ERRORS_VIEW, type LokiSource } from '../../src/sources/loki/index.js';
import { compareNs, msToNs, sortEntries, type LokiEntry } from '../../src/sources/loki/records.js';
import { createAppStore, type AppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

const SOL = { namespace: 'matrix', app: 'sol', pod: 'sol-1', container: 'sol', level: 'error' };
const SOL2 = { ...SOL, pod: 'sol-2' };

/** A Loki holding `entries`; `{level="error"}` is the only query it knows, anything else is a 400. */
function fakeLoki() {
  const entries: LokiEntry[] = [];
  const tails = new Set<{ p: TailParams; h: TailHandlers; sentTo: number }>();
  let requests = 0;
  const check = (q: string) => {
    if (q !== '{level="error"}') throw new LokiError('refused', 'Loki refused the query: parse error at line 1, col 2: syntax error.', 400);
  };
  const client: LokiClient = {
    addr: 'https://loki.test',
    async queryRange(p) {
      requests++;
      check(p.query);
      const hit = entries.filter((e) => compareNs(e.ns, p.start) >= 0 && compareNs(e.ns, p.end) < 0);
      return sortEntries([...hit], p.direction).slice(0, p.limit);
    },
    async query() {
      return { resultType: 'streams', result: [] };
    },
    async labels() {
      return [];
    },
    async labelValues() {
      return [];
    },
    tail(p, h) {
      requests++;
      const t = { p, h, sentTo: entries.length };
      queueMicrotask(() => {
        try {
          check(p.query);
        } catch (err) {
          h.onEnd(err as LokiError);
          return;
        }
        tails.add(t);
        h.onOpen?.();
        // Loki's lookback: the entries from start on, at most limit.
        const back = entries.filter((e) => !p.start || compareNs(e.ns, p.start) >= 0).slice(-(p.limit ?? 100));
        if (back.length) h.onEntries(back, 0);
      });
      return { close: () => void tails.delete(t) };
    },
    requests: () => requests,
  };
  return {
    client,
    entries,
    /** Writes a line (now, or at a given ns) and sends it to every open tail unless `quiet`. */
    write(line: string, labels = SOL, ns = msToNs(Date.now()) , quiet = false) {
      const e = { ns, labels, line };
      entries.push(e);
      if (!quiet) for (const t of tails) t.h.onEntries([e], 0);
      return e;
    },
    /** Ends every open tail as Loki does at its max duration, or as a dropped connection. */
    endTails(kind: 'tail-limit' | 'closed') {
      for (const t of [...tails]) {
        tails.delete(t);
        t.h.onEnd(new LokiError(kind, kind === 'tail-limit' ? 'Loki ended the tail at its maximum duration (reached tail max duration limit).' : 'Loki closed the tail (1006).'));
      }
    },
    openTails: () => tails.size,
    lastTail: () => [...tails].pop(),
  };
}

let store: AppStore;
let source: LokiSource | undefined;
afterEach(() => source?.stop());

const lines = () => (store.getState().logs.views[ERRORS_VIEW]?.ring.toArray() ?? []).map((r) => r.text);

function start(loki: ReturnType<typeof fakeLoki>, opts: Parameters<typeof createLokiSource>[2] = {}) {
  store = createAppStore();
  source = createLokiSource(store, loki.client, { flushMs: 5, backoffMs: [5, 20], ...opts });
  source.start();
  return source;
}

describe('the Loki source', () => {
  it('loads the window, tails after it, and writes the summary with checkedAt and ok health', async () => {
    const loki = fakeLoki();
    const t0 = Date.now();
    loki.write('old, outside the window', SOL, msToNs(t0 - 20 * 60_000));
    for (let i = 0; i < 5; i++) loki.write(`h${i}`, i % 2 ? SOL2 : SOL, msToNs(t0 - (5 - i) * 1000));
    start(loki);
    await source!.synced();
    await waitFor(() => lines().length === 5, { message: 'the history' });
    loki.write('live 1');
    await waitFor(() => lines().includes('live 1'), { message: 'a tailed line' });
    expect(lines()).toEqual(['h0', 'h1', 'h2', 'h3', 'h4', 'live 1']);
    await waitFor(() => store.getState().loki.services[0]?.count === 6, { message: 'the summary' });
    const l = store.getState().loki;
    expect(l.services).toHaveLength(1);
    expect(l.services[0]).toMatchObject({ namespace: 'matrix', app: 'sol', count: 6 });
    expect(l.checkedAt).toBeGreaterThanOrEqual(t0);
    expect(store.getState().sources.loki?.state).toBe('ok');
    expect(store.getState().logs.views[ERRORS_VIEW]!.source).toMatchObject({ status: 'following', describe: 'Loki {level="error"}' });
    // The tail started at the newest history line, inclusive.
    expect(loki.lastTail()!.p.start).toBe(loki.entries[5]!.ns);
  });

  it('resumes at the tail limit and after drops with no duplicate and no gap, same-nanosecond lines included', async () => {
    const loki = fakeLoki();
    start(loki);
    await source!.synced();
    const ns = msToNs(Date.now());
    loki.write('a', SOL, ns);
    await waitFor(() => lines().includes('a'));
    loki.endTails('tail-limit');
    // Written while no tail is open, at the very nanosecond of the last line seen, by another pod.
    loki.write('b same ns other pod', SOL2, ns);
    loki.write('c while away', SOL, msToNs(Date.now()), true);
    await waitFor(() => loki.openTails() === 1, { message: 'the tail again' });
    for (let round = 0; round < 3; round++) {
      loki.write(`live ${round}`);
      await waitFor(() => lines().includes(`live ${round}`));
      loki.endTails(round % 2 ? 'tail-limit' : 'closed');
      await waitFor(() => loki.openTails() === 1, { message: `the tail again (${round})` });
    }
    loki.write('last');
    await waitFor(() => lines().includes('last'));
    const got = lines();
    expect(got.length).toBe(loki.entries.length);
    expect(new Set(got).size).toBe(got.length);
    expect(got).toEqual(expect.arrayContaining(['a', 'b same ns other pod', 'c while away', 'live 0', 'live 1', 'live 2', 'last']));
    expect(source!.resumes()).toBe(4);
  });

  it('after a long gap, reads the missed lines with query_range before tailing again', async () => {
    const loki = fakeLoki();
    // catchUpMs 0: every resume catches up first; the tail's lookback is kept tiny so that only the query can fill the gap.
    start(loki, { catchUpMs: 0, batch: 2 });
    await source!.synced();
    loki.write('before');
    await waitFor(() => lines().includes('before'));
    loki.endTails('closed');
    for (let i = 0; i < 7; i++) loki.write(`missed ${i}`, SOL, msToNs(Date.now() + i), true);
    await waitFor(() => lines().length === 8, { message: 'the gap read back' });
    expect(lines()).toEqual(['before', ...Array.from({ length: 7 }, (_, i) => `missed ${i}`)]);
  });

  it('says a refused query in one sentence, does not retry it, and re-opens on a new query from the store', async () => {
    const loki = fakeLoki();
    loki.write('e1');
    start(loki);
    await source!.synced();
    await waitFor(() => lines().includes('e1'));
    store.getState().actions.setLokiErrors({ query: '{level="error"' });
    await waitFor(() => store.getState().sources.loki?.state === 'degraded', { message: 'the refusal' });
    expect(store.getState().sources.loki?.lastError).toBe('Loki refused the query: parse error at line 1, col 2: syntax error.');
    expect(store.getState().logs.views[ERRORS_VIEW]!.source).toMatchObject({ status: 'error', error: 'Loki refused the query: parse error at line 1, col 2: syntax error.' });
    expect(lines()).toEqual([]);
    expect(store.getState().loki.checkedAt).toBeUndefined();
    const sent = loki.client.requests();
    await new Promise((r) => setTimeout(r, 100));
    expect(loki.client.requests()).toBe(sent);
    store.getState().actions.setLokiErrors({ query: '{level="error"}' });
    await waitFor(() => lines().includes('e1') && store.getState().sources.loki?.state === 'ok', { message: 're-opened' });
  });

  it('is unreachable, with the sentence, while Loki does not answer, and recovers with backoff', async () => {
    const loki = fakeLoki();
    let down = true;
    const queryRange = loki.client.queryRange.bind(loki.client);
    loki.client.queryRange = async (p, s) => {
      if (down) throw new LokiError('unreachable', 'Loki at https://loki.test is unreachable (connection refused); is it running, and is LOKI_ADDR right?');
      return queryRange(p, s);
    };
    loki.write('e1');
    start(loki);
    await source!.synced();
    expect(store.getState().sources.loki).toMatchObject({ state: 'unreachable', lastError: expect.stringContaining('connection refused') });
    down = false;
    await waitFor(() => lines().includes('e1') && store.getState().sources.loki?.state === 'ok', { message: 'recovered' });
  });
});
