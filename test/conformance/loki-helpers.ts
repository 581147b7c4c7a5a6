// Talking to the simulated Loki as a client on another machine would: HTTPS with the run's CA (from
// LOKI_CA_CERT_PATH), curl, and the real `ws` WebSocket client for the tail.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import WebSocket from 'ws';
import type { SimHandle } from '../../src/sim/index.js';

export interface Reply {
  status: number;
  type: string;
  text: string;
  json: any;
}

export function lokiGet(sim: SimHandle, path: string, params: Record<string, string | string[]> = {}, headers: Record<string, string> = {}): Promise<Reply> {
  const url = new URL(path, sim.env.LOKI_ADDR);
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) url.searchParams.append(k, x);
  const ca = readFileSync(sim.env.LOKI_CA_CERT_PATH!, 'utf8');
  return new Promise((resolve, reject) => {
    request(url, { ca, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => {
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text, json });
      });
    })
      .on('error', reject)
      .end();
  });
}

export function curl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', ...args], { timeout: 20_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

export interface TailMessage {
  streams?: { stream: Record<string, string>; values: [string, string][] }[];
  dropped_entries?: { labels: Record<string, string>; timestamp: string }[];
}

/** Opens /loki/api/v1/tail with the real ws client; messages and the close (code, reason) are recorded. */
export function openTail(sim: SimHandle, params: Record<string, string>): { ws: WebSocket; messages: TailMessage[]; closed: Promise<{ code: number; reason: string }>; opened: Promise<void> } {
  const url = new URL('/loki/api/v1/tail', sim.env.LOKI_ADDR!.replace(/^https/, 'wss'));
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const ws = new WebSocket(url, { ca: readFileSync(sim.env.LOKI_CA_CERT_PATH!, 'utf8') });
  const messages: TailMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  // A client that never waits for the opening (a resuming one, closed while it reconnects: ws then aborts the
  // handshake with "closed before the connection was established") must not leave the rejection unhandled.
  opened.catch(() => undefined);
  return { ws, messages, closed, opened };
}

/** Every entry of tail messages, in arrival order, as [ns, line, pod]. */
export function tailEntries(messages: TailMessage[]): [string, string, string][] {
  return messages.flatMap((m) => (m.streams ?? []).flatMap((s) => s.values.map(([ns, line]) => [ns, line, s.stream.pod!] as [string, string, string])));
}
