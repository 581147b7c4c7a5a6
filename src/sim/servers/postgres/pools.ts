// The Box's applications as PostgreSQL clients: each running pod of an application that needs the database
// keeps a small pool of real connections (application_name = the application, its own role and database),
// runs a short query now and then and, more rarely, a slower one (1-8 s) on one of them. A pod that stops
// (or a server that goes away) takes its pool with it. Under the leak fault, the leaking application's pods
// also open a connection every 1-2 s (divided by the sim's speed), begin a transaction in it and never give it
// back, until PostgreSQL refuses (53300): that refusal goes into the pod's log. A session ended by someone else
// stays ended; only a restart of the application (new pods) stops the leak and frees what it held.
// One timer drives it all (every TICK_MS), so nothing spins.
import pg from 'pg';
import { isoMs, json } from '../../box/logs/formats.js';
import { type DbApp, LEAK_STATEMENTS, LEAKING_APP, shortQuery, slowQuery } from './plan.js';

export const TICK_MS = 200;
/**
 * A drill starts broken: the leaking application has been leaking for a while, so its first sessions are opened
 * at once (a few at a time) before the leak goes on at its own pace; `primed()` says when they are in.
 */
export const LEAK_BACKLOG = 45;

export interface PoolDeps {
  host: string;
  port: number;
  apps: readonly DbApp[];
  /** Each role's password. */
  passwords: Readonly<Record<string, string>>;
  speed: number;
  /** Whether the server listens now (the World's database is up and it has started). */
  accepting(): boolean;
  /** The names of the app's pods that run now (Ready, not being deleted). */
  runningPods(namespace: string, app: string): string[];
  /** Whether the leak fault is on. */
  leaking(): boolean;
  /** Writes a line to a pod's container log. */
  log(namespace: string, pod: string, container: string, line: string): void;
  random?: () => number;
}

interface Conn {
  client: pg.Client;
  busy: boolean;
  ready: boolean;
}

/** One pod's connections. */
class PodPool {
  private readonly conns = new Set<Conn>();
  private readonly leaked = new Set<pg.Client>();
  private opening = 0;
  private leakOpening = 0;
  private closed = false;
  private retryAt = 0;
  private nextShort: number;
  private nextSlow: number;
  private nextLeak: number;
  private lastRefusalLog = 0;

  constructor(
    private readonly deps: PoolDeps,
    private readonly app: DbApp,
    private readonly pod: string,
    now: number,
  ) {
    this.nextShort = now + this.span(2_000, 6_000);
    this.nextSlow = now + this.span(8_000, 30_000);
    this.nextLeak = now + this.span(1_000, 2_000);
  }

  private rand(): number {
    return (this.deps.random ?? Math.random)();
  }

  /** A random wait between lo and hi ms of Box time, in real ms (never below one tick). */
  private span(lo: number, hi: number): number {
    return Math.max(TICK_MS, (lo + this.rand() * (hi - lo)) / this.deps.speed);
  }

  private client(): pg.Client {
    const { host, port, passwords } = this.deps;
    const c = new pg.Client({ host, port, user: this.app.role, password: passwords[this.app.role], database: this.app.database, application_name: this.app.name, connectionTimeoutMillis: 3_000 });
    c.on('error', () => undefined);
    return c;
  }

  step(now: number): void {
    if (this.closed) return;
    if (this.conns.size + this.opening < this.app.poolPerPod && now >= this.retryAt) this.open(now);
    if (now >= this.nextShort) {
      this.nextShort = now + this.span(2_000, 6_000);
      this.run(shortQuery(this.app.name, () => this.rand()));
    }
    if (now >= this.nextSlow) {
      this.nextSlow = now + this.span(15_000, 40_000);
      this.run(slowQuery(this.app.name, () => this.rand()));
    }
    if (this.app.name === LEAKING_APP && this.deps.leaking()) {
      if (this.backlog > 0) {
        for (let n = 0; n < 3; n++) this.leak();
        return;
      }
      for (let n = 0; n < 3 && now >= this.nextLeak; n++) {
        this.nextLeak += this.span(1_000, 2_000);
        this.leak();
      }
      if (now >= this.nextLeak) this.nextLeak = now + this.span(1_000, 2_000);
    }
  }

