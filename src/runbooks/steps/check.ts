// Step kind `check` (read): what is unhealthy in a namespace (the ladder's findings in the console).
import { z } from 'zod';
import { planCheck } from '../../actions/primitives/reads.js';
import { target } from './fields.js';
import type { StepKind } from './types.js';

const CheckStepSchema = z.strictObject({ action: z.literal('check'), target: target('check') });

export const checkKind: StepKind<z.infer<typeof CheckStepSchema>> = {
  action: 'check',
  schema: CheckStepSchema,
  tier: () => 'read',
  async plan(s, ctx) {
    const a = planCheck(ctx.sub(s.target));
    return { steps: a.steps, target: a.target };
  },
};
