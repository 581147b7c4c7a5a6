// Step kind `pg-terminate` (change): end the sessions of ONE application that are idle in transaction.
import { z } from 'zod';
import { pgTerminateAction } from '../../actions/primitives/pg-sessions.js';
import { pgTarget, required } from './fields.js';
import type { StepKind } from './types.js';

const PgTerminateStepSchema = z.strictObject({
  action: z.literal('pg-terminate'),
  application: z.string(required('pg-terminate')).min(1),
  database: z.string().min(1).optional(),
});

export const pgTerminateKind: StepKind<z.infer<typeof PgTerminateStepSchema>> = {
  action: 'pg-terminate',
  schema: PgTerminateStepSchema,
  tier: () => 'change',
  async plan(s, ctx) {
    const application = ctx.sub(s.application).trim();
    if (!/^[\w.@:/ -]{1,63}$/.test(application)) throw new Error(`"${application}" is not an application_name (letters, digits and . _ - @ : /, at most 63).`);
    const database = s.database ? ctx.sub(s.database) : undefined;
    const a = pgTerminateAction(pgTarget(ctx), application, database);
    return { steps: a.steps, target: a.target };
  },
};
