// The simulated Mistral API read by clients nobody here wrote: curl -N (the raw bytes: data-only SSE framing
// exactly as Mistral's, `data: JSON` and a blank line per chunk, `data: [DONE]` last, text/event-stream) and
// eventsource-parser (the chunks: the role and first token, finish_reason 'length' with usage under
// max_tokens 1); Mistral's 401 body without the key; GET /v1/models. And the simulated Kubernetes API's
// metadata-only GET of the bot Secret (PartialObjectMetadata: no data), with kubectl's own reads unchanged.
import { spawn } from 'node:child_process';
import https from 'node:https';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKubeConfig } from '../../src/kube/client.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { PARTIAL_METADATA_ACCEPT } from '../../src/sources/mistral/bot-secret.js';
import { kubectl } from './kubectl-helper.js';

let sim: SimHandle;
beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy' });
});
afterAll(async () => {
  await sim?.stop();
});

const BODY = JSON.stringify({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'ping' }], max_tokens: 1, stream: true });

/** curl with its options on stdin (-K -), so that the key is in no argv. */
function curl(config: string[], args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('curl', ['-sS', '-K', '-', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.resume();
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
    child.stdin.end(config.map((l) => `${l}\n`).join(''));
  });
}

const auth = () => `header = "Authorization: Bearer ${sim.env.MISTRAL_API_KEY}"`;

describe('the simulated Mistral API', () => {
  it('curl -N: data-only SSE framed as Mistral frames it, ending with data: [DONE]', async () => {
    const r = await curl([auth(), 'header = "Content-Type: application/json"', 'header = "Accept: text/event-stream"'], ['-N', '-i', '-d', BODY, `${sim.env.MISTRAL_BASE_URL}/v1/chat/completions`]);
    expect(r.code).toBe(0);
    const [head, body] = r.out.split('\r\n\r\n', 2) as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(head).toMatch(/^content-type: text\/event-stream/im);
    expect(body).toMatch(/^(data: \{[^\n]*\}\n\n)+data: \[DONE\]\n\n$/);
    const chunks = body.split('\n\n').filter(Boolean).slice(0, -1).map((l) => JSON.parse(l.slice('data: '.length)));
    expect(chunks[0]).toMatchObject({ object: 'chat.completion.chunk', model: 'mistral-small-latest', choices: [{ index: 0, delta: { role: 'assistant', content: 'Sol' }, finish_reason: null }] });
    expect(typeof chunks[0].id).toBe('string');
    expect(typeof chunks[0].created).toBe('number');
    expect(chunks.at(-1)).toMatchObject({ choices: [{ finish_reason: 'length' }], usage: { completion_tokens: 1 } });
  });

  it('eventsource-parser reads the same stream: one token under max_tokens 1, the finish with usage, then [DONE]', async () => {
    const res = await fetch(`${sim.env.MISTRAL_BASE_URL}/v1/chat/completions`, { method: 'POST', headers: { Authorization: `Bearer ${sim.env.MISTRAL_API_KEY}`, 'Content-Type': 'application/json' }, body: BODY });
    expect(res.status).toBe(200);
    const events: EventSourceMessage[] = [];
    const parser = createParser({ onEvent: (e) => events.push(e) });
    parser.feed(await res.text());
    expect(events.at(-1)!.data).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
    expect(events.every((e) => e.event === undefined && e.id === undefined)).toBe(true);
    const text = chunks.map((c) => c.choices[0].delta.content ?? '').join('');
    expect(text).toBe('Sol');
    expect(chunks.at(-1)).toMatchObject({ choices: [{ finish_reason: 'length' }], usage: { prompt_tokens: expect.any(Number), completion_tokens: 1, total_tokens: expect.any(Number) } });
  });

  it('without the key: Mistral\'s 401 body; with it: the model list; a bad body: 422', async () => {
    const no = await curl([], ['-i', '-d', BODY, `${sim.env.MISTRAL_BASE_URL}/v1/chat/completions`]);
    expect(no.out).toMatch(/^HTTP\/1\.1 401/);
    expect(JSON.parse(no.out.split('\r\n\r\n')[1]!)).toEqual({ message: 'Unauthorized', request_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const models = await curl([auth()], [`${sim.env.MISTRAL_BASE_URL}/v1/models`]);
    expect(JSON.parse(models.out)).toMatchObject({ object: 'list', data: expect.arrayContaining([expect.objectContaining({ id: 'mistral-small-latest', object: 'model' })]) });
    const bad = await curl([auth(), 'header = "Content-Type: application/json"'], ['-i', '-d', '{"messages":[]}', `${sim.env.MISTRAL_BASE_URL}/v1/chat/completions`]);
    expect(bad.out).toMatch(/^HTTP\/1\.1 422/);
  });
});

describe('the bot Secret by its metadata alone', () => {
  it('the Kubernetes API answers PartialObjectMetadata for a single GET, with no data; kubectl reads it as before', async () => {
    const kc = loadKubeConfig({ kubeconfig: sim.kubeconfigPath }, {});
    const opts: Record<string, unknown> & { headers: Record<string, string> } = { headers: {} };
    await kc.applyToHTTPSOptions(opts as never);
    const url = `${sim.url}/api/v1/namespaces/monitoring/secrets/matrix-bot-secret`;
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(url, { ...(opts as https.RequestOptions), headers: { ...opts.headers, Accept: PARTIAL_METADATA_ACCEPT } }, (res) => {
          let t = '';
          res.setEncoding('utf8').on('data', (d: string) => (t += d));
          res.on('end', () => resolve(t));
        })
        .on('error', reject);
    });
    const o = JSON.parse(body);
    expect(o).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'matrix-bot-secret', namespace: 'monitoring' } });
    expect(o.data).toBeUndefined();
    expect(body).not.toContain('access-token"');

    const name = await kubectl(sim.kubeconfigPath, ['get', 'secret', '-n', 'monitoring', 'matrix-bot-secret', '-o', 'name']);
    expect(name.stderr).toBe('');
    expect(name.stdout.trim()).toBe('secret/matrix-bot-secret');
    const table = await kubectl(sim.kubeconfigPath, ['get', 'secret', '-n', 'monitoring', 'matrix-bot-secret']);
    expect(table.stdout).toMatch(/^NAME\s+TYPE\s+DATA\s+AGE\nmatrix-bot-secret\s/);
    const missing = await kubectl(sim.kubeconfigPath, ['get', 'secret', '-n', 'monitoring', 'no-such-secret', '-o', 'name']);
    expect(missing.stderr).toContain('NotFound');
  });
});
