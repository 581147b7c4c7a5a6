// The PostgreSQL source's pure parts: rows -> the slice's records (src/sources/postgres/records.ts), the poll's
// patch with stable references, errors -> one sentence and a state (errors.ts), and the psql equivalent of
// the terminate action (src/actions/writers/postgres.ts).
import { describe, expect, it } from 'vitest';
import { psqlTerminateCommand } from '../../src/actions/psql-command.js';
import { describePgError } from '../../src/sources/postgres/errors.js';
import { byDatabase, groupRecord, pollPatch, serverRecord, sessionRecord, standbyRecord, withSample, type PollRead } from '../../src/sources/postgres/records.js';
import { emptyPostgres } from '../../src/store/postgres-slice.js';

const where = { host: '127.0.0.1', port: 5432, user: 'console', database: 'postgres' };

describe('row mappers', () => {
  it('maps the server row, adding reserved_connections (16+) to the superuser reserve', () => {
    expect(serverRecord({ version: '15.18', max_connections: 100, superuser_reserved: 3, reserved: null, in_recovery: false, reads_all_stats: true, me: 'console', hidden: 0 })).toEqual({ info: { version: '15.18', maxConnections: 100, reservedConnections: 3, inRecovery: false }, readsAllStats: true, user: 'console', hidden: 0 });
    expect(serverRecord({ version: '16.4', max_connections: 50, superuser_reserved: 3, reserved: '2', in_recovery: true }).info).toEqual({ version: '16.4', maxConnections: 50, reservedConnections: 5, inRecovery: true });
  });

  it('maps a group, with the oldest idle-in-transaction age only when there is one', () => {
    expect(groupRecord({ database: 'app', application: 'leaky', usr: 'app', total: 6, active: 1, idle: 0, idle_in_tx: 5, oldest_idle_in_tx_ms: 12_345.6 })).toEqual({ database: 'app', application: 'leaky', user: 'app', total: 6, active: 1, idle: 0, idleInTx: 5, oldestIdleInTxMs: 12_346 });
    expect(groupRecord({ database: 'app', application: '', usr: 'app', total: 1, active: 0, idle: 1, idle_in_tx: 0, oldest_idle_in_tx_ms: null })).not.toHaveProperty('oldestIdleInTxMs');
  });

  it('maps a session with its query masked and its wait event', () => {
    expect(sessionRecord({ pid: 42, database: 'app', usr: 'app', application: 'drive', state: 'active', wait_event_type: 'Timeout', wait_event: 'PgSleep', duration_ms: 5100.2, query: "ALTER ROLE app PASSWORD 'hunter2'" })).toEqual({ pid: 42, database: 'app', user: 'app', application: 'drive', state: 'active', durationMs: 5100, waitEvent: 'Timeout: PgSleep', query: "ALTER ROLE app PASSWORD '?'" });
  });

  it('maps a standby', () => {
    expect(standbyRecord({ name: 'postgres-2', client_addr: '10.0.0.2', state: 'streaming', sync_state: 'async', lag_bytes: 2048, replay_lag_ms: 12.4 })).toEqual({ name: 'postgres-2', clientAddr: '10.0.0.2', state: 'streaming', syncState: 'async', lagBytes: 2048, replayLagMs: 12 });
    expect(standbyRecord({ name: 'x', client_addr: null, state: 'catchup', sync_state: null, lag_bytes: null, replay_lag_ms: null })).toEqual({ name: 'x', state: 'catchup' });
  });

  it('totals per database, most first', () => {
    const g = (database: string, total: number) => groupRecord({ database, application: 'a', usr: 'u', total, active: 0, idle: total, idle_in_tx: 0 });
    expect(byDatabase([g('a', 1), g('b', 3), g('a', 1), g('c', 2)])).toEqual([{ database: 'b', connections: 3 }, { database: 'a', connections: 2 }, { database: 'c', connections: 2 }]);
  });
});

