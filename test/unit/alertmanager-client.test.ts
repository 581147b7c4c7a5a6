// The AlertManager client over a tiny local server: the path prefix kept (/api/v2/... and /metrics under it),
// Grafana's bearer token sent and /metrics not asked of Grafana, every request counted, a 500's string body
// quoted, and a server that does not answer is a timeout of one sentence.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { alertmanagerSettings } from '../../src/session/alertmanager-env.js';
import { alertmanagerClient } from '../../src/sources/alertmanager/client.js';

let server: http.Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the AlertManager client', () => {
  it('keeps the path prefix, counts requests, and quotes a 500', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
      if (req.url === '/am/api/v2/silences') {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end('"silence storage broken"\n');
        return;
      }
      res.writeHead(200, { 'Content-Type': req.url === '/am/metrics' ? 'text/plain' : 'application/json' });
      res.end(req.url === '/am/metrics' ? 'alertmanager_notifications_total{integration="webhook"} 1\n' : '[]');
    });
    const c = alertmanagerClient(alertmanagerSettings({ ALERTMANAGER_URL: `${url}/am/` }));
    expect(await c.alerts()).toEqual([]);
    expect(await c.metrics()).toContain('alertmanager_notifications_total');
    await expect(c.silences()).rejects.toMatchObject({ kind: 'server', message: `AlertManager at ${url}/am failed (500: silence storage broken).` });
    expect(seen).toEqual([`GET /am/api/v2/alerts -`, `GET /am/metrics -`, `GET /am/api/v2/silences -`]);
    expect(c.requests()).toBe(3);
  });

  it("sends Grafana's token and asks Grafana for no /metrics", async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('[]');
    });
    const c = alertmanagerClient(alertmanagerSettings({ ALERTMANAGER_URL: `${url}/api/alertmanager/grafana`, GRAFANA_TOKEN: 'glsa_tok123456' }));
    expect(c.flavour).toBe('grafana');
    await c.alerts();
    expect(await c.metrics()).toBeUndefined();
    expect(seen).toEqual(['/api/alertmanager/grafana/api/v2/alerts Bearer glsa_tok123456']);
  });

  it('gives up on a server that does not answer: a timeout in one sentence', async () => {
    const url = await serve(() => {
      // never answers
    });
    const c = alertmanagerClient(alertmanagerSettings({ ALERTMANAGER_URL: url }), { timeoutMs: 150 });
    await expect(c.alerts()).rejects.toMatchObject({ kind: 'timeout', message: `AlertManager at ${url} does not answer (no reply within 150 ms); is it up? If it is elsewhere, check ALERTMANAGER_URL.` });
  });
});
