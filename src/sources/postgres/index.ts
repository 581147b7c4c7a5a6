// The PostgreSQL source: rung 5's view from inside the database. One connection kept open (reopened after it
// breaks), and every 5 s one read-only transaction (BEGIN TRANSACTION READ ONLY; SET LOCAL statement_timeout
// = '2s'; ...; COMMIT, queries.ts): the server's version, max_connections and reserved slots, whether it is a
// standby; the client backends per database, application_name and user with their states (who is leaking);
// the longest running queries and the idle-in-transaction sessions, their text masked; the standbys' lag; and
// a sample per poll for the sparklines (about ten minutes kept). It needs only pg_monitor (GRANT pg_monitor TO
// console;); a role without it cannot see other users' sessions, and the health says so (degraded). A failure
// is one sentence (errors.ts) and a state; the next try comes after a backoff with jitter capped at 5 s, so a
// recovered server is seen within seconds. The last full read stays in the store (with its checkedAt) while
// the health says the server cannot be read.
import type { AppStore } from '../../store/index.js';
import type { SourceHealth } from '../../store/records.js';
import { createBackoff } from '../core/backoff.js';
import { createHealthReporter } from '../core/health-reporter.js';
import type { Source } from '../source.js';
import type { PgConn, PostgresClient } from './client.js';
import { describePgError } from './errors.js';
import { readAll, type FullRead } from './read.js';
import { pollPatch } from './records.js';

export interface PostgresSourceOptions {
  /** Between two reads (ms); default 5 s. */
  pollMs?: number;
  /** Reconnect backoff, min and max (ms); default 1 s doubling to 5 s. */
  backoffMs?: [number, number];
  /** How much history the sparklines keep (ms); default 10 minutes. */
  historyMs?: number;
  now?: () => number;
}

export interface PostgresSource extends Source {
  /** Connections opened (tried) through the session's client. */
  connects(): number;
}

export function createPostgresSource(store: AppStore, client: PostgresClient, opts: PostgresSourceOptions = {}): PostgresSource {
  const now = opts.now ?? Date.now;
  const pollMs = opts.pollMs ?? 5000;
  const [bMin, bMax] = opts.backoffMs ?? [1000, 5000];
  const historyMs = opts.historyMs ?? 10 * 60_000;
  const actions = () => store.getState().actions;
  const health = createHealthReporter((h) => actions().setSource('postgres', h), now);
  const backoff = createBackoff({ minMs: bMin, maxMs: bMax });
  let started = false;
  let stopped = false;
  let conn: PgConn | undefined;
  let timer: NodeJS.Timeout | undefined;
  let resolveSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((r) => (resolveSynced = r));

  const withWarning = (h: SourceHealth): SourceHealth => (client.warning && !h.detail ? { ...h, detail: client.warning } : h);

  function drop(): void {
    const c = conn;
    conn = undefined;
    void c?.end();
  }

  async function connection(): Promise<PgConn> {
    if (conn) return conn;
    const c = await client.connect();
    if (stopped) {
      void c.end();
      throw new Error('stopped');
    }
    conn = c;
    c.onBroken(() => {
      if (conn === c) drop();
    });
    return c;
  }

  function healthOf(read: FullRead): SourceHealth {
    if (!read.readsAllStats) {
      return { state: 'degraded', lastError: `User ${read.user} cannot see ${read.hidden} of the server's sessions (no pg_monitor), so the counts are incomplete; GRANT pg_monitor TO ${read.user};` };
    }
    return { state: 'ok' };
  }

  async function poll(): Promise<void> {
    timer = undefined;
    if (stopped) return;
    let next = pollMs;
    try {
      const read = await readAll(await connection());
      if (stopped) return;
      actions().setPostgres(pollPatch(store.getState().postgres, read, client.target, now(), historyMs));
      health.succeeded(now());
      health.publish(withWarning(healthOf(read)), true);
      backoff.reset();
    } catch (err) {
      if (stopped) return;
      drop();
      const f = describePgError(err, client.where);
      health.publish(withWarning({ state: f.state, lastError: f.sentence }));
      next = backoff.next();
    }
    resolveSynced();
    timer = setTimeout(() => void poll(), next);
  }

  return {
    id: 'postgres',
    start() {
      if (started || stopped) return;
      started = true;
      actions().setPostgres({ target: client.target });
      if (client.problem) {
        health.publish(withWarning({ state: 'unreachable', lastError: client.problem }), true);
        resolveSynced();
        return;
      }
      health.publish(withWarning({ state: 'connecting' }), true);
      timer = setTimeout(() => void poll(), 0);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      drop();
      health.stop();
    },
    synced: () => syncedPromise,
    health: () => health.current(),
    connects: () => client.connects(),
  };
}
