// The pure parts of Sol's brain check: the MISTRAL_* settings (the environment over the config file, no key no
// client, a bad URL one sentence without the key), Retry-After, the simulator's SSE framing (max_tokens honoured),
// the PartialObjectMetadata Accept, and the emergency row's `brain-check` runbook (read; checks now through the
// Mistral client, else shows the last check, else says it is not connected).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { brainCheckLine } from '../../src/actions/primitives/brain-check.js';
import { builtinRunbooks, planRunbook } from '../../src/runbooks/engine.js';
import { EMERGENCY_TABLE } from '../../src/runbooks/emergency.js';
import { mistralSettings } from '../../src/session/mistral-env.js';
import { wantsPartialMetadata } from '../../src/sim/k8s/partial-metadata.js';
import { completionChunks, parseAsk, replyTokens, SSE_DONE } from '../../src/sim/servers/mistral/wire.js';
import { retryAfterSeconds } from '../../src/sources/mistral/check.js';
import type { MistralClient } from '../../src/sources/mistral/client.js';
import { createSolSource } from '../../src/sources/mistral/index.js';
import { createAppStore } from '../../src/store/index.js';
import type { SourceClients } from '../../src/sources/source.js';
import type { StepContext } from '../../src/actions/types.js';

describe('MISTRAL_* settings', () => {
  it('no MISTRAL_API_KEY: no client; the defaults; the environment over the config file', () => {
    expect(mistralSettings({}, { mistralBaseUrl: 'https://llm.example' })).toBeUndefined();
    expect(mistralSettings({ MISTRAL_API_KEY: 'k' })).toEqual({ apiKey: 'k', base: 'https://api.mistral.ai', model: 'mistral-small-latest' });
    expect(mistralSettings({ MISTRAL_API_KEY: 'k' }, { mistralBaseUrl: 'https://llm.example/', mistralModel: 'mistral-large-latest' })).toMatchObject({ base: 'https://llm.example', model: 'mistral-large-latest' });
    expect(mistralSettings({ MISTRAL_API_KEY: 'k', MISTRAL_BASE_URL: 'http://127.0.0.1:9', MISTRAL_MODEL: 'm' }, { mistralBaseUrl: 'https://llm.example', mistralModel: 'x' })).toMatchObject({ base: 'http://127.0.0.1:9', model: 'm' });
  });

  it('a base URL that is not one is one sentence, naming the variable and never the key', () => {
    const s = mistralSettings({ MISTRAL_API_KEY: 'sekrit', MISTRAL_BASE_URL: 'api.mistral.ai' })!;
    expect(s.problem).toBe('MISTRAL_BASE_URL must be a URL such as https://api.mistral.ai, not "api.mistral.ai".');
    expect(s.problem).not.toContain('sekrit');
  });
});

