// The simulated Loki's tail over WebSocket with the real `ws` client: the lines since `start` first, then live
// ones in Loki's message shape; the close with 1011 at the tail's maximum duration and on closeLokiTails();
// and a reconnecting client written here (start = last seen ns + 1) that loses and duplicates nothing
// across both kinds of close, counted against what the Box's log store wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../src/sim/k8s/providers.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { lokiLabels } from '../../src/sim/box/logs/labels.js';
import { epochNs } from '../../src/sim/box/logs/stamp.js';
import { waitFor } from '../helpers/wait-for.js';
import { openTail, tailEntries } from './loki-helpers.js';

let sim: SimHandle;
const MAX_MS = 1500;
beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy', loki: { tailMaxDurationMs: MAX_MS } });
});
afterAll(() => sim?.stop());

describe('simulated Loki: tail', () => {
  it('sends the lines since start first (at most limit, oldest first), then live lines; empty keys are left out', async () => {
    const t = openTail(sim, { query: '{namespace="ingress", app="pingora"}', limit: '5', start: `${Date.now() - 10 * 60_000}000000` });
    await t.opened;
    await waitFor(() => tailEntries(t.messages).length >= 8, { message: 'history and live pingora lines' });
    const first = t.messages[0]!;
    expect(Object.keys(first)).toEqual(['streams']);
    const hist = tailEntries([first]);
    expect(hist).toHaveLength(5);
    const all = tailEntries(t.messages).map(([ns]) => ns);
    for (let i = 1; i < all.length; i++) expect(all[i]! > all[i - 1]!).toBe(true);
    for (const m of t.messages) for (const s of m.streams ?? []) expect(s.stream).toMatchObject({ namespace: 'ingress', app: 'pingora', container: 'pingora' });
    t.ws.close(1000);
    await t.closed;
  });

  it('refuses a bad query before the upgrade with Loki\'s 400', async () => {
    const t = openTail(sim, { query: '{app=~".*"}' });
    const err = await t.opened.then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/Unexpected server response: 400/);
  });

  it('closes with 1011 "reached tail max duration limit" at the maximum duration', async () => {
    const t = openTail(sim, { query: '{app="pingora"}' });
    await t.opened;
    const opened = Date.now();
    const c = await t.closed;
    expect(c).toEqual({ code: 1011, reason: 'reached tail max duration limit' });
    expect(Date.now() - opened).toBeGreaterThanOrEqual(MAX_MS - 100);
  });

  it('closeLokiTails() closes every open tail with 1011', async () => {
    const a = openTail(sim, { query: '{app="pingora"}' });
    const b = openTail(sim, { query: '{namespace="matrix"}' });
    await Promise.all([a.opened, b.opened]);
    sim.closeLokiTails();
    expect((await a.closed).code).toBe(1011);
    expect((await b.closed).code).toBe(1011);
  });

  it('a client that resumes from its last timestamp + 1 ns loses and duplicates nothing across both kinds of close', async () => {
    const query = '{namespace="ingress", app="pingora"}';
    const written: string[] = [];
    const t0 = `${Date.now()}000000`;
    const unsubscribe = sim.box.logs.onAnyLine((where, line: LogLine) => {
      const l = lokiLabels(where, line.text);
      if (l.namespace === 'ingress' && l.app === 'pingora') written.push(`${epochNs(line)} ${where.pod} ${line.text}`);
    });
    sim.setLogRate('ingress/pingora', 300);
    const received: string[] = [];
    let last = BigInt(t0) - 1n;
    const closes: { code: number; reason: string }[] = [];
    let stopping = false;
    let current: ReturnType<typeof openTail> | undefined;
    const connect = () => {
      const t = openTail(sim, { query, limit: '5000', start: String(last + 1n) });
      current = t;
      let seen = 0;
      t.ws.on('message', () => {
        for (const [ns, line, pod] of tailEntries(t.messages.slice(seen))) {
          received.push(`${ns} ${pod} ${line}`);
          if (BigInt(ns) > last) last = BigInt(ns);
        }
        seen = t.messages.length;
      });
      void t.closed.then((c) => {
        closes.push(c);
        if (!stopping) connect();
      });
    };
    connect();
    // the tail limit closes it every 1.5 s; the simulator's close comes in between
    await waitFor(() => closes.length >= 2, { message: 'two closes at the tail limit', timeoutMs: 15_000 });
    // The simulator's close needs a tail open to close: between a limit's close and the reconnect there is none.
    await current!.opened;
    sim.closeLokiTails();
    await waitFor(() => closes.length >= 4 && closes.some((c) => c.code === 1011 && c.reason !== 'reached tail max duration limit'), { message: "more closes, the simulator's among them", timeoutMs: 15_000 });
    sim.setLogRate('ingress/pingora', 0);
    const cut = written.at(-1)!.split(' ')[0]!;
    await waitFor(() => received.some((r) => r.split(' ')[0]! >= cut), { message: 'the client to catch up with the last written line', timeoutMs: 15_000 });
    stopping = true;
    unsubscribe();
    current?.ws.close(1000);
    const upTo = (xs: string[]) => xs.filter((x) => x.split(' ')[0]! <= cut).sort();
    const got = upTo(received);
    const want = upTo(written);
    expect(closes.filter((c) => c.code === 1011 && c.reason === 'reached tail max duration limit').length).toBeGreaterThanOrEqual(2);
    expect(closes.some((c) => c.code === 1011 && c.reason !== 'reached tail max duration limit')).toBe(true);
    expect(new Set(got).size).toBe(got.length);
    expect(got.length).toBe(want.length);
    expect(got).toEqual(want);
    expect(want.length).toBeGreaterThan(500);
  });
});
