// The simulator's generic HTTP helpers (src/sim/http) and the Kubernetes wrapper over them: bounded bodies,
// bearer tokens, a loopback TLS server whose close() ends kept-alive connections.
import type { IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bearerCheck, newToken } from '../../src/sim/http/bearer.js';
import { BodyTooLargeError, readBody } from '../../src/sim/http/body.js';
import { sendJson } from '../../src/sim/http/reply.js';
import { generateTls } from '../../src/sim/http/tls.js';
import { createTlsServer } from '../../src/sim/http/tls-server.js';
import { readBody as readK8sBody } from '../../src/sim/k8s/http-util.js';
import { ApiError } from '../../src/sim/k8s/status.js';

function body(text: string): IncomingMessage {
  const s = new PassThrough();
  s.end(text);
  return s as unknown as IncomingMessage;
}

describe('readBody', () => {
  it('reads a body up to the limit, and refuses a larger one with BodyTooLargeError', async () => {
    expect(await readBody(body('{"a":1}'))).toBe('{"a":1}');
    await expect(readBody(body('x'.repeat(11)), 10)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('the Kubernetes side turns a body that is too large into a 400 BadRequest Status', async () => {
    const err = await readK8sBody(body('x'.repeat(8 * 1024 * 1024 + 1))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'the request body is too large' });
  });
});

describe('bearerCheck', () => {
  it('accepts exactly `Bearer <token>`', () => {
    const token = newToken();
    expect(token).toMatch(/^[\w-]{32}$/);
    const ok = bearerCheck(token);
    const req = (authorization?: string) => ({ headers: { authorization } }) as IncomingMessage;
    expect(ok(req(`Bearer ${token}`))).toBe(true);
    expect(ok(req(`Bearer ${token}x`))).toBe(false);
    expect(ok(req(token))).toBe(false);
    expect(ok(req())).toBe(false);
  });
});

describe('createTlsServer', () => {
  it('serves on loopback with the run’s certificate, and close() ends kept-alive connections at once', async () => {
    const tls = await generateTls();
    const srv = createTlsServer(tls, (_req, res) => sendJson(res, 200, { ok: true }));
    const port = await srv.listen(0);
    expect(srv.port()).toBe(port);
    const agent = new Agent({ keepAlive: true, ca: tls.caPem });
    const got = await new Promise<string>((resolve, reject) => {
      request(`https://127.0.0.1:${port}/`, { agent }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve(text));
      }).on('error', reject).end();
    });
    expect(JSON.parse(got)).toEqual({ ok: true });
    const t0 = Date.now();
    await srv.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    agent.destroy();
  });
});
