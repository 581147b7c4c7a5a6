// One sentence, with what to do next, for anything OpenBao (or the Kubernetes pod proxy in front of a replica)
// answers with or fails with, and what kind of failure it is. A Kubernetes Status body (kind: Status) is the
// API server's own answer about the proxy, not OpenBao's. Never contains a token or a share: node-vault's
// messages are OpenBao's errors[0], which quote neither.

export type BaoFailure = 'unreachable' | 'timeout' | 'tls' | 'forbidden' | 'unauthorized' | 'proxy-forbidden' | 'proxy-unreachable' | 'sealed' | 'error';

export interface BaoErrorInfo {
  kind: BaoFailure;
  /** The HTTP status, when there was an answer. */
  status?: number;
  sentence: string;
}

const TIMEOUTS = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const c = e?.code ?? e?.cause?.code;
  return typeof c === 'string' ? c : undefined;
}

/** Strips anything token-shaped that a message could carry (an OpenBao error never should). */
function clean(text: string): string {
  return text.replace(/\b(?:hvs|hvb|s|b)\.[A-Za-z0-9_-]{8,}/g, '***').replace(/Bearer\s+\S+/gi, 'Bearer ***').split('\n')[0]!;
}

/**
 * `where`: 'OpenBao at https://...' or 'openbao-0 (through the Kubernetes API)'; `what`: the request in a few
 * words ('reading the seal status'), for a 403.
 */
export function describeBaoError(err: unknown, where: string, tokenFrom?: string): BaoErrorInfo {
  const res = (err as { response?: { statusCode?: number; body?: any } })?.response;
  if (res && typeof res.statusCode === 'number') {
    const status = res.statusCode;
    const body = res.body;
    if (body && typeof body === 'object' && body.kind === 'Status') {
      const msg = typeof body.message === 'string' ? clean(body.message) : `status ${status}`;
      if (status === 401) return { kind: 'unauthorized', status, sentence: `The Kubernetes API refused our credentials for the pod proxy to ${where} (401); check the kubeconfig's user.` };
      if (status === 403) return { kind: 'proxy-forbidden', status, sentence: `The Kubernetes API forbids the pod proxy to ${where} (403: ${msg}); the kubeconfig user needs get on pods/proxy in namespace openbao.` };
      return { kind: 'proxy-unreachable', status, sentence: `The Kubernetes API could not reach ${where} (${status}: ${msg}); is the pod running (kubectl get pods -n openbao)?` };
    }
    const first = Array.isArray(body?.errors) && typeof body.errors[0] === 'string' ? clean(body.errors[0]) : '';
    if (status === 403) {
      const src = tokenFrom ? ` (from ${tokenFrom})` : '';
      return { kind: 'forbidden', status, sentence: `${where} refused the token${src} (403${first ? `: ${first}` : ''}): it is expired, revoked or lacks a policy; log in again (bao login) or set BAO_TOKEN to a token allowed to do this.` };
    }
    if (status === 503 && /sealed/i.test(first)) return { kind: 'sealed', status, sentence: `${where} is sealed; unseal it first (3 of 5 key shares: sunbeam-console vault unseal).` };
    if (status === 401) return { kind: 'forbidden', status, sentence: `${where} wants a token (401); set BAO_TOKEN (or run bao login).` };
    return { kind: 'error', status, sentence: `${where} answered ${status}${first ? `: ${first}` : ''}.` };
  }
  const code = codeOf(err);
  const name = (err as { name?: unknown })?.name;
  if ((code && TIMEOUTS.has(code)) || name === 'TimeoutError' || /timeout/i.test(String((err as Error)?.message ?? ''))) {
    return { kind: 'timeout', sentence: `${where} did not answer in time; is it up, and is the address right?` };
  }
  if (code && (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')) {
    return { kind: 'tls', sentence: `${where}'s TLS certificate is not trusted (${code}); set BAO_CACERT to the CA's PEM file.` };
  }
  if (code === 'ECONNREFUSED') return { kind: 'unreachable', sentence: `${where} is unreachable (connection refused); is OpenBao running, and is BAO_ADDR right?` };
  if (code && UNREACHABLE.has(code)) return { kind: 'unreachable', sentence: `${where} is unreachable (${code}); check the address and the network.` };
  const msg = clean(String((err as Error)?.message ?? err));
  return { kind: 'error', sentence: `${where} failed: ${msg}` };
}
