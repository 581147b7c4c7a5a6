// Rung 7's verdict table and the error-burst finding, from the Loki slice and the Loki source's health:
// never ok unless Loki answers now, a burst is a finding on the service's workload.
import { describe, expect, it } from 'vitest';
import { errorsVerdict, ERRORS_STALE_MS } from '../../src/ladder/errors-verdict.js';
import { evaluateFindings } from '../../src/ladder/index.js';
import { BURST, lokiRules } from '../../src/ladder/rules/loki.js';
import { emptyLoki, type ErrorService, type LokiSlice } from '../../src/store/loki-slice.js';
import type { SourceHealth } from '../../src/store/records.js';
import { boxState, crashing, NOW } from './ladder-helpers.js';

const svc = (namespace: string, app: string, count: number, last = 0): ErrorService => {
  const buckets = new Array(15).fill(0);
  buckets[14] = last;
  buckets[0] = count - last;
  return { namespace, app, count, buckets, lastAt: NOW - 1000 };
};
const loki = (services: ErrorService[], over: Partial<LokiSlice['loki']> = {}): LokiSlice['loki'] => ({ ...emptyLoki(), services, checkedAt: NOW - 2000, ...over });
const ok: SourceHealth = { state: 'ok', lastSuccess: NOW - 2000 };

describe('errorsVerdict (rung 7)', () => {
  const table: [string, LokiSlice['loki'] | undefined, SourceHealth | undefined, string, string][] = [
    ['no LOKI_ADDR: no source', undefined, undefined, 'not-connected', 'not connected'],
    ['not connected', loki([]), { state: 'not-connected' }, 'not-connected', 'not connected'],
    ['connecting', { ...emptyLoki() }, { state: 'connecting' }, 'unknown', 'connecting'],
    ['ok but no summary yet', { ...emptyLoki() }, ok, 'unknown', 'connecting'],
    ['unreachable, old summary with a burst', loki([svc('matrix', 'sol', 117, 6)]), { state: 'unreachable', lastError: 'x' }, 'unknown', 'unreachable'],
    ['credentials refused', loki([]), { state: 'unauthorized' }, 'unknown', 'refused our credentials'],
    ['forbidden', loki([]), { state: 'forbidden' }, 'unknown', 'forbidden'],
    ['timing out', loki([]), { state: 'timeout' }, 'unknown', 'timing out'],
    ['stale summary', loki([], { checkedAt: NOW - ERRORS_STALE_MS - 1000 }), ok, 'unknown', 'stale (2m1s old)'],
    ['live, no errors', loki([]), ok, 'ok', 'no errors in 15m'],
    ['live, a few errors', loki([svc('gitea', 'gitea', 3, 1)]), ok, 'ok', '3 errors in 15m, no burst'],
    ['live, one burst', loki([svc('matrix', 'sol', 117, 6)]), ok, 'warn', 'matrix/sol 117 errors'],
    ['live, two bursts', loki([svc('messages', 'messages', 234, 12), svc('matrix', 'sol', 117, 6), svc('gitea', 'gitea', 2)]), ok, 'warn', '2 bursts, 353 errors'],
    ['live, a flood', loki([svc('matrix', 'sol', 900, BURST.failLast)]), ok, 'failing', 'matrix/sol 900 errors'],
    ['degraded (query refused), no burst', loki([]), { state: 'degraded', lastError: 'Loki refused the query: parse error.' }, 'unknown', 'query refused'],
    ['degraded with a burst still known', loki([svc('matrix', 'sol', 117, 6)]), { state: 'degraded' }, 'warn', 'matrix/sol 117 errors'],
  ];
  for (const [name, l, h, verdict, summary] of table) {
    it(name, () => expect(errorsVerdict(l, h, NOW)).toEqual({ verdict, summary }));
  }
});

describe('the error-burst rule', () => {
  it("is a finding on the service's workload, warn, with the counts", () => {
    const s = boxState();
    const f = lokiRules(loki([svc('matrix', 'sol', 117, 6), svc('gitea', 'gitea', 3, 1)]), ok, s.kube);
    expect(f).toEqual([
      {
        id: 'error-burst:matrix/sol',
        severity: 'warn',
        namespace: 'matrix',
        component: 'sol',
        rule: 'error-burst',
        title: 'matrix/sol wrote 117 error lines in the last 15m, 6 in the last minute',
        detail: expect.stringContaining('{level="error"}'),
        target: { kind: 'Deployment', namespace: 'matrix', name: 'sol' },
      },
    ]);
  });

  it('fires on a burst in the last minute alone, fails on a flood, and is silent without live data', () => {
    const kube = boxState().kube;
    expect(lokiRules(loki([svc('matrix', 'sol', BURST.warnLast, BURST.warnLast)]), ok, kube)).toHaveLength(1);
    expect(lokiRules(loki([svc('matrix', 'sol', BURST.failWindow)]), ok, kube)[0]!.severity).toBe('failing');
    expect(lokiRules(loki([svc('matrix', 'sol', 117, 6)]), { state: 'unreachable' }, kube)).toEqual([]);
    expect(lokiRules(loki([svc('matrix', 'sol', 117, 6)], { checkedAt: undefined }), ok, kube)).toEqual([]);
    expect(lokiRules(undefined, ok, kube)).toEqual([]);
  });

  it('targets a CloudNativePG cluster, a pod, or nothing when Kubernetes does not know the service', () => {
    const kube = boxState().kube;
    expect(lokiRules(loki([svc('data', 'postgres', 80)]), ok, kube)[0]!.target).toEqual({ kind: 'Cluster', namespace: 'data', name: 'postgres' });
    const f = lokiRules(loki([svc('elsewhere', 'ghost', 80)]), ok, kube)[0]!;
    expect(f.target).toBeUndefined();
    expect(f.component).toBe('ghost');
  });

  it('stands beside the crash-loop finding of the same workload in the ladder', () => {
    const s = boxState({ pods: [crashing('matrix', 'sol-6f7d8c9b5-ccccc', 'sol')] });
    const state = { ...s, loki: loki([svc('matrix', 'sol', 117, 6)]), sources: { ...s.sources, loki: ok } };
    const rules = evaluateFindings(state, NOW).filter((f) => f.namespace === 'matrix' && f.component === 'sol').map((f) => f.rule);
    expect(rules).toContain('crash-loop');
    expect(rules).toContain('error-burst');
  });
});
