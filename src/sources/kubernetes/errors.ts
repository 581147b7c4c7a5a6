// The Kubernetes source's reading of an informer's error: its HTTP code, and one sentence for the health line.
import { describeKubeError, statusOf } from '../../kube/client.js';

export function errorCode(err: unknown): number | undefined {
  const st = statusOf(err);
  if (st?.code) return st.code;
  const e = err as { statusCode?: unknown; code?: unknown };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.code === 'number') return e.code;
  return undefined;
}

const DROPPED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'UND_ERR_CLOSED']);

/** describeKubeError, plus a plain sentence for a connection dropped mid-watch (undici's "other side closed"). */
export function describeSourceError(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = e?.cause?.code ?? e?.code;
  if (typeof code === 'string' && DROPPED.has(code)) return 'The Kubernetes API dropped the connection; reconnecting.';
  return describeKubeError(err);
}
