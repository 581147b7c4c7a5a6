// Where AlertManager is, as amtool finds it: --alertmanager.url (the flag), then ALERTMANAGER_URL, then the
// config file's alertmanager.url, then amtool's default http://localhost:9093 (so the source always runs outside
// --demo, and says plainly when nothing answers there). A URL may carry a path prefix (a reverse proxy's
// /alertmanager); the client appends /api/v2/... to it, as amtool does. A path with /api/alertmanager/ in it is
// Grafana's built-in Alertmanager (https://grafana.example/api/alertmanager/grafana), which wants a bearer
// token: GRAFANA_TOKEN (a service account token). user:password@ in the URL is basic auth (as amtool takes it)
// and is never shown. ALERTMANAGER_CA_CERT_PATH adds a CA for https. The secrets stay in this record, which
// only the AlertManager client reads; a message names the variable, never its value. Pure but for reading the CA file.
import { readFileSync } from 'node:fs';
import type { Env } from './settings.js';

export const DEFAULT_ALERTMANAGER_URL = 'http://localhost:9093';

export type AlertmanagerAuth = { kind: 'bearer'; token: string; from: 'GRAFANA_TOKEN' } | { kind: 'basic'; username: string; password: string };

/** Which setting named the URL (for messages: what to change). */
export type AlertmanagerUrlFrom = '--alertmanager.url' | 'ALERTMANAGER_URL' | 'the config file' | 'the default';

export interface AlertmanagerSettings {
  /** The URL as shown: no credentials, no trailing slash, no trailing /api/v2. */
  url: string;
  /** What requests go to: `${base}/api/v2/alerts` (no credentials in it either). */
  base: string;
  flavour: 'alertmanager' | 'grafana';
  from: AlertmanagerUrlFrom;
  auth?: AlertmanagerAuth;
  /** PEM text of ALERTMANAGER_CA_CERT_PATH. */
  ca?: string;
  /** One sentence: a setting that cannot be used; nothing is sent then. */
  problem?: string;
}

function get(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function pick(flag: string | undefined, env: Env, file: string | undefined): { raw: string; from: AlertmanagerUrlFrom } {
  if (flag?.trim()) return { raw: flag.trim(), from: '--alertmanager.url' };
  const e = get(env, 'ALERTMANAGER_URL');
  if (e) return { raw: e, from: 'ALERTMANAGER_URL' };
  if (file?.trim()) return { raw: file.trim(), from: 'the config file' };
  return { raw: DEFAULT_ALERTMANAGER_URL, from: 'the default' };
}

/** The raw text without a user:password@ part, for a message about a URL that did not parse. */
function withoutUserinfo(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');
}

/**
 * The AlertManager settings: `flag` is --alertmanager.url, `file` the config file's alertmanager.url (the
 * environment wins over the file, the flag over both).
 */
export function alertmanagerSettings(env: Env, opts: { flag?: string; file?: string } = {}): AlertmanagerSettings {
  const { raw, from } = pick(opts.flag, env, opts.file);
  let u: URL | undefined;
  try {
    u = new URL(raw);
  } catch {
    u = undefined;
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) {
    const shown = withoutUserinfo(raw);
    return { url: shown, base: shown, flavour: 'alertmanager', from, problem: `${from} must be an http(s) URL such as http://alertmanager.example:9093, not "${shown}".` };
  }
  const username = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  u.search = '';
  u.hash = '';
  const path = u.pathname.replace(/\/+$/, '').replace(/\/api\/v2$/, '');
  const base = `${u.origin}${path}`;
  const flavour = /\/api\/alertmanager\//.test(`${path}/`) ? 'grafana' : 'alertmanager';
  const s: AlertmanagerSettings = { url: base, base, flavour, from };
  const problems: string[] = [];
  const token = get(env, 'GRAFANA_TOKEN');
  if (username || password) s.auth = { kind: 'basic', username, password };
  else if (flavour === 'grafana') {
    if (token) s.auth = { kind: 'bearer', token, from: 'GRAFANA_TOKEN' };
    else problems.push(`Grafana's Alertmanager at ${base} needs a token: set GRAFANA_TOKEN to a Grafana service account token that may read alerts.`);
  }
  const caPath = get(env, 'ALERTMANAGER_CA_CERT_PATH');
  if (caPath) {
    try {
      s.ca = readFileSync(caPath, 'utf8');
    } catch (err) {
      problems.push(`ALERTMANAGER_CA_CERT_PATH names ${caPath}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read failed'}); fix it or unset it.`);
    }
  }
  if (problems.length) s.problem = problems[0];
  return s;
}

/** Where the credentials come from, for messages ("the token in GRAFANA_TOKEN"); never the value. */
export function alertmanagerAuthWords(auth: AlertmanagerAuth | undefined): string | undefined {
  if (!auth) return undefined;
  return auth.kind === 'bearer' ? `the token in ${auth.from}` : "the URL's user and password";
}
