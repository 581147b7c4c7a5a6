// Where Loki is, from the environment, as logcli reads it (cmd/logcli/main.go): LOKI_ADDR (no default here:
// without it rung 7 is "not connected", never a guess at localhost), LOKI_ORG_ID (-> X-Scope-OrgID),
// LOKI_BEARER_TOKEN or LOKI_BEARER_TOKEN_FILE, LOKI_USERNAME / LOKI_PASSWORD (basic auth), LOKI_CA_CERT_PATH
// and LOKI_TLS_SKIP_VERIFY. The secrets stay in this record, which only the Loki client reads; a message
// names the variable, never its value. Pure but for reading the two files it names.
import { readFileSync } from 'node:fs';
import type { Env } from './settings.js';

export type LokiAuth =
  | { kind: 'bearer'; token: string; from: 'LOKI_BEARER_TOKEN' | 'LOKI_BEARER_TOKEN_FILE' }
  | { kind: 'basic'; username: string; password: string };

export interface LokiSettings {
  /** LOKI_ADDR without a trailing slash. */
  addr: string;
  /** LOKI_ORG_ID: the tenant, sent as X-Scope-OrgID. */
  orgId?: string;
  auth?: LokiAuth;
  /** PEM text of LOKI_CA_CERT_PATH. */
  ca?: string;
  /** LOKI_TLS_SKIP_VERIFY: TLS certificates are not checked. */
  skipVerify: boolean;
  /** One sentence: a setting that cannot be used (an unreadable file, two kinds of credentials); the source shows it instead of reading. */
  problem?: string;
}

const TRUE = new Set(['1', 'true', 'yes', 'on', 't']);

function get(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function readNamed(name: string, path: string): { text?: string; problem?: string } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (err) {
    return { problem: `${name} names ${path}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read failed'}); fix it or unset it.` };
  }
}

/** The Loki settings, or undefined when LOKI_ADDR is not set (rung 7: not connected). */
export function lokiSettings(env: Env): LokiSettings | undefined {
  const addr = get(env, 'LOKI_ADDR');
  if (!addr) return undefined;
  const s: LokiSettings = { addr: addr.replace(/\/+$/, ''), skipVerify: TRUE.has((get(env, 'LOKI_TLS_SKIP_VERIFY') ?? '').toLowerCase()) };
  const problems: string[] = [];
  const org = get(env, 'LOKI_ORG_ID');
  if (org) s.orgId = org;

  const token = get(env, 'LOKI_BEARER_TOKEN');
  const tokenFile = get(env, 'LOKI_BEARER_TOKEN_FILE');
  const username = get(env, 'LOKI_USERNAME');
  const password = env.LOKI_PASSWORD ?? '';
  if (token && tokenFile) problems.push('LOKI_BEARER_TOKEN and LOKI_BEARER_TOKEN_FILE are both set; keep one.');
  else if ((token || tokenFile) && (username || password)) problems.push('Loki takes a bearer token or a username and password, not both: unset LOKI_BEARER_TOKEN(_FILE) or LOKI_USERNAME/LOKI_PASSWORD.');
  else if (token) s.auth = { kind: 'bearer', token, from: 'LOKI_BEARER_TOKEN' };
  else if (tokenFile) {
    const f = readNamed('LOKI_BEARER_TOKEN_FILE', tokenFile);
    const t = f.text?.trim();
    if (f.problem) problems.push(f.problem);
    else if (!t) problems.push(`LOKI_BEARER_TOKEN_FILE names ${tokenFile}, which is empty.`);
    else s.auth = { kind: 'bearer', token: t, from: 'LOKI_BEARER_TOKEN_FILE' };
  } else if (username || password) {
    if (!username) problems.push('LOKI_PASSWORD is set without LOKI_USERNAME; set both, or neither.');
    else s.auth = { kind: 'basic', username, password };
  }

  const caPath = get(env, 'LOKI_CA_CERT_PATH');
  if (caPath) {
    const f = readNamed('LOKI_CA_CERT_PATH', caPath);
    if (f.problem) problems.push(f.problem);
    else s.ca = f.text!;
  }
  if (!/^https?:\/\/[^/\s]+/.test(s.addr)) problems.unshift(`LOKI_ADDR must be a URL such as https://loki.example:3100, not "${s.addr}".`);
  if (problems.length) s.problem = problems[0];
  return s;
}

/** Where the credentials come from, for messages ("the bearer token (LOKI_BEARER_TOKEN)"); never the value. */
export function lokiAuthWords(auth: LokiAuth | undefined): string | undefined {
  if (!auth) return undefined;
  return auth.kind === 'bearer' ? `the bearer token (${auth.from})` : 'LOKI_USERNAME/LOKI_PASSWORD';
}