  private open(now: number): void {
    this.opening++;
    const client = this.client();
    const conn: Conn = { client, busy: false, ready: false };
    client.once('end', () => this.conns.delete(conn));
    client.connect().then(
      () => {
        this.opening--;
        if (this.closed) return void client.end().catch(() => undefined);
        conn.ready = true;
        this.conns.add(conn);
      },
      () => {
        this.opening--;
        this.retryAt = now + this.span(1_000, 3_000);
        void client.end().catch(() => undefined);
      },
    );
  }

  /** Runs a query on an idle connection of the pool, if there is one. */
  private run(sql: string): void {
    const conn = [...this.conns].find((c) => c.ready && !c.busy);
    if (!conn) return;
    conn.busy = true;
    conn.client.query(sql).then(
      () => (conn.busy = false),
      () => {
        // the server ended it (a restart, pg_terminate_backend): the pool opens another
        this.conns.delete(conn);
        void conn.client.end().catch(() => undefined);
      },
    );
  }

  /** Leaked sessions still to open at once (LEAK_BACKLOG); 0 once they are in, or the server refused. */
  backlog = LEAK_BACKLOG;

  private leak(): void {
    if (this.leakOpening >= (this.backlog > 0 ? 3 : 1)) return;
    this.leakOpening++;
    const client = this.client();
    client.once('end', () => this.leaked.delete(client));
    void (async () => {
      try {
        await client.connect();
        if (this.closed) throw new Error('closed');
        this.leaked.add(client);
        for (const sql of LEAK_STATEMENTS) await client.query(sql);
        if (this.backlog > 0) this.backlog--;
      } catch (err) {
        this.leaked.delete(client);
        void client.end().catch(() => undefined);
        if ((err as { code?: string }).code === '53300') {
          this.backlog = 0;
          this.refused((err as Error).message);
        }
      } finally {
        this.leakOpening--;
      }
    })();
  }

  private refused(message: string): void {
    const now = Date.now();
    if (now - this.lastRefusalLog < 5_000 / this.deps.speed) return;
    this.lastRefusalLog = now;
    const { namespace, container } = this.app;
    this.deps.log(namespace, this.pod, container, json({ time: isoMs(new Date()), level: 'error', logger: 'django.db.backends', message: `connection pool exhausted: connection to server at "postgres-rw.data.svc" (10.43.0.40), port 5432 failed: FATAL:  ${message}` }));
  }

  /** Whether this pool is the leaking application's. */
  leaks(): boolean {
    return this.app.name === LEAKING_APP;
  }

  /** Ends every connection (not waiting: the server sees the sockets close). */
  close(): void {
    this.closed = true;
    for (const c of this.conns) void c.client.end().catch(() => undefined);
    for (const c of this.leaked) void c.end().catch(() => undefined);
    this.conns.clear();
    this.leaked.clear();
  }
}

export interface AppPools {
  stop(): void;
  /** Resolves once the leaking application's backlog is in (at once when nothing leaks), or after `timeoutMs`. */
  primed(timeoutMs?: number): Promise<void>;
}

/** Starts driving the applications' pools; stop() ends every connection and the timer. */
export function startAppPools(deps: PoolDeps): AppPools {
  const pools = new Map<string, PodPool>();
  const tick = () => {
    const now = Date.now();
    const seen = new Set<string>();
    if (deps.accepting()) {
      for (const app of deps.apps) {
        for (const pod of deps.runningPods(app.namespace, app.name)) {
          const key = `${app.namespace}/${pod}`;
          seen.add(key);
          let pool = pools.get(key);
          if (!pool) pools.set(key, (pool = new PodPool(deps, app, pod, now)));
          pool.step(now);
        }
      }
    }
    for (const [key, pool] of pools) {
      if (seen.has(key)) continue;
      pool.close();
      pools.delete(key);
    }
  };
  const timer = setInterval(tick, TICK_MS);
  tick();
  return {
    async primed(timeoutMs = 15_000) {
      const end = Date.now() + timeoutMs;
      const pending = () => deps.leaking() && deps.accepting() && [...pools.values()].some((p) => p.leaks() && p.backlog > 0);
      // the leaking pod's pool appears with its pod: give it a tick or two to be there
      await new Promise((r) => setTimeout(r, 2 * TICK_MS));
      while (pending() && Date.now() < end) await new Promise((r) => setTimeout(r, TICK_MS));
    },
    stop() {
      clearInterval(timer);
      for (const pool of pools.values()) pool.close();
      pools.clear();
    },
  };
}
