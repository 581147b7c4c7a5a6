// The seven rungs: the playbook's order, questions and commands; verdicts from data; "not connected" for
// sources that do not exist yet, never fake data.
import { describe, expect, it } from 'vitest';
import { evaluateLadder } from '../../src/ladder/index.js';
import { RUNG_TABLE } from '../../src/ladder/rung-table.js';
import { RUNG_READS } from '../../src/ladder/rungs.js';
import { boxState, cluster, crashing, NOW } from './ladder-helpers.js';

describe('rungs', () => {
  it('are the playbook ladder in order, with its commands', () => {
    const l = evaluateLadder(boxState(), NOW);
    expect(l.rungs.map((r) => [r.id, r.title, r.command])).toEqual([
      [1, 'Status', 'sunbeam-console status'],
      [2, 'Check', 'sunbeam-console check'],
      [3, 'Logs', ':logs {namespace}/{service}'],
      [4, 'Vault', 'sunbeam-console vault status'],
      [5, 'Data', 'sunbeam-console check data'],
      [6, 'Alerts', 'kubectl exec -n monitoring alertmanager-0 -- amtool alert query --alertmanager.url=http://localhost:9093'],
      [7, 'Errors', "kubectl get --raw '/api/v1/namespaces/monitoring/services/loki:3100/proxy/loki/api/v1/query_range?query=%7Blevel%3D%22error%22%7D'"],
    ]);
    expect(l.rungs[0]!.summary).toBe('9/9 pods ready');
    expect(l.rungs[4]!.summary).toBe('postgres 2/2, backup 5h ago');
  });

  it('come from one table in the playbook\'s words: the ladder, the panes and the reports agree', () => {
    const l = evaluateLadder(boxState(), NOW);
    expect(l.rungs.map((r) => r.question)).toEqual([
      "What's actually running?",
      "What's unhealthy?",
      'What are the logs saying?',
      'Is OpenBao sealed? (breaks everything if yes)',
      'Is the database up?',
      'Check AlertManager for firing alerts',
      'Check recent logs across everything',
    ]);
    for (const r of RUNG_TABLE) {
      expect(l.rungs[r.id - 1]).toMatchObject({ id: r.id, title: r.title, question: r.question, command: r.command });
    }
    expect(RUNG_TABLE.map((r) => r.source)).toEqual(['kubernetes', 'kubernetes', 'logs', 'openbao', 'kubernetes', 'alertmanager', 'loki']);
  });

  it('a rung whose source does not exist is not-connected; once its source reports, it is not', () => {
    const l = evaluateLadder(boxState(), NOW);
    for (const i of [3, 5, 6]) expect(l.rungs[i]).toMatchObject({ verdict: 'not-connected', summary: 'not connected' });
    const withBao = evaluateLadder(boxState({ sources: { openbao: { state: 'unreachable', lastError: 'OpenBao is unreachable.' } } }), NOW);
    expect(withBao.rungs[3]!.verdict).not.toBe('not-connected');
    expect(withBao.rungs[5]!.verdict).toBe('not-connected');
  });

  it('Status and Check cannot tell before the first list, or when the API is unreachable', () => {
    const connecting = evaluateLadder(boxState({ synced: false }), NOW);
    expect(connecting.rungs[0]).toMatchObject({ verdict: 'unknown', summary: 'connecting' });
    expect(connecting.overall).toBe('unknown');
    const down = evaluateLadder(boxState({ sources: { kubernetes: { state: 'unreachable', lastSuccess: NOW - 120_000, lastError: 'unreachable' } } }), NOW);
    expect(down.rungs[0]).toMatchObject({ verdict: 'unknown', summary: 'API unreachable (data 2m old)' });
    expect(down.rungs[1]!.verdict).toBe('unknown');
  });

  it('Data fails with the cluster, and Status with its pods', () => {
    const l = evaluateLadder(boxState({ clusters: [cluster({ phase: 'Failing over', readyInstances: 0, conditions: { Ready: 'False' } })], pods: [crashing('messages', 'messages-7d9f8b6c5d-x2kq9', 'messages')] }), NOW);
    expect(l.rungs[0]).toMatchObject({ verdict: 'failing', summary: '8/9 pods ready' });
    expect(l.rungs[1]).toMatchObject({ verdict: 'failing', summary: '2 failing' });
    expect(l.rungs[4]).toMatchObject({ verdict: 'failing', summary: 'postgres 0/2, backup 5h ago' });
  });

  it('each rung entry says how its verdict is made and what it reads; the rungs\' reads are the table\'s', () => {
    expect(RUNG_TABLE.map((r) => r.verdict)).toEqual(['status', 'check', 'logs', 'vault', 'data', 'alerts', 'errors']);
    for (const r of RUNG_TABLE) expect(r.reads.length).toBeGreaterThan(0);
    expect([...RUNG_READS].sort()).toEqual([...new Set(RUNG_TABLE.flatMap((r) => r.reads))].sort());
    expect(evaluateLadder(boxState(), NOW).rungs.map((r) => r.id)).toEqual(RUNG_TABLE.map((r) => r.id));
  });
});
