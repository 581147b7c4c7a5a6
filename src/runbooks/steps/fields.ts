// Field schemas the step kinds share, with the error sentences runbook authors read ("required for exec").
import { z } from 'zod';
import type { StepPlanContext } from './types.js';

/** zod's error option: "required for <kind>" when the field is missing, zod's own sentence otherwise. */
export function required(kind: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? `required for ${kind}` : undefined) };
}

/** NS/NAME, or a template: "{{target}}", "{{namespace}}/{{name}}". For check: a namespace. */
export const target = (kind: string) => z.string(required(kind)).min(1);

/**
 * The PostgreSQL server a pg-* step acts on: the session's (SUNBEAM_PG_DSN, PG*, postgres.dsn), said as
 * "user@host:port/database"; without one, one sentence.
 */
export function pgTarget(ctx: StepPlanContext): string {
  const pg = ctx.clients.postgres;
  if (!pg) throw new Error('PostgreSQL is not connected: set SUNBEAM_PG_DSN (or PGHOST, PGUSER...) or postgres.dsn in the config file.');
  if (pg.problem) throw new Error(pg.problem);
  return pg.target;
}
