// PostgreSQL from inside (the PostgreSQL source's slice): connections exhausted or nearly so, the application
// that leaks them ("All apps use connection pooling — if connections are exhausted, something is leaking": the
// one holding sessions idle in transaction), and a server that does not answer. The leak is the root cause of
// the exhaustion; an unanswering server follows from a CloudNativePG cluster that is down. One pass, pure.
import type { BoxNames } from '../box-graph.js';
import type { PostgresSlice } from '../../store/postgres-slice.js';
import type { SourceHealth } from '../../store/records.js';
import { humanDuration } from '../age.js';
import type { Finding, FindingTarget } from '../types.js';
import { HEALTHY_PHASE } from './postgres.js';
import { plural, type Kube } from './util.js';

/**
 * An application holding at least LEAK_SESSIONS sessions idle in transaction, the oldest LEAK_AGE_MS old, is
 * leaking; so is one holding LEAK_MANY of them, however young (no pool keeps that many transactions open).
 */
export const LEAK_SESSIONS = 5;
export const LEAK_AGE_MS = 60_000;
export const LEAK_MANY = 20;
/** Share of the usable connections (max_connections less the reserved ones) in use that warns, and that fails. */
export const CONNECTIONS_WARN = 0.8;
export const CONNECTIONS_FAIL = 0.95;

/** PostgreSQL's "too many connections" (SQLSTATE 53300) in the source's last error. */
export function refusedForConnections(health: SourceHealth | undefined): boolean {
  return !!health?.lastError && /53300|too many (clients|connections)|remaining connection slots/i.test(health.lastError);
}

/** The workload an application_name names (the Box's apps set their own name), if there is one. */
function workloadOf(kube: Kube, application: string): FindingTarget | undefined {
  if (!application) return undefined;
  const w = Object.values(kube.workloads).find((x) => x.name === application);
  return w ? { kind: w.kind, namespace: w.namespace, name: w.name } : undefined;
}

export function pgConnectionRules(pg: PostgresSlice['postgres'] | undefined, health: SourceHealth | undefined, kube: Kube, names: BoxNames): Finding[] {
  if (!pg || !health || health.state === 'not-connected') return [];
  const { namespace, cluster } = names.database;
  const db = `${namespace}/${cluster}`;
  const base = { namespace, component: cluster, target: { kind: 'Cluster', namespace, name: cluster } };
  const out: Finding[] = [];
  const live = health.state === 'ok' && pg.checkedAt !== undefined;

  const leaks: Finding[] = [];
  if (live) {
    for (const g of pg.groups) {
      const leaking = g.idleInTx >= LEAK_MANY || (g.idleInTx >= LEAK_SESSIONS && (g.oldestIdleInTxMs ?? 0) >= LEAK_AGE_MS);
      if (!leaking) continue;
      const who = g.application || `user ${g.user} (no application_name)`;
      const target = workloadOf(kube, g.application);
      leaks.push({
        id: `pg-leak:${g.database}/${g.application || g.user}`,
        severity: 'warn',
        rule: 'pg-connection-leak',
        // The database's: a leak is the database's problem (check data), whoever holds the sessions.
        namespace,
        component: g.application || g.user,
        ...(target ? { target } : {}),
        title: `${db}: ${who} holds ${plural(g.idleInTx, 'session')} idle in transaction on ${g.database} (oldest ${humanDuration(g.oldestIdleInTxMs ?? 0)})`,
        detail: `All apps use connection pooling: a pool that keeps sessions idle in transaction is leaking them (${g.total} connections in all as ${g.user}). Restart ${target ? `${target.namespace}/${target.name}` : who}, or end those sessions: the runbook "Connection exhaustion" (r in the Data rung).`,
      });
    }
  }

  const usable = pg.server ? Math.max(1, pg.server.maxConnections - pg.server.reservedConnections) : undefined;
  const share = live && usable !== undefined && pg.inUse !== undefined ? pg.inUse / usable : undefined;
  const refused = refusedForConnections(health);
  if (refused || (share !== undefined && share >= CONNECTIONS_WARN)) {
    const failing = refused || share! >= CONNECTIONS_FAIL;
    const leakIds = leaks.map((l) => l.id);
    const first = leaks[0];
    out.push({
      ...base,
      id: `pg-connections:${db}`,
      severity: failing ? 'failing' : 'warn',
      rule: 'pg-connections',
      title: refused ? `${db}: connections exhausted (PostgreSQL refuses new ones)` : `${db}: ${pg.inUse}/${usable} connections in use (${Math.round(share! * 100)}%)`,
      detail: `${refused ? `${health.lastError} ` : ''}If connections are exhausted, something is leaking: ${first ? `${first.component} holds sessions idle in transaction` : 'see who holds them in the Data rung'}.`,
      ...(leakIds.length ? { blockedBy: leakIds, because: `because ${first!.component} leaks connections` } : {}),
    });
    // The leak is the cause of a (near) exhaustion: as severe as what it causes.
    for (const l of leaks) l.severity = failing ? 'failing' : 'warn';
  }
  out.push(...leaks);

  if (health.state === 'degraded' && !refused) {
    out.push({ ...base, id: `pg-partial:${db}`, severity: 'warn', rule: 'pg-partial', title: `${db}: PostgreSQL ${pg.target ?? ''} is read only in part`.replace('  ', ' '), detail: health.lastError ?? 'Some of what the console reads is refused.' });
  } else if (health.state !== 'ok' && health.state !== 'connecting' && !refused) {
    const c = Object.values(kube.pgClusters).find((x) => x.namespace === namespace && x.name === cluster);
    const clusterDown = !!c && (c.phase !== HEALTHY_PHASE || c.readyInstances < c.instances);
    out.push({
      ...base,
      id: `pg-unreachable:${db}`,
      severity: 'warn',
      rule: 'pg-unreachable',
      title: `${db}: PostgreSQL ${pg.target ?? ''} does not answer the console`.replace('  ', ' '),
      detail: `${health.lastError ?? 'No answer.'} ${clusterDown ? '' : 'The CloudNativePG cluster says it is healthy: check the connection settings (SUNBEAM_PG_DSN, PG*) and the network.'}`.trim(),
      ...(clusterDown ? { blockedBy: [`pg-cluster-unhealthy:${db}`], because: 'because the database cluster is down' } : {}),
    });
  }
  return out;
}
