// One sentence, with what to do next, for anything AlertManager (or Grafana's built-in Alertmanager) answers
// with or fails with, and what kind of failure it is. AlertManager's 400 and 500 bodies are a JSON string
// ("silence not found", "start time must be before end time"); its request validation answers 422 with
// {code, message}; Grafana answers {message}. The client passes its secrets to scrub, so a server that echoes a
// header still cannot put a token into a message.
import { scrub } from '../loki/errors.js';
import type { AlertmanagerUrlFrom } from '../../session/alertmanager-env.js';

export type AlertmanagerFailure = 'refused' | 'unreachable' | 'timeout' | 'tls' | 'unauthorized' | 'forbidden' | 'not-found' | 'bad-request' | 'server' | 'error';

export class AlertmanagerError extends Error {
  constructor(
    readonly kind: AlertmanagerFailure,
    sentence: string,
    readonly status?: number,
  ) {
    super(sentence);
    this.name = 'AlertmanagerError';
  }
}

/** What the request was about and where it went, for the sentence. */
export interface Where {
  url: string;
  flavour: 'alertmanager' | 'grafana';
  from: AlertmanagerUrlFrom;
  authWords?: string;
  secrets: readonly string[];
}

function label(w: Where): string {
  return w.flavour === 'grafana' ? `Grafana's Alertmanager at ${w.url}` : `AlertManager at ${w.url}`;
}

/** What to change, for "does not answer": the default URL says how to set one. */
function setHint(w: Where): string {
  return w.from === 'the default' ? 'set ALERTMANAGER_URL or --alertmanager.url' : `check ${w.from}`;
}

/** The reason in an error body: a JSON string, {message}, {error}, or the text's first line. */
export function bodyReason(body: string, secrets: readonly string[] = []): string {
  const t = body.trim();
  if (!t) return '';
  try {
    const v = JSON.parse(t) as unknown;
    if (typeof v === 'string') return scrub(v, secrets);
    if (v && typeof v === 'object') {
      const o = v as { message?: unknown; error?: unknown };
      if (typeof o.message === 'string') return scrub(o.message, secrets);
      if (typeof o.error === 'string') return scrub(o.error, secrets);
    }
  } catch {
    // Not JSON: the text itself.
  }
  return scrub(t, secrets);
}

/** The error for an HTTP answer outside 2xx. */
export function httpError(status: number, body: string, w: Where): AlertmanagerError {
  const reason = bodyReason(body, w.secrets).replace(/\.$/, '');
  const said = reason ? `: ${reason}` : '';
  const who = label(w);
  if (status === 400 || status === 422) return new AlertmanagerError('bad-request', `${who} refused the request (${status}${said}).`, status);
  if (status === 401) {
    const what = w.authWords ?? (w.flavour === 'grafana' ? 'a request without a token (set GRAFANA_TOKEN)' : 'a request without credentials (put user:password@ in the URL)');
    return new AlertmanagerError('unauthorized', `${who} refused ${what} (401); check the credentials.`, status);
  }
  if (status === 403) return new AlertmanagerError('forbidden', `${who} forbids this (403${said}); the credentials may not read or silence alerts.`, status);
  if (status === 404) {
    const why = w.flavour === 'grafana' ? "; is Grafana's unified alerting (ngalert) on, and is the URL .../api/alertmanager/grafana?" : '; is the URL AlertManager itself (with its path prefix, if any)?';
    return new AlertmanagerError('not-found', `${who} has no such API (404${said})${why}`, status);
  }
  if (status >= 500) return new AlertmanagerError('server', `${who} failed (${status}${said}).`, status);
  return new AlertmanagerError('error', `${who} answered ${status}${said}.`, status);
}

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const c = e?.code ?? e?.cause?.code;
  return typeof c === 'string' ? c : undefined;
}

const UNREACHABLE = new Set(['ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EADDRNOTAVAIL']);

/** The error for a request that got no answer: refused, unreachable, timed out, an untrusted certificate. */
export function transportError(err: unknown, w: Where, timeoutMs: number): AlertmanagerError {
  if (err instanceof AlertmanagerError) return err;
  const code = codeOf(err);
  const who = label(w);
  if (code === 'ETIMEDOUT' || (err as { name?: unknown })?.name === 'TimeoutError') {
    const s = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
    return new AlertmanagerError('timeout', `${who} does not answer (no reply within ${s}); is it up? If it is elsewhere, ${setHint(w)}.`);
  }
  if (code && (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code.startsWith('ERR_SSL'))) {
    return new AlertmanagerError('tls', `${who} has a TLS certificate we do not trust (${code}); set ALERTMANAGER_CA_CERT_PATH to its CA's PEM file.`);
  }
  if (code === 'ECONNREFUSED') return new AlertmanagerError('refused', `${who} does not answer (connection refused); ${setHint(w)}.`);
  if (code && UNREACHABLE.has(code)) return new AlertmanagerError('unreachable', `${who} is unreachable (${code}); ${setHint(w)}, and check the network.`);
  return new AlertmanagerError('error', `${who} failed: ${scrub(String((err as Error)?.message ?? err), w.secrets)}`);
}
