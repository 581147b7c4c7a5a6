// With the API down, rung 2 never says "everything ... looks healthy": it says it cannot tell, why, and how old
// the data it shows is; the Check, Status and Data rungs are unknown in the ladder column.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { checkReport } from '../../src/cli/check-report.js';
import { renderCheckText } from '../../src/cli/check-text.js';
import { evaluateLadder } from '../../src/ladder/index.js';
import { createAppStore, type AppStore } from '../../src/store/index.js';
import { pod, workload } from './fixtures.js';
import { press, waitUntil } from './helpers.js';

afterEach(() => cleanup());

/** A healthy little Box: no findings at all. */
function healthyStore(): AppStore {
  const store = createAppStore();
  const a = store.getState().actions;
  a.setKubeContext('sunbeam-test', 'https://127.0.0.1:6443');
  a.applyKube([
    { collection: 'nodes', replace: true, upsert: [{ name: 'sunbeam-1', ready: true, roles: ['control-plane'], version: 'v1.31.4', created: '2026-11-20T10:00:00Z', pressures: [], unschedulable: false }] },
    { collection: 'workloads', replace: true, upsert: [workload('Deployment', 'kube-system', 'coredns', 1, 1)] },
    { collection: 'pods', replace: true, upsert: [pod('kube-system', 'coredns-5d78c9869d-abcde', { ownerKind: 'Deployment', ownerName: 'coredns' })] },
  ]);
  for (const c of ['pods', 'workloads', 'nodes', 'events', 'pgClusters', 'certificates', 'pvcs', 'pgBackups'] as const) a.markSynced(c);
  a.setSource('kubernetes', { state: 'ok', lastSuccess: Date.now() });
  return store;
}

describe('Check with the API down', () => {
  it('says it cannot tell, with the age of the last data, instead of "looks healthy"', async () => {
    const store = healthyStore();
    const r = render(<Console store={store} evaluate={evaluateLadder} quit={vi.fn()} size={{ columns: 120, rows: 30 }} />);
    await press(r.stdin, '2');
    await waitUntil(() => (r.lastFrame() ?? '').includes('looks healthy'), 5000, 'the healthy message while live');
    store.getState().actions.setSource('kubernetes', { state: 'unreachable', lastSuccess: Date.now() - 270_000, lastError: 'The Kubernetes API is unreachable (connection refused); is the cluster up and the kubeconfig right?' });
    await waitUntil(() => (r.lastFrame() ?? '').includes('Cannot tell what is unhealthy'), 5000, 'the cannot-tell message');
    // The pane's lines, without the ladder column, joined (the message wraps).
    const pane = (r.lastFrame() ?? '').split('\n').map((l) => l.slice(l.indexOf('│') + 1).trim()).join(' ');
    expect(pane).not.toContain('looks healthy');
    expect(pane).toMatch(/Cannot tell what is unhealthy: API unreachable \(data 4m\d+s old\)\. The last data showed no findings\./);
    const ladder = evaluateLadder(store.getState(), Date.now());
    expect(ladder.rungs.filter((g) => [1, 2, 5].includes(g.id)).map((g) => g.verdict)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(ladder.overall).toBe('unknown');
  });

  it('a wrong token before the first list: it cannot tell, and why', async () => {
    const store = createAppStore();
    store.getState().actions.setSource('kubernetes', { state: 'unauthorized', lastError: "The Kubernetes API refused our credentials (401 Unauthorized); check the kubeconfig's token." });
    const r = render(<Console store={store} evaluate={evaluateLadder} quit={vi.fn()} size={{ columns: 120, rows: 30 }} />);
    await press(r.stdin, '2');
    await waitUntil(() => (r.lastFrame() ?? '').includes('Cannot tell what is unhealthy: API refused our credentials. No data yet.'), 5000, 'the cannot-tell message');
  });

  it('`check` as text says it cannot tell, not "everything checked is healthy"', () => {
    const store = healthyStore();
    const now = Date.now();
    store.getState().actions.setSource('kubernetes', { state: 'timeout', lastSuccess: now - 2 * 60_000, lastError: 'The Kubernetes API did not answer in time.' });
    const report = checkReport(store.getState(), undefined, now);
    expect(report.verdict).toBe('unknown');
    const text = renderCheckText(report);
    expect(text).not.toContain('is healthy');
    expect(text).toContain('Cannot tell: API timing out (data 2m old); the last data showed no findings.');
    expect(text).toContain('Verdict: UNKNOWN');
  });
});
