// The simulated Box's database as data (src/sim/servers/postgres/plan.ts, setup.ts): which applications connect,
// with which role and database, how many connections they hold, the cap that makes drive's leak end in 53300
// while the console keeps a slot, and the set-up's SQL (no password of the console's in the DSN).
import { describe, expect, it } from 'vitest';
import { CONSOLE_HEADROOM, CONSOLE_ROLE, MAX_CONNECTIONS, SUPERUSER_RESERVED, connectionLimit, dbApps, shortQuery, slowQuery } from '../../src/sim/servers/postgres/plan.js';
import { makeCredentials, setupStatements } from '../../src/sim/servers/postgres/setup.js';

describe('the simulated database plan', () => {
  it('connects every application of the catalog that needs postgres, the worker with its web app\'s role and database', () => {
    const apps = dbApps();
    expect(apps.map((a) => `${a.namespace}/${a.name}:${a.role}/${a.database}`)).toEqual([
      'matrix/synapse:synapse/synapse',
      'matrix/sol:sol/sol',
      'messages/messages:messages/messages',
      'messages/messages-worker:messages/messages',
      'gitea/gitea:gitea/gitea',
      'drive/drive:drive/drive',
    ]);
    const steady = apps.reduce((n, a) => n + a.poolPerPod * a.replicas, 0);
    expect(steady).toBeGreaterThanOrEqual(20);
    expect(steady).toBeLessThanOrEqual(30);
  });

  it('caps drive so that a leak exhausts the applications\' share (>= 95% of the usable slots) and leaves the console its headroom', () => {
    const apps = dbApps();
    const others = apps.filter((a) => a.role !== 'drive').reduce((n, a) => n + a.poolPerPod * a.replicas, 0);
    const limit = connectionLimit(apps, 'drive');
    const usable = MAX_CONNECTIONS - SUPERUSER_RESERVED;
    expect(others + limit).toBe(usable - CONSOLE_HEADROOM);
    expect((others + limit) / usable).toBeGreaterThanOrEqual(0.95);
    expect(limit).toBeGreaterThan(30);
  });

  it('makes a login role per application (drive capped), a database each, and the console\'s monitoring role', () => {
    const apps = dbApps();
    const creds = makeCredentials(apps);
    expect(Object.keys(creds.passwords).sort()).toEqual(['drive', 'gitea', 'messages', 'sol', CONSOLE_ROLE, 'synapse'].sort());
    expect(new Set(Object.values(creds.passwords)).size).toBe(6);
    const sql = setupStatements(apps, creds);
    expect(sql.filter((s) => s.startsWith('CREATE DATABASE'))).toEqual(['CREATE DATABASE "synapse" OWNER "synapse"', 'CREATE DATABASE "sol" OWNER "sol"', 'CREATE DATABASE "messages" OWNER "messages"', 'CREATE DATABASE "gitea" OWNER "gitea"', 'CREATE DATABASE "drive" OWNER "drive"']);
    expect(sql.find((s) => s.startsWith('CREATE ROLE "drive"'))).toMatch(new RegExp(`CONNECTION LIMIT ${connectionLimit(apps, 'drive')}$`));
    expect(sql.find((s) => s.startsWith('CREATE ROLE "synapse"'))).not.toContain('CONNECTION LIMIT');
    expect(sql.at(-1)).toBe(`CREATE ROLE "${CONSOLE_ROLE}" LOGIN PASSWORD '${creds.passwords[CONSOLE_ROLE]}' IN ROLE pg_monitor, pg_signal_backend`);
  });

  it('gives slow queries of 1 to 8 s with their ORM\'s comment, and short ones', () => {
    expect(slowQuery('synapse', () => 0)).toBe('SELECT pg_sleep(1.0) /* synapse: state_group_edges */');
    expect(slowQuery('gitea', () => 0.999)).toBe('SELECT pg_sleep(8.0) /* gitea: issue_search */');
    expect(shortQuery('drive', () => 0)).toMatch(/\/\* drive: \w+ \*\/$/);
  });
});
