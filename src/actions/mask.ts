// Secret masking for everything that is journaled or shown: declared secret params, params whose NAME says
// secret (token, password, key...), and any value that looks like a token or key.
import type { ParamSpec } from './types.js';

export const MASK = '***';

const SECRET_NAME = /(token|password|passwd|secret|unseal|api[-_]?key|private[-_]?key|credential|^key\d*$)/i;

const TOKEN_SHAPES: RegExp[] = [
  /\b(?:hvs|hvb|hvr|s|b|r)\.[A-Za-z0-9_-]{16,}\b/g, // Vault/OpenBao tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, // JWT
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(?:ghp|gho|ghs|glpat|xox[abpr])[-_][A-Za-z0-9_-]{10,}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b[A-Fa-f0-9]{32,}\b/g, // hex keys
  // Long base64 blobs (unseal keys): mixed case and a digit, so Kubernetes names (lowercase) never match.
  /(?<![A-Za-z0-9+/=_])(?=[A-Za-z0-9+/_]*[A-Z])(?=[A-Za-z0-9+/_]*[a-z])(?=[A-Za-z0-9+/_]*[0-9])[A-Za-z0-9+/_]{32,}={0,2}(?![A-Za-z0-9+/=_])/g,
];

/** Replaces every token-shaped substring of a free text (a note, an error message) with ***. */
export function maskText(text: string): string {
  let out = text;
  for (const re of TOKEN_SHAPES) {
    re.lastIndex = 0;
    out = out.replace(re, (m) => (/^(Bearer|Basic)\s/i.test(m) ? `${m.split(/\s+/)[0]} ${MASK}` : MASK));
  }
  return out;
}

/** The params as they may be journaled: declared-secret and secret-named params, and token shapes, masked. */
export function maskParams(params: Record<string, unknown>, specs: ParamSpec[] = []): Record<string, string> {
  const secretNames = new Set(specs.filter((s) => s.secret).map((s) => s.name));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
    if (secretNames.has(k) || SECRET_NAME.test(k)) out[k] = MASK;
    else out[k] = maskText(s);
  }
  return out;
}
