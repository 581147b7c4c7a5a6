// The playbook's "Connection exhaustion" ("if connections are exhausted, something is leaking"): who holds
// PostgreSQL's connections now (a read: per application_name, with the sessions idle in transaction), and the
// one change: end the idle-in-transaction sessions of ONE application (pg_terminate_backend, through the
// PostgreSQL writer), verified by a second read. The equivalent is the psql command that does the same.
import { humanDuration } from '../../ladder/age.js';
import type { PgRead } from '../../sources/postgres/client.js';
import type { SourceClients } from '../../sources/source.js';
import { confirmationFor } from '../tiers.js';
import type { Action, ActionStep, PreflightLine } from '../types.js';
import { psqlCommandLine, psqlTerminateCommand } from '../psql-command.js';
import { equivalentOf } from './refs.js';

const NOT_CONNECTED = 'PostgreSQL is not connected: set SUNBEAM_PG_DSN (or PGHOST, PGUSER...) or postgres.dsn in the config file.';

function pgOf(clients: SourceClients): NonNullable<SourceClients['postgres']> {
  if (!clients.postgres) throw new Error(NOT_CONNECTED);
  return clients.postgres;
}

/** Lines for who holds the connections: the total against max_connections, then per application. */
export function connectionLines(r: PgRead, max = 12): string[] {
  const lines: string[] = [];
  if (r.server && r.inUse !== undefined) lines.push(`${r.inUse} of ${r.server.maxConnections} connections in use (${r.server.reservedConnections} reserved for superusers)`);
  for (const g of r.groups.slice(0, max)) {
    const idle = g.idleInTx ? `, ${g.idleInTx} idle in transaction (oldest ${humanDuration(g.oldestIdleInTxMs ?? 0)})` : '';
    lines.push(`${(g.application || '(no application_name)').padEnd(24)} ${g.database.padEnd(12)} ${String(g.total).padStart(4)} connections as ${g.user}${idle}`);
  }
  if (r.groups.length > max) lines.push(`… and ${r.groups.length - max} more`);
  return lines;
}

export function pgConnectionsAction(target: string): Action {
  const step: ActionStep = {
    title: 'Who holds the PostgreSQL connections',
    tier: 'read',
    dryRunnable: true,
    calls: [{ equivalent: equivalentOf(psqlCommandLine(target, 'SELECT datname, application_name, usename, state, count(*) FROM pg_stat_activity WHERE backend_type = \'client backend\' GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC')), method: 'GET', path: 'pg_stat_activity (read-only transaction)' }],
    async run(ctx) {
      const r = await pgOf(ctx.clients).read();
      const leaking = r.groups.filter((g) => g.idleInTx > 0).sort((a, b) => b.idleInTx - a.idleInTx)[0];
      return {
        ok: true,
        message: leaking ? `${leaking.application || leaking.user} holds ${leaking.idleInTx} session(s) idle in transaction.` : 'No session is idle in transaction.',
        lines: connectionLines(r),
      };
    },
  };
  const t = { kind: 'Database', namespace: '', name: target };
  return { id: 'pg-connections', verb: 'read connections', title: 'PostgreSQL connections', target: t, tier: 'read', confirmation: confirmationFor('read', target), params: [], steps: [step] };
}

function sessionsOf(r: PgRead, application: string, database?: string) {
  return r.idleInTx.filter((s) => s.application === application && (!database || s.database === database));
}

export function pgTerminateStep(target: string, application: string, database?: string): ActionStep {
  const where = `${application}${database ? ` on ${database}` : ''}`;
  return {
    title: `End the idle-in-transaction sessions of ${where}`,
    tier: 'change',
    dryRunnable: true,
    calls: [{ equivalent: equivalentOf(psqlTerminateCommand(target, { application, ...(database ? { database } : {}) })), method: 'POST', path: 'pg_terminate_backend(pid) for each session idle in transaction' }],
    async preflight({ clients }): Promise<PreflightLine[]> {
      const r = await pgOf(clients).read();
      const s = sessionsOf(r, application, database);
      const group = r.groups.find((g) => g.application === application && (!database || g.database === database));
      return [
        { label: 'Connections', value: r.server && r.inUse !== undefined ? `${r.inUse}/${r.server.maxConnections} in use` : 'unknown', level: 'info' },
        { label: application, value: group ? `${group.total} connections, ${group.idleInTx} idle in transaction` : 'no connections now', level: s.length ? 'warn' : 'blocking' },
        ...s.slice(0, 5).map((x) => ({ label: `pid ${x.pid}`, value: `${x.user}@${x.database}, idle in transaction for ${humanDuration(x.durationMs)}${x.query ? `: ${x.query.slice(0, 60)}` : ''}`, level: 'info' as const })),
        { label: 'Effect', value: 'each session\'s open transaction is rolled back; a pool that still leaks will open new ones (restart it)', level: 'info' },
      ];
    },
    async run(ctx) {
      const w = ctx.writers.postgres;
      if (!w) throw new Error(NOT_CONNECTED);
      const req = { application, ...(database ? { database } : {}) };
      if (ctx.dryRun) {
        const pids = await w.idleInTransaction(req);
        return { ok: true, message: `Dry run: would end ${pids.length} session(s) of ${where}${pids.length ? ` (pids ${pids.join(', ')})` : ''}.` };
      }
      const { terminated } = await w.terminateIdleInTransaction(req);
      return { ok: true, message: `Ended ${terminated.length} idle-in-transaction session(s) of ${where}.`, facts: { terminated } };
    },
    async verify(ctx, ran) {
      const terminated = (ran.facts?.terminated as number[] | undefined) ?? [];
      const r = await pgOf(ctx.clients).read();
      const still = sessionsOf(r, application, database).filter((s) => terminated.includes(s.pid));
      if (still.length) return { ok: false, message: `${still.length} of the ended sessions are still there (pids ${still.map((s) => s.pid).join(', ')}).` };
      const fresh = sessionsOf(r, application, database).length;
      return { ok: true, message: `${terminated.length} session(s) gone; ${r.inUse ?? '?'} connections in use now${fresh ? `; ${application} already holds ${fresh} new one(s) idle in transaction: it still leaks, restart it` : ''}.` };
    },
  };
}

export function pgTerminateAction(target: string, application: string, database?: string): Action {
  const step = pgTerminateStep(target, application, database);
  const t = { kind: 'Application', namespace: database ?? '', name: application };
  return { id: 'pg-terminate-idle', verb: 'terminate sessions of', title: step.title, target: t, tier: 'change', confirmation: confirmationFor('change', application), params: [], steps: [step] };
}
