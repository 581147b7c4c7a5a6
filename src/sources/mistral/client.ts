// The Mistral API client for Sol's brain check: one POST /v1/chat/completions with `stream: true`
// (Authorization: Bearer MISTRAL_API_KEY, Accept: text/event-stream) over the platform's fetch. It hands back the
// response at its headers with the body as a byte stream, for the check (check.ts) to time and parse. The key
// stays in this closure: no message, record or log carries it (scrub() removes it from anything a server or
// the platform says back).
import type { MistralSettings } from '../../session/mistral-env.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A response at its headers. */
export interface MistralResponse {
  status: number;
  /** Lower-cased header names. */
  header(name: string): string | undefined;
  /** The body as bytes; null when it has none. */
  body: ReadableStream<Uint8Array> | null;
}

export interface MistralClient {
  /** One sentence: a setting that cannot be used; the source shows it instead of reading. */
  readonly problem?: string;
  /** The base URL (no key). */
  readonly base: string;
  /** The model the check asks for. */
  readonly model: string;
  /** Streams a chat completion; resolves at the headers, rejects on a transport failure or an abort. */
  streamChat(req: { messages: ChatMessage[]; maxTokens: number }, signal: AbortSignal): Promise<MistralResponse>;
  /** Removes the key from a text (an error message), should a server or the platform echo it. */
  scrub(text: string): string;
  /** Requests sent so far. */
  requests(): number;
}

export function mistralClient(settings: MistralSettings, fetchImpl: typeof fetch = fetch): MistralClient {
  const { apiKey, base, model } = settings;
  let count = 0;
  return {
    base,
    model,
    ...(settings.problem ? { problem: settings.problem } : {}),
    async streamChat(req, signal) {
      if (settings.problem) throw new Error(settings.problem);
      count++;
      const res = await fetchImpl(`${base}/v1/chat/completions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json', Accept: 'text/event-stream', 'User-Agent': 'sunbeam-console' },
        body: JSON.stringify({ model, messages: req.messages, max_tokens: req.maxTokens, stream: true }),
        signal,
      });
      return { status: res.status, header: (name) => res.headers.get(name) ?? undefined, body: res.body };
    },
    scrub: (text) => (apiKey ? text.split(apiKey).join('***') : text),
    requests: () => count,
  };
}
