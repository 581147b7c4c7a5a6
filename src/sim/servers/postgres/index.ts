// The Box's database (the CloudNativePG cluster data/postgres) as a REAL PostgreSQL server on a loopback port
// (local-server.ts, max_connections 60), that the Box's applications really connect to (pools.ts). It hands
// out SUNBEAM_PG_DSN (the console's role sunbeam_console, no password in it) and PGPASSFILE (that role's
// password, 0600, in the run's directory).
//
// start() returns at once with the port and the env; the server starts in the background (listening on its
// unix socket only while the roles and databases are made, setup.ts), so the other servers and the console's
// first frame never wait for it. Then it follows the World: down while `postgresDown` (connections refused),
// up again when a restart of the Cluster clears it. No PostgreSQL on the machine is no crash: no env, and
// problem() says so in one sentence.
import { join } from 'node:path';
import type { RunningServer, SimServer } from '../types.js';
import { type LocalPostgres, freePort, postgresBinDir, startLocalPostgres } from './local-server.js';
import { CONSOLE_ROLE, LEAK_FAULT, MAX_CONNECTIONS, SUPERUSER_RESERVED, dbApps } from './plan.js';
import { type AppPools, startAppPools } from './pools.js';
import { makeCredentials, runSetup, setupStatements, writePgpass } from './setup.js';

export const NO_POSTGRES = 'the simulated Box has no database server: install postgresql (Debian\'s package) to see rung 5 from inside PostgreSQL.';

export interface RunningPostgres extends RunningServer {
  /** Why the Box has no database, in one sentence; undefined while all is well. */
  problem(): string | undefined;
  /** Resolves once the background start is over (set up and up or down as the World says, or failed). */
  settled(): Promise<void>;
}

export interface PostgresSimDeps {
  /** Where PostgreSQL's binaries are (default: local-server's search); undefined means none is installed. */
  binDir?: () => string | undefined;
}

export function createPostgresSim(deps: PostgresSimDeps = {}): SimServer<RunningPostgres> {
  return {
    id: 'postgres',
    async start({ box, speed, tmpDir }): Promise<RunningPostgres> {
      if (!(deps.binDir ?? postgresBinDir)()) {
        return { url: '', env: {}, problem: () => NO_POSTGRES, settled: () => Promise.resolve(), stop: () => Promise.resolve() };
      }
      const { world } = box;
      const apps = dbApps();
      const creds = makeCredentials(apps);
      const port = await freePort();
      const pgpass = join(tmpDir(), 'pgpass');
      writePgpass(pgpass, port, creds.passwords[CONSOLE_ROLE]!);
      let server: LocalPostgres | undefined;
      let pools: AppPools | undefined;
      let problem: string | undefined;
      let stopped = false;
      // one change of the server's state at a time, in order
      let chain: Promise<void> = Promise.resolve();
      const converge = () => {
        chain = chain.then(async () => {
          if (!server) return;
          const up = !stopped && !world.postgresDown;
          if (up && !server.running()) await server.start();
          else if (!up && server.running()) await server.stop();
        }).catch((err: Error) => {
          if (!stopped) problem = `the simulated Box's database did not start again: ${err.message}`;
        });
        return chain;
      };
      const unsubscribe = world.subscribe((c) => {
        if (c.kind === 'postgres') void converge();
      });

      const abort = new AbortController();
      // the server from its first start on, so that stop() can end it even in the middle of the set-up
      let started: LocalPostgres | undefined;
      const boot = (async () => {
        const s = (started = await startLocalPostgres({ port, maxConnections: MAX_CONNECTIONS, tcp: false, signal: abort.signal, settings: { superuser_reserved_connections: String(SUPERUSER_RESERVED), client_connection_check_interval: '1000' } }));
        try {
          if (stopped) throw new Error('stopped');
          await runSetup(s.socketDir, s.port, setupStatements(apps, creds));
          await s.stop();
        } catch (err) {
          await s.destroy();
          throw err;
        }
        if (stopped) return;
        server = s;
        await converge();
        if (stopped) return;
        pools = startAppPools({
          host: s.host,
          port: s.port,
          apps,
          passwords: creds.passwords,
          speed,
          accepting: () => s.running() && !world.postgresDown,
          runningPods: (ns, app) => box.runningPods(ns, app),
          leaking: () => world.hasFault(LEAK_FAULT),
          log: (ns, pod, container, line) => box.logs.write(ns, pod, container, [line]),
        });
      })().catch((err: Error) => {
        if (!stopped) problem = `the simulated Box's database did not start: ${err.message.replace(/\.$/, '')}.`;
      });

      return {
        url: `postgresql://127.0.0.1:${port}`,
        env: { SUNBEAM_PG_DSN: `postgresql://${CONSOLE_ROLE}@127.0.0.1:${port}/postgres`, PGPASSFILE: pgpass },
        problem: () => problem,
        settled: async () => {
          await boot;
          await chain;
          // a leak drill is settled once its leaked sessions are in (it starts broken, as the others do)
          if (world.hasFault(LEAK_FAULT)) await pools?.primed();
        },
        async stop() {
          stopped = true;
          unsubscribe();
          abort.abort();
          pools?.stop();
          // ends the server at once, even while it starts or is being set up (the boot then fails and is done)
          await started?.destroy();
          await boot;
          pools?.stop();
          await chain;
          await started?.destroy();
        },
      };
    },
  };
}

export const postgresSim = createPostgresSim();
