// What kind of failure the Kubernetes source meets (src/sources/kubernetes/errors.ts failureKind), the state it
// puts in the store for it, and the words every place says for that state (src/ladder/source-state.ts).
import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { evaluateLadder } from '../../src/ladder/index.js';
import { kubeUnavailable, sourceDown, sourceStateWords } from '../../src/ladder/source-state.js';
import { describeKubeError } from '../../src/kube/client.js';
import { failureKind } from '../../src/sources/kubernetes/errors.js';
import { sourceHealth, type InformerStatus } from '../../src/sources/kubernetes/health.js';
import { boxState, NOW } from './ladder-helpers.js';

const api = (code: number) => new ApiException(code, 'x', JSON.stringify({ kind: 'Status', code, reason: 'x', message: 'x' }), {});
const sys = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
const s = (id: string, state: InformerStatus['state'], extra: Partial<InformerStatus> = {}): InformerStatus => ({ id, label: id, state, ...extra });

describe('failureKind', () => {
  it('401 is refused credentials, 403 forbidden, 408/504 timing out, other answers an error', () => {
    expect(failureKind(api(401))).toBe('unauthorized');
    expect(failureKind(api(403))).toBe('forbidden');
    expect(failureKind(api(504))).toBe('timeout');
    expect(failureKind(api(408))).toBe('timeout');
    expect(failureKind(api(500))).toBe('error');
  });

  it('no answer at all (refused, no such host, reset, dropped) is unreachable; a timeout is timing out', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'UND_ERR_SOCKET']) expect(failureKind(sys(code)), code).toBe('unreachable');
    for (const code of ['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']) expect(failureKind(sys(code)), code).toBe('timeout');
    expect(failureKind(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }))).toBe('timeout');
  });

  it('the sentence for a timeout says so too, for every code failureKind calls a timeout', () => {
    for (const code of ['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']) expect(describeKubeError(sys(code)), code).toBe('The Kubernetes API did not answer in time.');
  });
});

describe('the source state for it', () => {
  const refused = 'The Kubernetes API refused our credentials (401 Unauthorized); check the kubeconfig\'s token.';

  it('every collection refused with 401: unauthorized, not unreachable', () => {
    expect(sourceHealth([s('pods', 'failing', { error: refused, kind: 'unauthorized' }), s('nodes', 'failing', { error: refused, kind: 'unauthorized' })])).toEqual({ state: 'unauthorized', lastError: refused });
  });

  it('every collection timing out: timeout; a mix names the worst kind with its own sentence', () => {
    const slow = 'The Kubernetes API did not answer in time.';
    expect(sourceHealth([s('pods', 'failing', { error: slow, kind: 'timeout' })]).state).toBe('timeout');
    expect(sourceHealth([s('pods', 'failing', { error: slow, kind: 'timeout' }), s('nodes', 'failing', { error: refused, kind: 'unauthorized' })])).toEqual({ state: 'unauthorized', lastError: refused });
  });

  it('the same words in the rung summaries and the top bar, with the age of the last data', () => {
    expect(['unauthorized', 'forbidden', 'unreachable', 'timeout'].map((x) => sourceStateWords(x as 'ok'))).toEqual(['refused our credentials', 'forbidden', 'unreachable', 'timing out']);
    expect(['unauthorized', 'unreachable', 'timeout', 'forbidden', 'degraded', 'ok'].map((x) => sourceDown(x as 'ok'))).toEqual([true, true, true, false, false, false]);
    const st = boxState({ sources: { kubernetes: { state: 'unauthorized', lastSuccess: NOW - 3 * 60_000, lastError: refused } } });
    expect(kubeUnavailable(st, NOW)).toBe('API refused our credentials (data 3m old)');
    const l = evaluateLadder(st, NOW);
    expect(l.rungs.filter((r) => [1, 2, 5].includes(r.id)).map((r) => [r.verdict, r.summary])).toEqual([
      ['unknown', 'API refused our credentials (data 3m old)'],
      ['unknown', 'API refused our credentials (data 3m old)'],
      ['unknown', 'API refused our credentials (data 3m old)'],
    ]);
    const slow = boxState({ sources: { kubernetes: { state: 'timeout', lastSuccess: NOW - 120_000, lastError: 'x' } } });
    expect(evaluateLadder(slow, NOW).rungs[1]).toMatchObject({ verdict: 'unknown', summary: 'API timing out (data 2m old)' });
  });
});
