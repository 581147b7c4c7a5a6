import { execSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { connectionLines, pgTerminateAction } from '../../src/actions/primitives/pg-sessions.js';
import { psqlTerminateCommand } from '../../src/actions/psql-command.js';
import type { PostgresWriter } from '../../src/actions/writers/postgres.js';
import type { PgRead } from '../../src/sources/postgres/client.js';
import type { SourceClients } from '../../src/sources/source.js';

const TARGET = 'sunbeam_console@127.0.0.1:5432/postgres';

function read(idle: number[]): PgRead {
  return {
    server: { version: '15.18', maxConnections: 60, reservedConnections: 3, inRecovery: false },
    inUse: 50,
    byDatabase: [{ database: 'drive', connections: 40 }],
    groups: [{ database: 'drive', application: 'drive', user: 'drive', total: 40, active: 0, idle: 40 - idle.length, idleInTx: idle.length, oldestIdleInTxMs: 240_000 }],
    longQueries: [],
    idleInTx: idle.map((pid) => ({ pid, database: 'drive', user: 'drive', application: 'drive', state: 'idle in transaction', durationMs: 240_000, query: 'SELECT * FROM files WHERE owner = ?' })),
    standbys: [],
  };
}

describe('the connection-exhaustion actions', () => {
  it('shows the psql command that does the same, without a password', () => {
    // The shell takes the line as psql's words: the SQL arrives whole, its quote doubled.
    const words = execSync(`printf '%s\\n' ${psqlTerminateCommand(TARGET, { application: "o'brien", database: 'drive' }).slice('psql '.length)}`, { encoding: 'utf8' }).trimEnd().split('\n');
    expect(words.slice(0, 8)).toEqual(['-h', '127.0.0.1', '-p', '5432', '-U', 'sunbeam_console', '-d', 'postgres']);
    expect(words[9]).toContain("application_name = 'o''brien'");
    const a = pgTerminateAction(TARGET, 'drive');
    expect(a.tier).toBe('change');
    expect(a.confirmation).toEqual({ kind: 'yes-no', default: 'no' });
    expect(a.steps[0]!.calls[0]!.equivalent.command).toBe(psqlTerminateCommand(TARGET, { application: 'drive' }));
    expect(a.steps[0]!.calls[0]!.equivalent.command.startsWith("psql -h 127.0.0.1 -p 5432 -U sunbeam_console -d postgres -c 'SELECT pid, pg_terminate_backend(pid)")).toBe(true);
  });

  it('ends the sessions through the writer, and its verification says when the pool still leaks', async () => {
    let now = read([101, 102, 103]);
    const clients = { kube: {} as never, postgres: { target: TARGET, read: async () => now } } as unknown as SourceClients;
    const writer: PostgresWriter = {
      dryRun: false,
      idleInTransaction: async () => now.idleInTx.map((s) => s.pid),
      terminateIdleInTransaction: async () => {
        const terminated = now.idleInTx.map((s) => s.pid);
        now = read([201]);
        return { terminated };
      },
    };
    const step = pgTerminateAction(TARGET, 'drive').steps[0]!;
    const pre = await step.preflight!({ clients, params: {}, now: Date.now });
    expect(pre.find((l) => l.label === 'drive')).toMatchObject({ value: '40 connections, 3 idle in transaction', level: 'warn' });
    const ctx = { clients, params: {}, dryRun: false, writers: { kube: {} as never, postgres: writer }, onProgress: () => {}, now: Date.now };
    const ran = await step.run(ctx);
    expect(ran.message).toBe('Ended 3 idle-in-transaction session(s) of drive.');
    const v = await step.verify!(ctx, ran);
    expect(v).toEqual({ ok: true, message: '3 session(s) gone; 50 connections in use now; drive already holds 1 new one(s) idle in transaction: it still leaks, restart it.' });
  });

  it('refuses in one sentence without PostgreSQL, and lists who holds the connections', async () => {
    const step = pgTerminateAction(TARGET, 'drive').steps[0]!;
    await expect(step.preflight!({ clients: { kube: {} as never }, params: {}, now: Date.now })).rejects.toThrow(/^PostgreSQL is not connected: set SUNBEAM_PG_DSN/);
    expect(connectionLines(read([1, 2]))).toEqual([
      '50 of 60 connections in use (3 reserved for superusers)',
      'drive                    drive          40 connections as drive, 2 idle in transaction (oldest 4m)',
    ]);
  });
});
