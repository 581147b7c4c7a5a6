import { describe, expect, it } from 'vitest';
import { DEFAULT_BOX_NAMES } from '../../src/ladder/box-graph.js';
import { pgConnectionRules } from '../../src/ladder/rules/pg-connections.js';
import { emptyKube } from '../../src/store/kube-slice.js';
import { emptyPostgres, type PgConnGroup } from '../../src/store/postgres-slice.js';
import type { WorkloadRecord } from '../../src/store/records.js';

const NOW = Date.parse('2026-12-02T02:00:00Z');
const ok = { state: 'ok' as const, lastSuccess: NOW };

function group(application: string, total: number, idleInTx = 0, oldestIdleInTxMs?: number): PgConnGroup {
  return { database: application, application, user: application, total, active: 0, idle: total - idleInTx, idleInTx, ...(oldestIdleInTxMs !== undefined ? { oldestIdleInTxMs } : {}) };
}

function pg(inUse: number, groups: PgConnGroup[]) {
  return { ...emptyPostgres(), server: { version: '15.18', maxConnections: 60, reservedConnections: 3, inRecovery: false }, inUse, groups, checkedAt: NOW };
}

function kubeWith(...names: string[]) {
  const k = emptyKube();
  for (const n of names) k.workloads[`Deployment/${n}/${n}`] = { kind: 'Deployment', namespace: n, name: n } as WorkloadRecord;
  return k;
}

describe('PostgreSQL connection rules', () => {
  it('says nothing of a quiet database, or when no DSN is set', () => {
    expect(pgConnectionRules(pg(12, [group('synapse', 8), group('gitea', 4)]), ok, emptyKube(), DEFAULT_BOX_NAMES)).toEqual([]);
    expect(pgConnectionRules(emptyPostgres(), undefined, emptyKube(), DEFAULT_BOX_NAMES)).toEqual([]);
  });

  it('names the leaking application as the cause of a near exhaustion', () => {
    const f = pgConnectionRules(pg(55, [group('drive', 40, 38, 4 * 60_000), group('synapse', 15)]), ok, kubeWith('drive'), DEFAULT_BOX_NAMES);
    expect(f.map((x) => [x.id, x.severity])).toEqual([
      ['pg-connections:data/postgres', 'failing'],
      ['pg-leak:drive/drive', 'failing'],
    ]);
    expect(f[0]!.title).toBe('data/postgres: 55/57 connections in use (96%)');
    expect(f[0]!.blockedBy).toEqual(['pg-leak:drive/drive']);
    expect(f[1]!.title).toBe('data/postgres: drive holds 38 sessions idle in transaction on drive (oldest 4m)');
    expect(f[1]!).toMatchObject({ namespace: 'data', target: { kind: 'Deployment', namespace: 'drive', name: 'drive' } });
  });

  it('warns of a leak before it exhausts anything, and of 80% in use', () => {
    expect(pgConnectionRules(pg(20, [group('drive', 12, 9, 90_000)]), ok, emptyKube(), DEFAULT_BOX_NAMES).map((x) => [x.rule, x.severity])).toEqual([['pg-connection-leak', 'warn']]);
    expect(pgConnectionRules(pg(47, [group('synapse', 47)]), ok, emptyKube(), DEFAULT_BOX_NAMES).map((x) => [x.rule, x.severity])).toEqual([['pg-connections', 'warn']]);
    // Young idle-in-transaction sessions are a busy pool, not a leak.
    expect(pgConnectionRules(pg(20, [group('drive', 12, 9, 5_000)]), ok, emptyKube(), DEFAULT_BOX_NAMES)).toEqual([]);
    // ...but no pool keeps twenty transactions open: that many is a leak at any age.
    expect(pgConnectionRules(pg(30, [group('drive', 26, 25, 3_000)]), ok, emptyKube(), DEFAULT_BOX_NAMES).map((x) => x.rule)).toEqual(['pg-connection-leak']);
  });

  it('fails on "too many connections", and reports a server that does not answer, after a down cluster', () => {
    const refused = pgConnectionRules(pg(0, []), { state: 'degraded', lastError: 'PostgreSQL refuses new connections: too many connections (53300).' }, emptyKube(), DEFAULT_BOX_NAMES);
    expect(refused.map((x) => [x.rule, x.severity])).toEqual([['pg-connections', 'failing']]);
    const k = emptyKube();
    k.pgClusters['data/postgres'] = { key: 'data/postgres', namespace: 'data', name: 'postgres', instances: 1, readyInstances: 0, phase: 'Failing over', conditions: {}, created: '' };
    const down = pgConnectionRules({ ...emptyPostgres(), target: 'sunbeam_console@127.0.0.1:5432/postgres' }, { state: 'unreachable', lastError: 'PostgreSQL at 127.0.0.1:5432 refuses connections.' }, k, DEFAULT_BOX_NAMES);
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({ rule: 'pg-unreachable', severity: 'warn', blockedBy: ['pg-cluster-unhealthy:data/postgres'] });
    // Read in part (a role without pg_monitor) is not "does not answer".
    const partial = pgConnectionRules(pg(5, []), { state: 'degraded', lastError: 'GRANT pg_monitor TO console; to see every session.' }, emptyKube(), DEFAULT_BOX_NAMES);
    expect(partial.map((x) => [x.rule, x.title])).toEqual([['pg-partial', 'data/postgres: PostgreSQL is read only in part']]);
  });
});
