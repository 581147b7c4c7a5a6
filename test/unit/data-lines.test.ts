import { describe, expect, it } from 'vitest';
import { DEFAULT_BOX_NAMES } from '../../src/ladder/box-graph.js';
import { emptyPostgres } from '../../src/store/postgres-slice.js';
import { dataLines, RETENTION_GAP, type DataInput } from '../../src/views/data-lines.js';

const NOW = Date.parse('2026-12-02T02:00:00Z');

function input(over: Partial<DataInput> = {}): DataInput {
  return {
    clusters: [{ key: 'data/postgres', namespace: 'data', name: 'postgres', instances: 1, readyInstances: 1, phase: 'Cluster in healthy state', primary: 'postgres-1', conditions: { Ready: 'True', ContinuousArchiving: 'True' }, firstRecoverabilityPoint: '2026-11-02T02:00:00Z', lastSuccessfulBackup: '2026-12-02T01:00:00Z', created: '' }],
    clustersSynced: true,
    backups: [],
    scheduled: [{ key: 'data/postgres-daily', namespace: 'data', name: 'postgres-daily', cluster: 'postgres', schedule: '0 0 2 * * *', suspend: false, method: 'barmanObjectStore', lastScheduleTime: '2026-12-01T02:00:00Z', nextScheduleTime: '2026-12-03T02:00:00Z', created: '' }],
    pods: [],
    names: DEFAULT_BOX_NAMES,
    postgres: emptyPostgres(),
    pgHealth: undefined,
    now: NOW,
    ...over,
  };
}

const live = {
  ...emptyPostgres(),
  target: 'sunbeam_console@127.0.0.1:5432/postgres',
  server: { version: '15.18 (Debian 15.18-0+deb12u1)', maxConnections: 60, reservedConnections: 3, inRecovery: false },
  inUse: 55,
  byDatabase: [{ database: 'drive', connections: 40 }],
  groups: [{ database: 'drive', application: 'drive', user: 'drive', total: 40, active: 1, idle: 1, idleInTx: 38, oldestIdleInTxMs: 240_000 }],
  idleInTx: [{ pid: 4242, database: 'drive', user: 'drive', application: 'drive', state: 'idle in transaction', durationMs: 240_000, query: 'SELECT * FROM files WHERE owner = ?' }],
  longQueries: [{ pid: 77, database: 'synapse', user: 'synapse', application: 'synapse', state: 'active', durationMs: 6_000, query: 'SELECT pg_sleep(?) /* synapse: state_group_edges */' }],
  history: [10, 20, 30, 55].map((inUse, i) => ({ at: NOW - (4 - i) * 5000, inUse, idleInTx: inUse - 10, longestQueryMs: 0 })),
  checkedAt: NOW - 2000,
};

describe("the Data pane's lines", () => {
  it('shows the cluster with its archiving and recoverability, the schedule, and the playbook\'s known gap', () => {
    const text = dataLines(input()).map((l) => l.text);
    expect(text).toContain('data/postgres  1/1 ready  Cluster in healthy state  primary postgres-1');
    expect(text.find((t) => t.includes('WAL archiving'))).toBe('  WAL archiving working · recoverable since 2026-11-02 02:00Z · last backup 60m ago');
    expect(text.find((t) => t.startsWith('data/postgres-daily'))).toBe('data/postgres-daily  "0 0 2 * * *" (sec min hour dom mon dow)  last 24h ago · next in 24h');
    expect(text.at(-1)).toBe(RETENTION_GAP);
    expect(text.find((t) => t.startsWith('Not connected: set SUNBEAM_PG_DSN'))).toBeDefined();
  });

  it('shows who holds the connections, the leak in red, long queries and replication', () => {
    const lines = dataLines(input({ postgres: live, pgHealth: { state: 'ok', lastSuccess: NOW } }));
    const conn = lines.find((l) => l.key === 'pg-conn')!;
    expect(conn).toMatchObject({ tone: 'failing' });
    expect(conn.text).toBe('connections 55/60 in use (3 reserved)  ▂▃▄█  idle in tx  ▂▄█');
    expect(lines.find((l) => l.key.startsWith('pg-g-drive'))).toMatchObject({ tone: 'failing' });
    const text = lines.map((l) => l.text);
    expect(text).toContain('  pid 4242 drive@drive for 4m: SELECT * FROM files WHERE owner = ?');
    expect(text.some((t) => t.includes('pid 77 synapse@synapse: SELECT pg_sleep(?)'))).toBe(true);
    expect(text).toContain('replication: no standby streams from this server (a single instance)');
  });

  it('when PostgreSQL does not answer, says why and how old the figures are', () => {
    const lines = dataLines(input({ postgres: { ...live, checkedAt: NOW - 90_000 }, pgHealth: { state: 'unreachable', lastError: 'PostgreSQL at 127.0.0.1:5432 refuses connections.' } }));
    expect(lines.find((l) => l.key === 'pg-down')).toEqual({ key: 'pg-down', text: 'PostgreSQL at 127.0.0.1:5432 refuses connections. The figures below are 90s old.', tone: 'failing' });
    const never = dataLines(input({ postgres: { ...emptyPostgres(), target: 'x@h:1/p' }, pgHealth: { state: 'unauthorized', lastError: 'PostgreSQL refused user x\'s password (28P01).' } }));
    expect(never.some((l) => l.key === 'pg-conn')).toBe(false);
  });
});
