// LOKI_* as logcli reads them: the address (no default), the tenant, a bearer token or its file, basic auth,
// the CA and skip-verify; one sentence for a setting that cannot be used, never with a secret in it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lokiAuthWords, lokiSettings } from '../../src/session/loki-env.js';

const dir = mkdtempSync(join(tmpdir(), 'sc-loki-env-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('lokiSettings', () => {
  it('is undefined without LOKI_ADDR (rung 7 not connected), even with other LOKI_* set', () => {
    expect(lokiSettings({})).toBeUndefined();
    expect(lokiSettings({ LOKI_ADDR: '  ', LOKI_ORG_ID: 'box' })).toBeUndefined();
  });

  it('reads the address, tenant, CA and skip-verify', () => {
    const ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
    const s = lokiSettings({ LOKI_ADDR: 'https://127.0.0.1:3100/', LOKI_ORG_ID: 'box', LOKI_CA_CERT_PATH: ca, LOKI_TLS_SKIP_VERIFY: 'true' })!;
    expect(s).toMatchObject({ addr: 'https://127.0.0.1:3100', orgId: 'box', skipVerify: true });
    expect(s.ca).toContain('BEGIN CERTIFICATE');
    expect(s.problem).toBeUndefined();
    expect(lokiSettings({ LOKI_ADDR: 'http://loki:3100', LOKI_TLS_SKIP_VERIFY: 'false' })!.skipVerify).toBe(false);
  });

  it('takes a bearer token, from the variable or its file, or basic auth', () => {
    expect(lokiSettings({ LOKI_ADDR: 'http://l', LOKI_BEARER_TOKEN: 'tok-123456' })!.auth).toEqual({ kind: 'bearer', token: 'tok-123456', from: 'LOKI_BEARER_TOKEN' });
    const tf = file('token', 'file-token-987\n');
    expect(lokiSettings({ LOKI_ADDR: 'http://l', LOKI_BEARER_TOKEN_FILE: tf })!.auth).toEqual({ kind: 'bearer', token: 'file-token-987', from: 'LOKI_BEARER_TOKEN_FILE' });
    const basic = lokiSettings({ LOKI_ADDR: 'http://l', LOKI_USERNAME: 'ops', LOKI_PASSWORD: 'pw-secret' })!;
    expect(basic.auth).toEqual({ kind: 'basic', username: 'ops', password: 'pw-secret' });
    expect(lokiAuthWords(basic.auth)).toBe('LOKI_USERNAME/LOKI_PASSWORD');
    expect(lokiAuthWords({ kind: 'bearer', token: 'x', from: 'LOKI_BEARER_TOKEN_FILE' })).toBe('the bearer token (LOKI_BEARER_TOKEN_FILE)');
  });

  it('says in one sentence, without the secret, what cannot be used', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ LOKI_ADDR: 'loki:3100' }, /^LOKI_ADDR must be a URL/],
      [{ LOKI_ADDR: 'http://l', LOKI_CA_CERT_PATH: join(dir, 'missing.pem') }, /^LOKI_CA_CERT_PATH names .*missing\.pem, which cannot be read \(ENOENT\)/],
      [{ LOKI_ADDR: 'http://l', LOKI_BEARER_TOKEN: 'tok-abcdef', LOKI_BEARER_TOKEN_FILE: '/x' }, /both set; keep one/],
      [{ LOKI_ADDR: 'http://l', LOKI_BEARER_TOKEN: 'tok-abcdef', LOKI_USERNAME: 'ops', LOKI_PASSWORD: 'pw-secret' }, /not both/],
      [{ LOKI_ADDR: 'http://l', LOKI_PASSWORD: 'pw-secret' }, /without LOKI_USERNAME/],
      [{ LOKI_ADDR: 'http://l', LOKI_BEARER_TOKEN_FILE: file('empty', '  \n') }, /which is empty/],
    ];
    for (const [env, re] of cases) {
      const s = lokiSettings(env)!;
      expect(s.problem, JSON.stringify(env)).toMatch(re);
      expect(s.problem).not.toMatch(/tok-abcdef|pw-secret/);
      expect(s.problem!.split('\n')).toHaveLength(1);
    }
  });
});
