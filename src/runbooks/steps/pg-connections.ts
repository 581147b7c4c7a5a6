// Step kind `pg-connections` (read): who holds PostgreSQL's connections now, per application_name.
import { z } from 'zod';
import { pgConnectionsAction } from '../../actions/primitives/pg-sessions.js';
import { pgTarget } from './fields.js';
import type { StepKind } from './types.js';

const PgConnectionsStepSchema = z.strictObject({ action: z.literal('pg-connections') });

export const pgConnectionsKind: StepKind<z.infer<typeof PgConnectionsStepSchema>> = {
  action: 'pg-connections',
  schema: PgConnectionsStepSchema,
  tier: () => 'read',
  async plan(_s, ctx) {
    const a = pgConnectionsAction(pgTarget(ctx));
    return { steps: a.steps, target: a.target };
  },
};
