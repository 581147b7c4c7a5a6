// Scoped verdicts (src/ladder/scope.ts) and the reports built on them: `status -n data` while the database
// crash-loops is failing, not "all running"; a root cause counts in its own namespace; a scope whose data is
// not live is unknown; the exit codes follow the verdict.
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/cli/check-report.js';
import { renderCheckText } from '../../src/cli/check-text.js';
import { statusReport } from '../../src/cli/status-report.js';
import { renderStatusText } from '../../src/cli/status-text.js';
import { evaluateFindings, evaluateLadder } from '../../src/ladder/index.js';
import { runningFindings, scopedVerdict, statusFindings, verdictExitCode } from '../../src/ladder/scope.js';
import type { Finding } from '../../src/ladder/types.js';
import { boxState, cert, cluster, crashing, NOW } from './ladder-helpers.js';

/** The postgres-down drill in small: both instances crash-loop, the cluster is 0/2, the app crash-loops. */
const postgresDown = () =>
  boxState({
    clusters: [cluster({ readyInstances: 0, phase: 'Failing over', conditions: { Ready: 'False', ContinuousArchiving: 'False' } })],
    pods: [crashing('data', 'postgres-1', 'postgres', 6, 'Cluster'), crashing('data', 'postgres-2', 'postgres', 5, 'Cluster'), crashing('messages', 'messages-7d9f8b6c5d-x2kq9', 'messages'), crashing('messages', 'messages-7d9f8b6c5d-p4m7z', 'messages')],
  });

const f = (over: Partial<Finding>): Finding => ({ id: 'x', severity: 'failing', namespace: 'ns', component: 'c', rule: 'crash-loop', title: 't', detail: 'd', ...over });

describe('scoped verdicts', () => {
  it('status -n data while the database crash-loops: failing, with the cluster finding (its pods fold into it)', () => {
    const r = statusReport(postgresDown(), 'data', NOW);
    expect(r.verdict).toBe('failing');
    expect(r.findings.map((x) => x.id)).toContain('pg-cluster-unhealthy:data/postgres');
    expect(r.findings.every((x) => x.namespace === 'data')).toBe(true);
    expect(renderStatusText(r, NOW)).not.toContain('all running');
  });

  it('the whole-box status lists the database itself, not only the apps blocked by it', () => {
    const r = statusReport(postgresDown(), undefined, NOW);
    expect(r.findings[0]).toMatchObject({ id: 'pg-cluster-unhealthy:data/postgres', severity: 'failing' });
    expect(r.findings.find((x) => x.component === 'messages')).toMatchObject({ blockedBy: ['pg-cluster-unhealthy:data/postgres'] });
  });

  it('the Status rung counts the crash-looping database too', () => {
    const only = boxState({ clusters: [cluster({ readyInstances: 0, phase: 'Failing over', conditions: { Ready: 'False' } })], pods: [crashing('data', 'postgres-1', 'postgres', 6, 'Cluster'), crashing('data', 'postgres-2', 'postgres', 5, 'Cluster')] });
    expect(evaluateLadder(only, NOW).rungs[0]).toMatchObject({ title: 'Status', verdict: 'failing' });
  });

  it('check -n data: failing, the cluster first', () => {
    const r = checkReport(postgresDown(), 'data', NOW);
    expect(r.verdict).toBe('failing');
    expect(r.findings[0]!.id).toBe('pg-cluster-unhealthy:data/postgres');
  });

  it('status of a scope counts a failing finding of any rule there (an expired certificate is not "all running")', () => {
    const s = boxState({ certs: [cert({ ready: 'False', reason: 'Expired', notAfter: new Date(NOW - 3_600_000).toISOString() })] });
    expect(statusReport(s, 'ingress', NOW).verdict).toBe('failing');
    expect(statusReport(s, 'data', NOW).verdict).toBe('ok');
  });

  it('a NotReady node counts in every namespace whose pods run on it, even while they still look Running', () => {
    const s = boxState({ patches: [{ collection: 'nodes', replace: true, upsert: [{ name: 'sunbeam-1', ready: false, roles: ['control-plane'], version: 'v1.31.4', created: '2026-10-01T00:00:00Z', pressures: [], unschedulable: false }] }] });
    for (const ns of ['data', 'messages']) {
      const st = statusReport(s, ns, NOW);
      expect(st.verdict, ns).toBe('failing');
      expect(st.findings.map((x) => x.id), ns).toContain('node-not-ready:sunbeam-1');
      expect(checkReport(s, ns, NOW).verdict, ns).toBe('failing');
    }
    expect(checkReport(s, 'data', NOW).findings.map((x) => x.id)).toContain('node-not-ready:sunbeam-1');
  });

  it('runningFindings keeps root causes of any rule; statusFindings adds anything failing in scope', () => {
    const root = f({ id: 'root', rule: 'certificate-not-ready', namespace: 'ingress' });
    const app = f({ id: 'app', namespace: 'messages', blockedBy: ['root'] });
    const warn = f({ id: 'wal', rule: 'pg-wal-archiving', severity: 'warn', namespace: 'data' });
    expect(runningFindings([root, app, warn]).map((x) => x.id)).toEqual(['root', 'app']);
    expect(statusFindings([root, app, warn], ['ingress']).map((x) => x.id)).toEqual(['root']);
    expect(statusFindings([root, app, warn], ['data'])).toEqual([]);
    expect(statusFindings([root, app, warn]).map((x) => x.id)).toEqual(['root', 'app']);
  });

  it('a scope whose data is not live is unknown, never ok; exit codes 0 / 1 / 2', () => {
    expect(scopedVerdict([], 'API unreachable (data 3m old)')).toBe('unknown');
    expect(scopedVerdict([])).toBe('ok');
    const stale = boxState({ sources: { kubernetes: { state: 'unreachable', lastSuccess: NOW - 180_000, lastError: 'The Kubernetes API is unreachable (connection refused).' } } });
    expect(statusReport(stale, 'data', NOW).verdict).toBe('unknown');
    expect(checkReport(stale, undefined, NOW).verdict).toBe('unknown');
    expect(checkReport(stale, 'data', NOW).verdict).toBe('unknown');
    const refused = boxState({ sources: { kubernetes: { state: 'unauthorized', lastSuccess: NOW - 180_000, lastError: 'The Kubernetes API refused our credentials (401 Unauthorized).' } } });
    expect(renderStatusText(statusReport(refused, 'data', NOW), NOW)).toContain('Source: refused our credentials: The Kubernetes API refused');
    expect(renderCheckText(checkReport(refused, undefined, NOW))).toContain('Source: refused our credentials: The Kubernetes API refused');
    expect([verdictExitCode('ok'), verdictExitCode('warn'), verdictExitCode('failing'), verdictExitCode('unknown')]).toEqual([0, 1, 1, 2]);
  });

  it('every failing finding of the ladder lands in the status scope of its namespace', () => {
    const s = postgresDown();
    const all = evaluateFindings(s, NOW);
    for (const x of all.filter((y) => y.severity === 'failing' && y.namespace)) expect(statusReport(s, x.namespace, NOW).findings.map((y) => y.id), x.id).toContain(x.id);
  });
});
