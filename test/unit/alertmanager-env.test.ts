// AlertManager's settings as amtool finds them: the flag, then ALERTMANAGER_URL, then the config file, then
// http://localhost:9093; a path prefix kept (the client appends /api/v2/...); Grafana's built-in Alertmanager by
// its path, with GRAFANA_TOKEN (missing: one sentence); credentials in a URL used but never shown.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
import { alertmanagerSettings, DEFAULT_ALERTMANAGER_URL } from '../../src/session/alertmanager-env.js';

describe('alertmanagerSettings', () => {
  it('takes the flag over ALERTMANAGER_URL over the config file over the default', () => {
    const env = { ALERTMANAGER_URL: 'http://env.example:9093' };
    expect(alertmanagerSettings(env, { flag: 'http://flag.example:9093', file: 'http://file.example:9093' })).toMatchObject({ url: 'http://flag.example:9093', from: '--alertmanager.url' });
    expect(alertmanagerSettings(env, { file: 'http://file.example:9093' })).toMatchObject({ url: 'http://env.example:9093', from: 'ALERTMANAGER_URL' });
    expect(alertmanagerSettings({}, { file: 'http://file.example:9093' })).toMatchObject({ url: 'http://file.example:9093', from: 'the config file' });
    expect(alertmanagerSettings({ ALERTMANAGER_URL: '  ' })).toMatchObject({ url: DEFAULT_ALERTMANAGER_URL, from: 'the default', flavour: 'alertmanager' });
    expect(DEFAULT_ALERTMANAGER_URL).toBe('http://localhost:9093');
  });

  it('keeps a path prefix, drops a trailing slash or /api/v2, the query and the fragment', () => {
    expect(alertmanagerSettings({ ALERTMANAGER_URL: 'https://ops.example/alertmanager/' }).base).toBe('https://ops.example/alertmanager');
    expect(alertmanagerSettings({ ALERTMANAGER_URL: 'http://am:9093/api/v2/?x=1#y' }).base).toBe('http://am:9093');
  });

  it("sees Grafana's built-in Alertmanager by its path and wants GRAFANA_TOKEN", () => {
    const g = alertmanagerSettings({ ALERTMANAGER_URL: 'https://grafana.example/api/alertmanager/grafana', GRAFANA_TOKEN: 'glsa_abc123456789' });
    expect(g).toMatchObject({ flavour: 'grafana', base: 'https://grafana.example/api/alertmanager/grafana', auth: { kind: 'bearer', token: 'glsa_abc123456789', from: 'GRAFANA_TOKEN' } });
    expect(g.problem).toBeUndefined();
    const missing = alertmanagerSettings({ ALERTMANAGER_URL: 'https://grafana.example/api/alertmanager/grafana/api/v2/' });
    expect(missing.flavour).toBe('grafana');
    expect(missing.problem).toBe("Grafana's Alertmanager at https://grafana.example/api/alertmanager/grafana needs a token: set GRAFANA_TOKEN to a Grafana service account token that may read alerts.");
    // A plain AlertManager never gets the Grafana token.
    expect(alertmanagerSettings({ ALERTMANAGER_URL: 'http://am:9093', GRAFANA_TOKEN: 'glsa_abc123456789' }).auth).toBeUndefined();
  });

  it('uses user:password@ as basic auth and never shows it', () => {
    const s = alertmanagerSettings({ ALERTMANAGER_URL: 'https://ops:s3cr%40t@am.example:9093/' });
    expect(s.auth).toEqual({ kind: 'basic', username: 'ops', password: 's3cr@t' });
    expect(s.url).toBe('https://am.example:9093');
    expect(JSON.stringify({ url: s.url, base: s.base, problem: s.problem })).not.toContain('s3cr');
    const bad = alertmanagerSettings({ ALERTMANAGER_URL: 'ftp://ops:hunter22@am.example' });
    expect(bad.problem).toBe('ALERTMANAGER_URL must be an http(s) URL such as http://alertmanager.example:9093, not "ftp://am.example".');
    expect(alertmanagerSettings({}, { flag: 'not a url' }).problem).toMatch(/^--alertmanager\.url must be an http\(s\) URL/);
  });

  it('reads ALERTMANAGER_CA_CERT_PATH, or says in one sentence why not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-am-env-'));
    made.push(dir);
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
    expect(alertmanagerSettings({ ALERTMANAGER_URL: 'https://am:9093', ALERTMANAGER_CA_CERT_PATH: join(dir, 'ca.pem') }).ca).toContain('BEGIN CERTIFICATE');
    expect(alertmanagerSettings({ ALERTMANAGER_URL: 'https://am:9093', ALERTMANAGER_CA_CERT_PATH: join(dir, 'nope.pem') }).problem).toBe(`ALERTMANAGER_CA_CERT_PATH names ${join(dir, 'nope.pem')}, which cannot be read (ENOENT); fix it or unset it.`);
  });
});
