// The Box's database set up as CloudNativePG's managed roles would leave it: over the unix socket as the
// superuser `postgres`, a login role and a database per application (the leaking one's role capped, see
// plan.ts), and the console's role with pg_monitor and pg_signal_backend. Every password is random, made for
// the run; only the console's leaves this process, in a pgpass file (0600).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { CONSOLE_ROLE, type DbApp, LEAKING_APP, connectionLimit } from './plan.js';

export interface DbCredentials {
  /** Each role's password, by role. */
  passwords: Record<string, string>;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Random passwords for the applications' roles and the console's (hex: nothing to quote). */
export function makeCredentials(apps: readonly DbApp[]): DbCredentials {
  const roles = [...new Set([...apps.map((a) => a.role), CONSOLE_ROLE])];
  return { passwords: Object.fromEntries(roles.map((r) => [r, randomBytes(18).toString('hex')])) };
}

/** The SQL that makes the roles and databases. */
export function setupStatements(apps: readonly DbApp[], creds: DbCredentials): string[] {
  const out: string[] = [];
  const leaker = apps.find((a) => a.name === LEAKING_APP)?.role;
  for (const role of new Set(apps.map((a) => a.role))) {
    const limit = role === leaker ? ` CONNECTION LIMIT ${connectionLimit(apps, role)}` : '';
    out.push(`CREATE ROLE ${ident(role)} LOGIN PASSWORD '${creds.passwords[role]}'${limit}`);
  }
  for (const db of new Set(apps.map((a) => a.database))) {
    const owner = apps.find((a) => a.database === db)!.role;
    out.push(`CREATE DATABASE ${ident(db)} OWNER ${ident(owner)}`);
  }
  out.push(`CREATE ROLE ${ident(CONSOLE_ROLE)} LOGIN PASSWORD '${creds.passwords[CONSOLE_ROLE]}' IN ROLE pg_monitor, pg_signal_backend`);
  return out;
}

/** Runs the set-up over the unix socket (retrying while the server is still starting: 57P03). */
export async function runSetup(socketDir: string, port: number, statements: readonly string[], deadline = Date.now() + 20_000): Promise<void> {
  for (;;) {
    const admin = new pg.Client({ host: socketDir, port, user: 'postgres', database: 'postgres', application_name: 'cnpg-instance-manager' });
    admin.on('error', () => undefined);
    try {
      await admin.connect();
    } catch (err) {
      await admin.end().catch(() => undefined);
      if ((err as { code?: string }).code !== '57P03' || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    try {
      for (const sql of statements) await admin.query(sql);
      return;
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
}

/** Writes the console's pgpass file (mode 0600): its one line for 127.0.0.1:port. */
export function writePgpass(path: string, port: number, password: string): void {
  writeFileSync(path, `127.0.0.1:${port}:*:${CONSOLE_ROLE}:${password}\nlocalhost:${port}:*:${CONSOLE_ROLE}:${password}\n`, { mode: 0o600 });
}
