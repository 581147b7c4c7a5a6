// One check of Sol's brain: stream a one-token chat completion (a fixed ping, max_tokens 1: nothing from the
// incident is ever sent), parse its Server-Sent Events with eventsource-parser, and say how it went: the time
// to the first token and to [DONE], or the failure in one sentence (401/403, 429 with its Retry-After, 5xx, a
// stream that stalls after its headers, a refused, unreachable or silent server, a malformed stream).
import { createParser } from 'eventsource-parser';
import type { SolCheck, SolFailure } from '../../store/sol-slice.js';
import type { MistralClient } from './client.js';

/** The one prompt the check ever sends. */
export const PING_MESSAGES = [{ role: 'user', content: 'ping' }] as const;

export interface BrainCheckOptions {
  /** The headers must come within this (ms); default 10 s. */
  timeoutMs?: number;
  /** After the headers, each event (the first token, then [DONE]) must come within this (ms); default 10 s. */
  stallMs?: number;
  /** Aborts the check (the source stopping): it then resolves with nothing. */
  signal?: AbortSignal;
  now?: () => number;
}

/** Retry-After as seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)}s`);

/** The sentence of an HTTP answer that is not a stream. */
function statusFailure(status: number, retryAfterS: number | undefined, model: string, base: string): { failure: SolFailure; error: string } {
  if (status === 401) return { failure: 'unauthorized', error: 'Mistral API 401 (the API key is refused)' };
  if (status === 403) return { failure: 'forbidden', error: `Mistral API 403 (the API key may not use ${model})` };
  if (status === 429) return { failure: 'rate-limited', error: `Mistral API 429 (rate limited)${retryAfterS !== undefined ? `, retry in ${retryAfterS}s` : ''}` };
  if (status >= 500) return { failure: 'server-error', error: `Mistral API ${status} (a server error at ${base})` };
  if (status === 404) return { failure: 'server-error', error: `Mistral API 404 at ${base}/v1/chat/completions: is MISTRAL_BASE_URL the API's address?` };
  return { failure: 'server-error', error: `Mistral API ${status} (the request was refused)` };
}

/** What a transport failure of fetch means: refused, unreachable or silent, in one sentence. */
function transportFailure(err: unknown, base: string, timeoutMs: number): { failure: SolFailure; error: string } {
  const cause = (err as { cause?: { code?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code;
  if (code === 'ECONNREFUSED') return { failure: 'unreachable', error: `Mistral API at ${base} refused the connection` };
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return { failure: 'timeout', error: `Mistral API at ${base} did not answer within ${seconds(timeoutMs)}` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { failure: 'unreachable', error: `Mistral API at ${base} cannot be reached (its name does not resolve)` };
  if (code && /^ERR_TLS|CERT|SELF_SIGNED/.test(code)) return { failure: 'unreachable', error: `Mistral API at ${base} cannot be reached (TLS: ${code})` };
  return { failure: 'unreachable', error: `Mistral API at ${base} cannot be reached${code ? ` (${code})` : ''}` };
}

/** Runs one check; resolves with its record (undefined when aborted by `signal`). Never rejects. */
export async function checkBrain(client: MistralClient, opts: BrainCheckOptions = {}): Promise<SolCheck | undefined> {
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const stallMs = opts.stallMs ?? 10_000;
  const at = now();
  const base: SolCheck = { at, ok: false, model: client.model };
  const done = (patch: Partial<SolCheck>): SolCheck => {
    const r: SolCheck = { ...base, ...patch };
    if (r.error) r.error = client.scrub(r.error);
    return r;
  };
  if (client.problem) return done({ failure: 'unreachable', error: client.problem });

  const abort = new AbortController();
  let why: 'timeout' | 'stalled' | undefined;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number, reason: 'timeout' | 'stalled') => {
    clearTimeout(timer);
    timer = setTimeout(() => ((why = reason), abort.abort()), ms);
  };
  const onStop = () => abort.abort();
  opts.signal?.addEventListener('abort', onStop, { once: true });
  try {
    arm(timeoutMs, 'timeout');
    let res;
    try {
      res = await client.streamChat({ messages: PING_MESSAGES.map((m) => ({ ...m })), maxTokens: 1 }, abort.signal);
    } catch (err) {
      if (opts.signal?.aborted) return undefined;
      if (why === 'timeout') return done({ failure: 'timeout', error: `Mistral API at ${client.base} did not answer within ${seconds(timeoutMs)}` });
      return done(transportFailure(err, client.base, timeoutMs));
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      const retryAfterS = res.status === 429 ? retryAfterSeconds(res.header('retry-after'), now()) : undefined;
      return done({ status: res.status, ...(retryAfterS !== undefined ? { retryAfterS } : {}), ...statusFailure(res.status, retryAfterS, client.model, client.base) });
    }
    const type = res.header('content-type') ?? '';
    if (!type.startsWith('text/event-stream') || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      return done({ status: 200, failure: 'bad-stream', error: `Mistral API answered ${type || 'no content type'}, not an event stream` });
    }
    arm(stallMs, 'stalled');
    let ttftMs: number | undefined;
    let finished = false;
    let malformed: string | undefined;
    let ended = false;
    const parser = createParser({
      onEvent(e) {
        if (ended) return;
        if (e.data === '[DONE]') {
          ended = true;
          return;
        }
        let chunk: { object?: string; message?: unknown; choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[] };
        try {
          chunk = JSON.parse(e.data);
        } catch {
          malformed = 'a data line that is not JSON';
          ended = true;
          return;
        }
        if (chunk.object === 'error' || !Array.isArray(chunk.choices)) {
          malformed = chunk.object === 'error' ? `an error in the stream (${typeof chunk.message === 'string' ? chunk.message : 'no message'})` : 'a chunk without choices';
          ended = true;
          return;
        }
        const c = chunk.choices[0];
        if (ttftMs === undefined && typeof c?.delta?.content === 'string' && c.delta.content !== '') ttftMs = now() - at;
        if (c?.finish_reason) finished = true;
        arm(stallMs, 'stalled');
      },
    });
    const reader = res.body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
    try {
      while (!ended) {
        const { value, done: eof } = await reader.read();
        if (eof) break;
        parser.feed(value);
      }
    } catch {
      if (opts.signal?.aborted) return undefined;
      if (why === 'stalled') return done({ status: 200, failure: 'stalled', error: `Mistral API stream stalled: ${ttftMs === undefined ? 'no token' : 'no end'} within ${seconds(stallMs)} after ${ttftMs === undefined ? 'its headers' : 'the first token'}` });
      return done({ status: 200, failure: 'bad-stream', error: 'Mistral API stream broke off before [DONE]' });
    } finally {
      reader.cancel().catch(() => undefined);
    }
    if (malformed) return done({ status: 200, failure: 'bad-stream', error: `Mistral API sent a malformed stream: ${malformed}` });
    if (!ended) return done({ status: 200, failure: 'bad-stream', error: 'Mistral API stream ended before [DONE]' });
    const totalMs = now() - at;
    if (ttftMs === undefined && !finished) return done({ status: 200, failure: 'bad-stream', error: 'Mistral API stream ended with no token' });
    return { ...base, ok: true, status: 200, ttftMs: ttftMs ?? totalMs, totalMs };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onStop);
  }
}