describe('Retry-After', () => {
  it('delta-seconds, an HTTP date, or nothing', () => {
    const now = Date.parse('2026-12-02T02:00:00Z');
    expect(retryAfterSeconds('90', now)).toBe(90);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 02:01:00 GMT', now)).toBe(60);
    expect(retryAfterSeconds(undefined, now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
  });
});

describe("the simulator's SSE framing", () => {
  it('max_tokens 1: one token, then the finish (length) with usage; each event one data line and a blank line', () => {
    expect(replyTokens(1)).toEqual({ tokens: ['Sol'], finish: 'length' });
    expect(replyTokens(undefined).finish).toBe('stop');
    const chunks = completionChunks({ id: 'abc', created: 1, model: 'mistral-small-latest' }, { model: 'mistral-small-latest', stream: true, maxTokens: 1 }, 3);
    expect(chunks).toHaveLength(2);
    for (const c of chunks) expect(c).toMatch(/^data: \{[^\n]*\}\n\n$/);
    expect(JSON.parse(chunks[0]!.slice(6))).toEqual({ id: 'abc', object: 'chat.completion.chunk', created: 1, model: 'mistral-small-latest', choices: [{ index: 0, delta: { role: 'assistant', content: 'Sol' }, finish_reason: null }] });
    expect(JSON.parse(chunks[1]!.slice(6))).toMatchObject({ choices: [{ finish_reason: 'length' }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } });
    expect(SSE_DONE).toBe('data: [DONE]\n\n');
  });

  it('reads only model, messages, stream and max_tokens; a body without them is 422', () => {
    expect(parseAsk('{"model":"m","messages":[{"role":"user","content":"ping"}],"stream":true,"max_tokens":1,"temperature":0}')).toMatchObject({ ask: { model: 'm', stream: true, maxTokens: 1 } });
    expect(parseAsk('{"messages":[]}')).toHaveProperty('invalid');
    expect(parseAsk('not json')).toHaveProperty('invalid');
  });
});

describe('PartialObjectMetadata', () => {
  it('the first media type decides', () => {
    expect(wantsPartialMetadata('application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1')).toBe('v1');
    expect(wantsPartialMetadata('application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1beta1,application/json')).toBe('v1beta1');
    expect(wantsPartialMetadata('application/json,application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1')).toBeUndefined();
    expect(wantsPartialMetadata('application/json;as=Table;g=meta.k8s.io;v=v1')).toBeUndefined();
    expect(wantsPartialMetadata(undefined)).toBeUndefined();
  });
});

describe("the emergency row's brain check", () => {
  const rb = builtinRunbooks().find((r) => r.id === 'sol-brain-check')!;
  const ctx = (clients: Partial<SourceClients>, state?: ReturnType<ReturnType<typeof createAppStore>['getState']>): StepContext =>
    ({ clients: clients as SourceClients, params: {}, dryRun: false, writers: {} as StepContext['writers'], onProgress: () => {}, now: () => Date.parse('2026-12-02T02:00:00Z'), ...(state ? { state: () => state } : {}) });

  it('sits beside the restart in the "Sol unresponsive" row, and is a read', async () => {
    expect(EMERGENCY_TABLE.find((e) => e.situation.startsWith('Sol'))!.runbookIds).toEqual(['sol-restart', 'sol-brain-check', 'sol-logs']);
    const a = await planRunbook(rb, {}, {} as SourceClients);
    expect(a).toMatchObject({ tier: 'read', target: { kind: 'Deployment', namespace: 'matrix', name: 'sol' } });
    expect(a.steps[0]!.calls[0]!.equivalent.command).toContain('"Authorization: Bearer $MISTRAL_API_KEY"');
  });

  it('without a Mistral client: the last check, or "not connected"', async () => {
    const a = await planRunbook(rb, {}, {} as SourceClients);
    const none = await a.steps[0]!.run(ctx({}));
    expect(none).toEqual({ ok: false, message: "Sol's brain check is not connected: set MISTRAL_API_KEY (and MISTRAL_BASE_URL for another endpoint)." });
    const store = createAppStore();
    const last = { at: Date.parse('2026-12-02T01:59:00Z'), ok: false, failure: 'rate-limited' as const, status: 429, retryAfterS: 90, error: 'Mistral API 429 (rate limited), retry in 90s' };
    store.getState().actions.setSol({ last, history: [last] });
    const shown = await a.steps[0]!.run(ctx({}, store.getState()));
    expect(shown.message).toBe("Sol's brain, last checked: 2026-12-02T01:59:00Z FAILING: Mistral API 429 (rate limited), retry in 90s (no Mistral client in this run: set MISTRAL_API_KEY to check now).");
  });

  it('with a Mistral client: checks now', async () => {
    const a = await planRunbook(rb, {}, {} as SourceClients);
    const client: MistralClient = { base: 'http://127.0.0.1:1', model: 'mistral-small-latest', streamChat: async () => ({ status: 401, header: () => undefined, body: null }), scrub: (t) => t, requests: () => 1 };
    const r = await a.steps[0]!.run(ctx({ mistral: client }));
    expect(r).toMatchObject({ ok: false, message: "Sol's brain at http://127.0.0.1:1: 2026-12-02T02:00:00Z FAILING: Mistral API 401 (the API key is refused)." });
    expect(brainCheckLine({ at: Date.parse('2026-12-02T02:00:00Z'), ok: true, ttftMs: 312, totalMs: 340, model: 'm' })).toBe('2026-12-02T02:00:00Z ok: first token in 312 ms, [DONE] in 340 ms (m)');
  });
});

describe('the source backs off to a 429\'s Retry-After', () => {
  afterEach(() => vi.useRealTimers());

  it('checks at start, then not before the Retry-After when it is longer than the interval; then every interval again', async () => {
    vi.useFakeTimers();
    let n = 0;
    const client: MistralClient = {
      base: 'https://api.mistral.ai',
      model: 'mistral-small-latest',
      streamChat: async () => (n++ === 0 ? { status: 429, header: (h) => (h === 'retry-after' ? '120' : undefined), body: null } : { status: 401, header: () => undefined, body: null }),
      scrub: (t) => t,
      requests: () => n,
    };
    // A kube client whose credentials cannot be applied: the bot Secret reads as forbidden, at once.
    const kube = { kc: { applyToHTTPSOptions: async () => Promise.reject(new Error('no credentials')) }, server: 'https://127.0.0.1:1' } as never;
    const store = createAppStore();
    const source = createSolSource(store, { kube, mistral: client }, { intervalMs: 1_000, secretIntervalMs: 60_000 });
    source.start();
    await source.synced();
    expect(store.getState().sol.last).toMatchObject({ failure: 'rate-limited', retryAfterS: 120 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(n).toBe(1);
    await vi.advanceTimersByTimeAsync(115_500);
    expect(n).toBe(2);
    expect(store.getState().sol.last).toMatchObject({ failure: 'unauthorized' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(n).toBe(3);
    expect(store.getState().sol.history).toHaveLength(3);
    source.stop();
  });
});
