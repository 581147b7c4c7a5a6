// Where OpenBao is, from the environment, as the bao CLI reads it: BAO_* first, then the VAULT_* spellings
// (OpenBao accepts both and prefers BAO_*); the token from BAO_TOKEN, VAULT_TOKEN, then ~/.vault-token (the
// file `bao login` writes). node-vault itself reads only VAULT_*, so the session maps these by hand and passes
// them to it; nothing here is read again later. Pure but for reading the two files it names.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from './settings.js';

export interface BaoSettings {
  /** BAO_ADDR or VAULT_ADDR, without a trailing slash. */
  addr: string;
  /** Which variable named the address (for messages). */
  addrFrom: 'BAO_ADDR' | 'VAULT_ADDR';
  /** The token, when one was found; never printed. */
  token?: string;
  /** Where the token came from (for messages): 'BAO_TOKEN', 'VAULT_TOKEN' or '~/.vault-token'. */
  tokenFrom?: string;
  /** PEM text of BAO_CACERT / VAULT_CACERT. */
  ca?: string;
  /** BAO_SKIP_VERIFY / VAULT_SKIP_VERIFY: TLS certificates are not checked. */
  skipVerify: boolean;
  /** One sentence: a setting that could not be used (a CA file that cannot be read); the source shows it. */
  problem?: string;
}

const TRUE = new Set(['1', 'true', 'yes', 'on', 't']);

function pick(env: Env, ...names: string[]): [string, string] | undefined {
  for (const n of names) {
    const v = env[n];
    if (v !== undefined && v.trim() !== '') return [n, v.trim()];
  }
  return undefined;
}

/** The OpenBao settings, or undefined when neither BAO_ADDR nor VAULT_ADDR is set (rung 4: not connected). */
export function baoSettings(env: Env, opts: { tokenFile?: boolean } = {}): BaoSettings | undefined {
  const addr = pick(env, 'BAO_ADDR', 'VAULT_ADDR');
  if (!addr) return undefined;
  const s: BaoSettings = { addr: addr[1].replace(/\/+$/, ''), addrFrom: addr[0] as BaoSettings['addrFrom'], skipVerify: false };
  const skip = pick(env, 'BAO_SKIP_VERIFY', 'VAULT_SKIP_VERIFY');
  s.skipVerify = !!skip && TRUE.has(skip[1].toLowerCase());
  const token = pick(env, 'BAO_TOKEN', 'VAULT_TOKEN');
  if (token) {
    s.token = token[1];
    s.tokenFrom = token[0];
  } else if (opts.tokenFile !== false) {
    try {
      const t = readFileSync(join(env.HOME || homedir(), '.vault-token'), 'utf8').trim();
      if (t) {
        s.token = t;
        s.tokenFrom = '~/.vault-token';
      }
    } catch {
      // No token file: reads that need a token say so.
    }
  }
  const ca = pick(env, 'BAO_CACERT', 'VAULT_CACERT');
  if (ca) {
    try {
      s.ca = readFileSync(ca[1], 'utf8');
    } catch (err) {
      s.problem = `${ca[0]} names ${ca[1]}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read failed'}); fix it or unset it.`;
    }
  }
  if (!/^https?:\/\//.test(s.addr)) s.problem = `${s.addrFrom} must be a URL such as https://127.0.0.1:8200, not "${s.addr}".`;
  return s;
}
