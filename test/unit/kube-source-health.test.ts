// The Kubernetes source's health from its informers' states: one sentence, which collection, no secrets.
import { describe, expect, it } from 'vitest';
import { sourceHealth, type InformerStatus } from '../../src/sources/kubernetes/health.js';

const s = (id: string, state: InformerStatus['state'], extra: Partial<InformerStatus> = {}): InformerStatus => ({ id, label: id, state, ...extra });

describe('Kubernetes source health', () => {
  it('ok, with missing CRDs said in the detail', () => {
    const h = sourceHealth([s('pods', 'ok'), s('CloudNativePG Backups', 'missing')], 5);
    expect(h).toEqual({ state: 'ok', lastSuccess: 5, detail: 'not installed on this cluster (left empty): CloudNativePG Backups.' });
  });

  it('unreachable when every informer fails without an HTTP answer', () => {
    const err = 'The Kubernetes API is unreachable (connection refused); is the cluster up and the kubeconfig right?';
    expect(sourceHealth([s('pods', 'failing', { error: err, kind: 'unreachable' }), s('nodes', 'failing', { error: err, kind: 'unreachable' })])).toEqual({ state: 'unreachable', lastError: err });
  });

  it('forbidden names the collection and says the others stay live', () => {
    const h = sourceHealth([s('pods', 'ok'), s('cert-manager Certificates', 'forbidden', { error: 'x' })]);
    expect(h).toEqual({ state: 'forbidden', lastError: 'Not allowed to list cert-manager Certificates (403); the other collections stay live.' });
  });

  it('degraded when some informers fail and others work', () => {
    const h = sourceHealth([s('pods', 'ok'), s('events', 'failing', { error: 'The Kubernetes API answered 500: boom.' })]);
    expect(h).toMatchObject({ state: 'degraded', lastError: 'The Kubernetes API answered 500: boom.' });
  });

  it('connecting until the first lists are in', () => {
    expect(sourceHealth([s('pods', 'ok'), s('nodes', 'connecting')]).state).toBe('connecting');
  });
});
