// One sentence, with what to do next, for anything Loki answers with or fails with, and what kind of failure
// it is. Loki's errors are text/plain (pkg/util/server/error.go): a 400 is its parse or limit error, quoted
// ("Loki refused the query: parse error at line 1, col 8: ..."). The client passes its own secrets to scrub,
// so a server that echoes a header still cannot put a token into a message.

export type LokiFailure = 'refused' | 'unauthorized' | 'forbidden' | 'not-found' | 'rate-limited' | 'unreachable' | 'timeout' | 'tls' | 'tail-limit' | 'closed' | 'error';

export class LokiError extends Error {
  constructor(
    readonly kind: LokiFailure,
    sentence: string,
    readonly status?: number,
  ) {
    super(sentence);
    this.name = 'LokiError';
  }
}

/** Loki's tail closes with 1011 and this text at the querier's tail max duration (pkg/querier/tail). */
export const TAIL_MAX_DURATION = 'reached tail max duration limit';

const TIMEOUTS = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** The first line of a server's text, trimmed, without token-shaped words or the given secrets. */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let t = text.trim().split('\n')[0]!.trim();
  for (const s of secrets) if (s.length >= 4) t = t.split(s).join('***');
  t = t.replace(/Bearer\s+\S+/gi, 'Bearer ***').replace(/Basic\s+[A-Za-z0-9+/=]{8,}/g, 'Basic ***');
  return t.length > 300 ? `${t.slice(0, 297)}...` : t;
}

/** The error for an HTTP answer other than 200 (also a tail's refused upgrade). */
export function httpError(status: number, body: string, addr: string, authWords: string | undefined, secrets: readonly string[] = []): LokiError {
  const text = scrub(body, secrets).replace(/\.$/, '');
  const said = text ? `: ${text}` : '';
  if (status === 400) return new LokiError('refused', `Loki refused the query${said || ` (400)`}.`, status);
  if (status === 401) {
    const what = authWords ? `${authWords}` : 'a request without credentials (set LOKI_BEARER_TOKEN or LOKI_USERNAME/LOKI_PASSWORD)';
    return new LokiError('unauthorized', `Loki at ${addr} refused ${what} (401); check the credentials.`, status);
  }
  if (status === 403) return new LokiError('forbidden', `Loki at ${addr} forbids this (403${said}); check the tenant (LOKI_ORG_ID) and what the credentials may read.`, status);
  if (status === 404) return new LokiError('not-found', `Loki at ${addr} has no such API (404); is LOKI_ADDR Loki's own address (not Grafana's)?`, status);
  if (status === 429) return new LokiError('rate-limited', `Loki at ${addr} is limiting us (429${said}); narrow the query or try again shortly.`, status);
  return new LokiError('error', `Loki at ${addr} answered ${status}${said}.`, status);
}

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const c = e?.code ?? e?.cause?.code;
  return typeof c === 'string' ? c : undefined;
}

/** The error for a request that got no answer: refused, timed out, an untrusted certificate. */
export function transportError(err: unknown, addr: string, timeoutMs: number): LokiError {
  if (err instanceof LokiError) return err;
  const code = codeOf(err);
  const name = (err as { name?: unknown })?.name;
  if ((code && TIMEOUTS.has(code) && code !== 'ECONNABORTED') || name === 'TimeoutError') {
    return new LokiError('timeout', `Loki at ${addr} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}; is it up, and is LOKI_ADDR right?`);
  }
  if (code && (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code.startsWith('ERR_SSL'))) {
    return new LokiError('tls', `Loki at ${addr} has a TLS certificate we do not trust (${code}); set LOKI_CA_CERT_PATH to its CA's PEM file.`);
  }
  if (code === 'ECONNREFUSED') return new LokiError('unreachable', `Loki at ${addr} is unreachable (connection refused); is it running, and is LOKI_ADDR right?`);
  if (code && UNREACHABLE.has(code)) return new LokiError('unreachable', `Loki at ${addr} is unreachable (${code}); check LOKI_ADDR and the network.`);
  return new LokiError('error', `Loki at ${addr} failed: ${scrub(String((err as Error)?.message ?? err))}`);
}

/** The error for a tail that the server (or the network) closed: its code and reason. */
export function tailCloseError(code: number, reason: string, addr: string): LokiError {
  const why = scrub(reason);
  if (code === 1011 && why.includes(TAIL_MAX_DURATION)) return new LokiError('tail-limit', `Loki ended the tail at its maximum duration (${TAIL_MAX_DURATION}).`);
  if (code === 1000) return new LokiError('closed', `Loki at ${addr} closed the tail.`);
  return new LokiError('closed', `Loki at ${addr} closed the tail (${code}${why ? `: ${why}` : ''}).`);
}
