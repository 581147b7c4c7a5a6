// Mistral's chat-completions wire format (ops-apis.md §8; mistralai/client-ts src/funcs/chatStream.ts): the
// data-only Server-Sent Events of a streamed completion, byte for byte as the API frames them (`data: JSON`
// and a blank line per chunk, `data: [DONE]` last), the non-streamed answer, the model list and the errors'
// bodies. Pure: the server (index.ts) decides what to send and when.

/** What a completion request may ask that the simulator honours. */
export interface CompletionAsk {
  model: string;
  stream: boolean;
  /** Tokens at most (undefined: the whole reply). */
  maxTokens?: number;
}

/** The simulated brain's reply, already cut in tokens. */
const REPLY_TOKENS = ['Sol', ' here', ',', ' awake', ' and', ' listening', '.'];

export const SIM_MODELS = ['mistral-small-latest', 'mistral-large-latest', 'open-mistral-nemo'] as const;

/** The tokens of the reply within max_tokens, and why it ended ('length' when max_tokens cut it). */
export function replyTokens(maxTokens: number | undefined): { tokens: string[]; finish: 'stop' | 'length' } {
  if (maxTokens === undefined || maxTokens >= REPLY_TOKENS.length) return { tokens: [...REPLY_TOKENS], finish: 'stop' };
  return { tokens: REPLY_TOKENS.slice(0, Math.max(0, maxTokens)), finish: 'length' };
}

/** One SSE event as Mistral frames it: a single data line and a blank line. */
export function sseData(payload: unknown): string {
  return `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;
}

export const SSE_DONE = sseData('[DONE]');

interface ChunkIds {
  id: string;
  created: number;
  model: string;
}

/** The streamed chunks of a reply, in order, [DONE] excluded: the role and first token, each next token, then the finish with usage. */
export function completionChunks(ids: ChunkIds, ask: CompletionAsk, promptTokens: number): string[] {
  const { tokens, finish } = replyTokens(ask.maxTokens);
  const chunk = (delta: Record<string, string>, finishReason: string | null, usage?: object) => ({
    id: ids.id,
    object: 'chat.completion.chunk',
    created: ids.created,
    model: ids.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...(usage ? { usage } : {}),
  });
  const out: string[] = [];
  tokens.forEach((t, i) => out.push(sseData(chunk(i === 0 ? { role: 'assistant', content: t } : { content: t }, null))));
  if (tokens.length === 0) out.push(sseData(chunk({ role: 'assistant', content: '' }, null)));
  out.push(sseData(chunk({ content: '' }, finish, { prompt_tokens: promptTokens, total_tokens: promptTokens + tokens.length, completion_tokens: tokens.length })));
  return out;
}

/** The non-streamed answer (`stream` false or absent). */
export function completionBody(ids: ChunkIds, ask: CompletionAsk, promptTokens: number): object {
  const { tokens, finish } = replyTokens(ask.maxTokens);
  return {
    id: ids.id,
    object: 'chat.completion',
    created: ids.created,
    model: ids.model,
    choices: [{ index: 0, message: { role: 'assistant', content: tokens.join(''), tool_calls: null }, finish_reason: finish }],
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens + tokens.length, completion_tokens: tokens.length },
  };
}

/** GET /v1/models. */
export function modelList(created: number): object {
  return { object: 'list', data: SIM_MODELS.map((id) => ({ id, object: 'model', created, owned_by: 'mistralai', capabilities: { completion_chat: true, function_calling: true }, max_context_length: 32768 })) };
}

/** Mistral's 401 body. */
export const unauthorizedBody = (requestId: string) => ({ message: 'Unauthorized', request_id: requestId });

/** Mistral's 429 body. */
export const rateLimitedBody = () => ({ object: 'error', message: 'Requests rate limit exceeded', type: 'rate_limited', param: null, code: '1300' });

/** A request the API would refuse (422), with its validation detail as Mistral's FastAPI layer words it. */
export function invalidBody(loc: string[], msg: string): object {
  return { object: 'error', message: { detail: [{ type: 'missing', loc, msg, input: null }] }, type: 'invalid_request_error', param: null, code: null };
}

/**
 * The parts of a request body the simulator reads (model, messages present, stream, max_tokens): anything
 * else is ignored, and nothing of it is kept or logged. A problem comes back as the 422 body.
 */
export function parseAsk(text: string): { ask: CompletionAsk; promptTokens: number } | { invalid: object } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { invalid: invalidBody(['body'], 'JSON decode error') };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { invalid: invalidBody(['body'], 'Input should be a valid dictionary') };
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || !b.model) return { invalid: invalidBody(['body', 'model'], 'Field required') };
  if (!Array.isArray(b.messages) || b.messages.length === 0) return { invalid: invalidBody(['body', 'messages'], 'Field required') };
  const maxTokens = typeof b.max_tokens === 'number' && Number.isInteger(b.max_tokens) && b.max_tokens >= 0 ? b.max_tokens : undefined;
  // A rough count of the prompt's tokens for `usage` (about four characters each); the text is not kept.
  const promptTokens = Math.max(1, Math.ceil(JSON.stringify(b.messages).length / 4));
  return { ask: { model: b.model, stream: b.stream === true, ...(maxTokens !== undefined ? { maxTokens } : {}) }, promptTokens };
}
