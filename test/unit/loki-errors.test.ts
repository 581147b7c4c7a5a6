// Every way Loki fails, in one sentence with what to do next, and never with a credential in it.
import { describe, expect, it } from 'vitest';
import { httpError, scrub, tailCloseError, transportError } from '../../src/sources/loki/errors.js';

const ADDR = 'https://loki.example:3100';

describe('Loki errors', () => {
  it("quotes Loki's 400 as the query's refusal", () => {
    const e = httpError(400, 'parse error at line 1, col 8: syntax error: unexpected IDENTIFIER\n', ADDR, undefined);
    expect(e.kind).toBe('refused');
    expect(e.message).toBe('Loki refused the query: parse error at line 1, col 8: syntax error: unexpected IDENTIFIER.');
    expect(httpError(400, '', ADDR, undefined).message).toBe('Loki refused the query (400).');
  });

  it('says whose credentials were refused, forbidden, missing API, rate limit, server error', () => {
    expect(httpError(401, 'no org id', ADDR, 'the bearer token (LOKI_BEARER_TOKEN)').message).toBe(`Loki at ${ADDR} refused the bearer token (LOKI_BEARER_TOKEN) (401); check the credentials.`);
    expect(httpError(401, '', ADDR, undefined).message).toMatch(/without credentials \(set LOKI_BEARER_TOKEN/);
    expect(httpError(403, 'tenant denied', ADDR, undefined)).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(httpError(403, 'tenant denied', ADDR, undefined).message).toMatch(/LOKI_ORG_ID/);
    expect(httpError(404, '404 page not found', ADDR, undefined).message).toMatch(/not Grafana's/);
    expect(httpError(429, 'max concurrent tail requests limit exceeded', ADDR, undefined).kind).toBe('rate-limited');
    expect(httpError(502, 'bad gateway', ADDR, undefined).message).toBe(`Loki at ${ADDR} answered 502: bad gateway.`);
  });

  it('scrubs the credentials and anything token-shaped a server echoes', () => {
    const e = httpError(400, 'bad header Authorization: Bearer tok-SECRET-1 and pw-SECRET-2', ADDR, undefined, ['pw-SECRET-2']);
    expect(e.message).not.toMatch(/SECRET/);
    expect(scrub('Basic b3BzOnB3LXNlY3JldA== rest')).toBe('Basic *** rest');
  });

  it('names unreachable, timeout and TLS failures', () => {
    expect(transportError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), ADDR, 10_000).message).toBe(`Loki at ${ADDR} is unreachable (connection refused); is it running, and is LOKI_ADDR right?`);
    expect(transportError(Object.assign(new Error('x'), { code: 'ENOTFOUND' }), ADDR, 10_000).kind).toBe('unreachable');
    expect(transportError(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }), ADDR, 10_000).message).toBe(`Loki at ${ADDR} did not answer within 10 s; is it up, and is LOKI_ADDR right?`);
    expect(transportError(Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), ADDR, 10_000).message).toMatch(/LOKI_CA_CERT_PATH/);
  });

  it("knows the tail's max duration close from a dropped tail", () => {
    expect(tailCloseError(1011, 'reached tail max duration limit', ADDR).kind).toBe('tail-limit');
    expect(tailCloseError(1006, '', ADDR)).toMatchObject({ kind: 'closed', message: `Loki at ${ADDR} closed the tail (1006).` });
    expect(tailCloseError(1011, 'querier died', ADDR).message).toBe(`Loki at ${ADDR} closed the tail (1011: querier died).`);
  });
});
