// What the simulated Box's database serves, as data: the applications of the catalog that need PostgreSQL,
// each with its login role and database (the worker shares its web app's), the size of its connection pool
// per pod, and the queries it runs (short ones, and now and then a slower one with the comment an ORM puts
// there). Pure: the server (index.ts) and its set-up (setup.ts) act on it.
import { WORKLOADS, type WorkloadSpec } from '../../box/catalog.js';

/** The World's fault under which LEAKING_APP's pool leaks connections (cleared by a restart of drive). */
export { POSTGRES_LEAK_FAULT as LEAK_FAULT } from '../../box/scenarios.js';

/** max_connections of the Box's database: low enough that a leak exhausts it within a drill. */
export const MAX_CONNECTIONS = 60;
/** PostgreSQL's default superuser_reserved_connections: the slots only a superuser may take. */
export const SUPERUSER_RESERVED = 3;
/**
 * Slots kept for the console (its source's connection, and the short one its writer opens to end sessions):
 * the leaking application's role is capped so that the applications together stop this far below the usable
 * connections. Its refusal is PostgreSQL's own 53300 ("too many connections for role").
 */
export const CONSOLE_HEADROOM = 2;
/** The console's login role (pg_monitor to read, pg_signal_backend to end another role's sessions). */
export const CONSOLE_ROLE = 'sunbeam_console';

export interface DbApp {
  namespace: string;
  /** The workload's name: its pods' `app` label and the application_name it connects with. */
  name: string;
  /** Its login role and database (a worker uses its web application's). */
  role: string;
  database: string;
  /** Connections each pod keeps open. */
  poolPerPod: number;
  replicas: number;
  /** The container that logs what its pool meets. */
  container: string;
}

const POOL: Record<string, number> = { synapse: 5, sol: 2, messages: 3, 'messages-worker': 2, gitea: 3, drive: 3 };
/** A worker that shares another application's database and role. */
const SHARES: Record<string, string> = { 'messages-worker': 'messages' };

/** The applications that need PostgreSQL, in catalog order. */
export function dbApps(workloads: readonly WorkloadSpec[] = WORKLOADS): DbApp[] {
  return workloads
    .filter((w) => w.needs.includes('postgres'))
    .map((w) => {
      const owner = SHARES[w.name] ?? w.name;
      return { namespace: w.namespace, name: w.name, role: owner, database: owner, poolPerPod: POOL[w.name] ?? 2, replicas: w.replicas, container: w.container };
    });
}

/** The CONNECTION LIMIT of `role`: what the other applications' pools leave of the usable slots, less the console's headroom. */
export function connectionLimit(apps: readonly DbApp[], role: string): number {
  const others = apps.filter((a) => a.role !== role).reduce((n, a) => n + a.poolPerPod * a.replicas, 0);
  return MAX_CONNECTIONS - SUPERUSER_RESERVED - CONSOLE_HEADROOM - others;
}

/** The application that leaks under LEAK_FAULT. */
export const LEAKING_APP = 'drive';

const SLOW: Record<string, string[]> = {
  synapse: ['state_group_edges', 'get_users_in_room', '_get_state_groups_from_groups', 'event_push_actions'],
  sol: ['conversation_history', 'embeddings_refresh'],
  messages: ['threads_list', 'mailbox_counts', 'search_messages'],
  'messages-worker': ['send_queue_flush', 'import_mbox'],
  gitea: ['repo_indexer', 'action_runs_cleanup', 'issue_search'],
  drive: ['items_tree', 'quota_usage', 'share_links'],
};

const SHORT: Record<string, string[]> = {
  synapse: ['SELECT max(oid) FROM pg_catalog.pg_class /* synapse: get_room_max_stream_ordering */'],
  sol: ['SELECT 1 /* sol: heartbeat */'],
  messages: ['SELECT count(*) FROM pg_catalog.pg_namespace /* messages: unread_count */'],
  'messages-worker': ['SELECT now() /* messages-worker: celery_beat */'],
  gitea: ['SELECT 1 /* gitea: xorm ping */'],
  drive: ['SELECT count(*) FROM pg_catalog.pg_type /* drive: items_children */'],
};

/** A slower query of `app`, 1 to 8 s long, with the comment its ORM would add. */
export function slowQuery(app: string, random: () => number = Math.random): string {
  const names = SLOW[app] ?? ['report'];
  const seconds = 1 + Math.round(random() * 70) / 10;
  return `SELECT pg_sleep(${seconds.toFixed(1)}) /* ${app}: ${names[Math.floor(random() * names.length)]} */`;
}

/** A short query of `app`. */
export function shortQuery(app: string, random: () => number = Math.random): string {
  const q = SHORT[app] ?? ['SELECT 1'];
  return q[Math.floor(random() * q.length)]!;
}

/** What drive's leaking code runs in each connection it never gives back: a transaction left open. */
export const LEAK_STATEMENTS = ['BEGIN', 'SELECT oid FROM pg_catalog.pg_class WHERE relname = \'pg_class\' /* drive: items_lock */'];
