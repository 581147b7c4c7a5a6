// The Loki client over a local HTTP + WebSocket server: what it sends (the path, the parameters, the tenant and
// the credentials, on the tail's upgrade too), and each failure as one sentence without the credential.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { lokiClient } from '../../src/sources/loki/client.js';
import type { LokiError } from '../../src/sources/loki/errors.js';
import { waitFor } from '../helpers/wait-for.js';

const seen: { url: string; headers: http.IncomingHttpHeaders }[] = [];
let server: http.Server;
let wss: WebSocketServer;
let addr = '';
let tailBehaviour: 'stream' | 'limit' | 'refuse' = 'stream';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ url: req.url!, headers: req.headers });
    const u = new URL(req.url!, 'http://x');
    if (u.pathname === '/loki/api/v1/query_range') {
      if (u.searchParams.get('query') === 'bad') {
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('parse error at line 1, col 1: syntax error: unexpected IDENTIFIER\n');
        return;
      }
      if (u.searchParams.get('query') === 'echo') {
        res.writeHead(401).end(`no: ${req.headers.authorization}`);
        return;
      }
      if (u.searchParams.get('query') === 'slow') return;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'streams', result: [{ stream: { app: 'sol' }, values: [['2', 'b'], ['1', 'a']] }], stats: {} } }));
      return;
    }
    if (u.pathname === '/loki/api/v1/labels' || u.pathname.startsWith('/loki/api/v1/label/')) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'success', data: ['app', 'level'] }));
      return;
    }
    res.writeHead(404).end('404 page not found');
  });
  wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    seen.push({ url: req.url!, headers: req.headers });
    if (tailBehaviour === 'refuse') {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 38\r\nConnection: close\r\n\r\nparse error at line 1, col 3: bad tail');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.send(JSON.stringify({ streams: [{ stream: { app: 'sol' }, values: [['5', 'live']] }] }));
      if (tailBehaviour === 'limit') setTimeout(() => ws.close(1011, 'reached tail max duration limit'), 20);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  addr = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  wss.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('the Loki client', () => {
  const bearer = () => lokiClient({ addr, orgId: 'box', auth: { kind: 'bearer', token: 'tok-SECRET-123', from: 'LOKI_BEARER_TOKEN' }, skipVerify: false }, { timeoutMs: 300 });

  it('sends query_range with its parameters, the tenant and the token, and parses the streams', async () => {
    const c = bearer();
    const got = await c.queryRange({ query: '{level="error"}', start: '100', end: '200', limit: 30, direction: 'backward' });
    expect(got.map((e) => e.line)).toEqual(['b', 'a']);
    const req = seen.at(-1)!;
    const u = new URL(req.url, 'http://x');
    expect(u.pathname).toBe('/loki/api/v1/query_range');
    expect(Object.fromEntries(u.searchParams)).toEqual({ query: '{level="error"}', start: '100', end: '200', limit: '30', direction: 'backward' });
    expect(req.headers['x-scope-orgid']).toBe('box');
    expect(req.headers.authorization).toBe('Bearer tok-SECRET-123');
    expect(await c.labels()).toEqual(['app', 'level']);
    expect(await c.labelValues('app')).toEqual(['app', 'level']);
    expect(seen.at(-1)!.url).toBe('/loki/api/v1/label/app/values');
    expect(c.requests()).toBe(3);
  });

  it('sends basic auth', async () => {
    await lokiClient({ addr, auth: { kind: 'basic', username: 'ops', password: 'pw' }, skipVerify: false }).labels();
    expect(seen.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('ops:pw').toString('base64')}`);
  });

  it("turns Loki's 400, a 401 that echoes the token, a 404, a timeout and a refused connection into one sentence each", async () => {
    const c = bearer();
    await expect(c.queryRange({ query: 'bad', start: '1', end: '2', limit: 1, direction: 'forward' })).rejects.toMatchObject({ kind: 'refused', message: 'Loki refused the query: parse error at line 1, col 1: syntax error: unexpected IDENTIFIER.' });
    const e401 = (await c.queryRange({ query: 'echo', start: '1', end: '2', limit: 1, direction: 'forward' }).catch((e: unknown) => e)) as LokiError;
    expect(e401.kind).toBe('unauthorized');
    expect(e401.message).toBe(`Loki at ${addr} refused the bearer token (LOKI_BEARER_TOKEN) (401); check the credentials.`);
    expect(JSON.stringify(e401)).not.toContain('SECRET');
    await expect(lokiClient({ addr: `${addr}/grafana`, skipVerify: false }).labels()).rejects.toMatchObject({ kind: 'not-found' });
    await expect(c.queryRange({ query: 'slow', start: '1', end: '2', limit: 1, direction: 'forward' })).rejects.toMatchObject({ kind: 'timeout', message: `Loki at ${addr} did not answer within 300 ms; is it up, and is LOKI_ADDR right?` });
    await expect(lokiClient({ addr: 'http://127.0.0.1:1', skipVerify: false }).labels()).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(lokiClient({ addr, skipVerify: false, problem: 'LOKI_CA_CERT_PATH names /x, which cannot be read (ENOENT); fix it or unset it.' }).labels()).rejects.toThrow(/LOKI_CA_CERT_PATH/);
  });

  it('tails over a WebSocket with the same headers, and says how it ended', async () => {
    const c = bearer();
    tailBehaviour = 'limit';
    const got: string[] = [];
    let end: LokiError | undefined;
    c.tail({ query: '{app="sol"}', start: '4', limit: 10 }, { onEntries: (es) => got.push(...es.map((e) => e.line)), onEnd: (e) => (end = e) });
    await waitFor(() => end, { message: 'the tail end' });
    expect(got).toEqual(['live']);
    expect(end).toMatchObject({ kind: 'tail-limit' });
    const req = seen.at(-1)!;
    expect(req.url).toBe('/loki/api/v1/tail?query=%7Bapp%3D%22sol%22%7D&start=4&limit=10');
    expect(req.headers.authorization).toBe('Bearer tok-SECRET-123');
    expect(req.headers['x-scope-orgid']).toBe('box');

    tailBehaviour = 'refuse';
    end = undefined;
    c.tail({ query: '{a' }, { onEntries: () => {}, onEnd: (e) => (end = e) });
    await waitFor(() => end, { message: 'the refused tail' });
    expect(end).toMatchObject({ kind: 'refused', message: 'Loki refused the query: parse error at line 1, col 3: bad tail.' });

    tailBehaviour = 'stream';
    end = undefined;
    const lines: string[] = [];
    const t = c.tail({ query: '{app="sol"}' }, { onEntries: (es) => lines.push(...es.map((e) => e.line)), onEnd: (e) => (end = e) });
    await waitFor(() => lines.length === 1);
    t.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(end).toBeUndefined();
  });
});