describe('the poll patch', () => {
  const read: PollRead = {
    server: { version: '15', maxConnections: 100, reservedConnections: 3, inRecovery: false },
    groups: [groupRecord({ database: 'app', application: 'leaky', usr: 'app', total: 5, active: 0, idle: 0, idle_in_tx: 5, oldest_idle_in_tx_ms: 1000 })],
    longQueries: [],
    idleInTx: [],
    standbys: [],
  };

  it('keeps the store objects that did not change, and samples every poll', () => {
    const first = { ...emptyPostgres(), ...pollPatch(emptyPostgres(), read, 'console@h:5432/postgres', 1000, 600_000) };
    expect(first.inUse).toBe(5);
    expect(first.history).toEqual([{ at: 1000, inUse: 5, idleInTx: 5, longestQueryMs: 0 }]);
    const second = pollPatch(first, structuredClone(read), 'console@h:5432/postgres', 6000, 600_000);
    expect(second.server).toBe(first.server);
    expect(second.groups).toBe(first.groups);
    expect(second.byDatabase).toBe(first.byDatabase);
    expect(second.history).toHaveLength(2);
    const changed = pollPatch(first, { ...read, groups: [] }, 't', 7000, 600_000);
    expect(changed.groups).not.toBe(first.groups);
    expect(changed.inUse).toBe(0);
  });

  it('keeps about ten minutes of samples', () => {
    const h = Array.from({ length: 200 }, (_, i) => ({ at: i * 5000, inUse: i, idleInTx: 0, longestQueryMs: 0 }));
    const next = withSample(h, { at: 200 * 5000, inUse: 1, idleInTx: 0, longestQueryMs: 0 }, 600_000);
    expect(next[0]!.at).toBeGreaterThan(200 * 5000 - 600_000);
    expect(next).toHaveLength(120);
  });
});

describe('PostgreSQL errors', () => {
  const cases: [unknown, string, RegExp][] = [
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'unreachable', /^PostgreSQL at 127\.0\.0\.1:5432 refuses connections/],
    [Object.assign(new Error('getaddrinfo ENOTFOUND db'), { code: 'ENOTFOUND' }), 'unreachable', /host 127\.0\.0\.1 cannot be found/],
    [new Error('Connection terminated due to connection timeout'), 'timeout', /did not answer within 3 s/],
    [Object.assign(new Error('password authentication failed for user "console"'), { code: '28P01' }), 'unauthorized', /^PostgreSQL refused user console's password \(28P01\)/],
    [Object.assign(new Error('no pg_hba.conf entry'), { code: '28000' }), 'forbidden', /no pg_hba\.conf entry/],
    [Object.assign(new Error('database "x" does not exist'), { code: '3D000' }), 'unreachable', /no database "postgres" \(3D000\)/],
    [Object.assign(new Error('the database system is starting up'), { code: '57P03' }), 'unreachable', /starting up or shutting down \(57P03\)/],
    [Object.assign(new Error('sorry, too many clients already'), { code: '53300' }), 'degraded', /too many connections.*exhausted.*leaking/],
    [Object.assign(new Error('permission denied'), { code: '42501' }), 'forbidden', /GRANT pg_monitor TO console/],
    [new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'), 'unauthorized', /none was found; put it in ~\/\.pgpass/],
  ];
  it.each(cases)('words %s as one sentence', (err, state, sentence) => {
    const f = describePgError(err, where);
    expect(f.state).toBe(state);
    expect(f.sentence).toMatch(sentence);
    expect(f.sentence.split(/[.;] [A-Z]/).length).toBeLessThanOrEqual(2);
  });

  it('never repeats a password the server echoed', () => {
    expect(describePgError(new Error("syntax error near PASSWORD 'hunter2'"), where).sentence).not.toContain('hunter2');
  });
});

describe('the psql equivalent of the terminate action', () => {
  it('says the same statement with no password, quoted for the shell', () => {
    expect(psqlTerminateCommand('console@127.0.0.1:5432/postgres', { application: "o'leaky", database: 'app', minIdleMs: 60_000 })).toBe(
      "psql -h 127.0.0.1 -p 5432 -U console -d postgres -c 'SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\\''o'\\'''\\''leaky'\\'' AND state IN ('\\''idle in transaction'\\'', '\\''idle in transaction (aborted)'\\'') AND datname = '\\''app'\\'' AND now() - state_change >= interval '\\''60000 milliseconds'\\'' AND pid <> pg_backend_pid()'",
    );
    expect(psqlTerminateCommand('console@db:5432/postgres', { application: 'leaky' })).not.toContain('datname');
  });
});
