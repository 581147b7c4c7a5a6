// client-node 2.0.1's Log and the end of a follow: aborting it (the only stop the library offers) makes the
// piped response stream emit an AbortError that nothing inside the library listens for, an uncaught exception
// (proved in a child process, so that the test runner's own handler does not hide it); the console's
// openContainerLog catches exactly that on the source it is piped from, and reports a dropped connection and a
// clean end once each.
import { execFile } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig, Log } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { openContainerLog, type StampedLine } from '../../src/sources/kubernetes/logs/container-log.js';
import { waitFor } from '../helpers/wait-for.js';

/** A log endpoint that writes a stamped line every 20 ms until `behave` ends the response its own way. */
function logServer(behave: (res: ServerResponse, n: number) => 'go' | 'end' | 'drop' = () => 'go'): Promise<{ server: Server; url: string; queries: string[] }> {
  const queries: string[] = [];
  const server = createServer((req, res) => {
    queries.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    let n = 0;
    const timer = setInterval(() => {
      n++;
      const what = behave(res, n);
      if (what === 'drop') {
        clearInterval(timer);
        res.socket?.destroy();
        return;
      }
      res.write(`2026-12-02T01:02:03.${String(n).padStart(9, '0')}Z line ${n}\n`);
      if (what === 'end') {
        clearInterval(timer);
        res.end('2026-12-02T01:02:04Z last line without a newline');
      }
    }, 20);
    res.on('close', () => clearInterval(timer));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, queries })));
}

function kubeConfig(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'c', server, skipTLSVerify: true }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
  return kc;
}

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function started(behave?: Parameters<typeof logServer>[0]) {
  const s = await logServer(behave);
  servers.push(s.server);
  return s;
}

describe("client-node's Log, aborted", () => {
  it('throws an uncaught AbortError from inside the library when nothing listens on the piped source', async () => {
    const { url } = await started();
    const script = `
      import { KubeConfig, Log } from '@kubernetes/client-node';
      import { PassThrough } from 'node:stream';
      process.on('uncaughtException', (e) => { console.log('uncaught ' + e.name); process.exit(3); });
      const kc = new KubeConfig();
      kc.loadFromOptions({ clusters: [{ name: 'c', server: ${JSON.stringify(url)}, skipTLSVerify: true }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
      const out = new PassThrough();
      const c = await new Log(kc).log('ns', 'p', 'c', out, { follow: true });
      out.once('data', () => c.abort());
      setTimeout(() => { console.log('nothing thrown'); process.exit(0); }, 2000);
    `;
    const stdout = await new Promise<string>((resolve) => execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), timeout: 15_000 }, (_e, out) => resolve(out)));
    expect(stdout.trim()).toBe('uncaught AbortError');
  });
});

describe('openContainerLog', () => {
  it('stops a follow without any error escaping, and reports no end after the stop', async () => {
    const { url, queries } = await started();
    const lines: StampedLine[] = [];
    const ends: unknown[] = [];
    const h = openContainerLog(new Log(kubeConfig(url)), { namespace: 'ns', pod: 'p', container: 'c', follow: true, tailLines: 5 }, (l) => lines.push(l), (e) => ends.push(e ?? 'clean'));
    await waitFor(() => (lines.length >= 2 ? true : undefined), { timeoutMs: 5000, message: 'two lines' });
    h.stop();
    const n = lines.length;
    // An uncaught AbortError would fail this file; give it the time to surface.
    await new Promise((r) => setTimeout(r, 200));
    expect(ends).toEqual([]);
    expect(lines.length).toBeLessThanOrEqual(n + 1);
    expect(lines[0]).toEqual({ time: Date.parse('2026-12-02T01:02:03.000Z'), nano: 1, text: 'line 1' });
    expect(queries[0]).toContain('timestamps=true');
    expect(queries[0]).toContain('tailLines=5');
  });

  it('reports a dropped connection once, with its error', async () => {
    const { url } = await started((_res, n) => (n === 3 ? 'drop' : 'go'));
    const lines: StampedLine[] = [];
    const ends: unknown[] = [];
    openContainerLog(new Log(kubeConfig(url)), { namespace: 'ns', pod: 'p', container: 'c', follow: true }, (l) => lines.push(l), (e) => ends.push(e));
    await waitFor(() => (ends.length ? true : undefined), { timeoutMs: 5000, message: 'the end' });
    await new Promise((r) => setTimeout(r, 100));
    expect(ends).toHaveLength(1);
    expect(ends[0]).toBeInstanceOf(Error);
    expect(lines.map((l) => l.text)).toEqual(['line 1', 'line 2']);
  });

  it('reports a clean end once, after the last line even without its newline', async () => {
    const { url } = await started((_res, n) => (n === 2 ? 'end' : 'go'));
    const lines: StampedLine[] = [];
    const ends: unknown[] = [];
    openContainerLog(new Log(kubeConfig(url)), { namespace: 'ns', pod: 'p', container: 'c', follow: true }, (l) => lines.push(l), (e) => ends.push(e ?? 'clean'));
    await waitFor(() => (ends.length ? true : undefined), { timeoutMs: 5000, message: 'the end' });
    expect(ends).toEqual(['clean']);
    expect(lines.map((l) => l.text)).toEqual(['line 1', 'line 2', 'last line without a newline']);
  });
});
