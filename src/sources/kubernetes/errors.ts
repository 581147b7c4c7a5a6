// The Kubernetes source's reading of an informer's error: its HTTP code, what kind of failure it is, and one
// sentence for the health line.
import { describeKubeError, statusOf } from '../../kube/client.js';

export function errorCode(err: unknown): number | undefined {
  const st = statusOf(err);
  if (st?.code) return st.code;
  const e = err as { statusCode?: unknown; code?: unknown };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.code === 'number') return e.code;
  return undefined;
}

/**
 * What kind of failure an error from the API is: our credentials refused (401), forbidden (403), the API
 * unreachable (refused, no such host, the connection dropped: no HTTP answer), timing out (a connect, header or
 * request timeout; 408 or 504), or some other error the API answered with.
 */
export type FailureKind = 'unauthorized' | 'forbidden' | 'unreachable' | 'timeout' | 'error';

const DROPPED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'UND_ERR_CLOSED']);
const TIMEOUTS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TIMEOUT_NAMES = new Set(['TimeoutError', 'ConnectTimeoutError', 'HeadersTimeoutError', 'BodyTimeoutError']);

/** The system error code of a network failure (on the error or its cause), if any. */
function networkCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function failureKind(err: unknown): FailureKind {
  const http = errorCode(err);
  if (http === 401) return 'unauthorized';
  if (http === 403) return 'forbidden';
  if (http === 408 || http === 504) return 'timeout';
  if (http !== undefined) return 'error';
  const code = networkCode(err);
  const e = err as { name?: unknown; cause?: { name?: unknown } };
  if ((code && TIMEOUTS.has(code)) || TIMEOUT_NAMES.has(String(e?.name)) || TIMEOUT_NAMES.has(String(e?.cause?.name))) return 'timeout';
  return 'unreachable';
}

/** describeKubeError, plus a plain sentence for a connection dropped mid-watch (undici's "other side closed"). */
export function describeSourceError(err: unknown): string {
  const code = networkCode(err);
  if (code && DROPPED.has(code)) return 'The Kubernetes API dropped the connection; reconnecting.';
  return describeKubeError(err);
}
