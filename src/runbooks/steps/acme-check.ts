// Step kind `acme-check` (read): a Certificate's ACME orders and challenges, and the solver Ingresses.
import { z } from 'zod';
import { planAcmeCheck } from '../../actions/primitives/reads.js';
import { target } from './fields.js';
import type { StepKind } from './types.js';

const AcmeCheckStepSchema = z.strictObject({ action: z.literal('acme-check'), target: target('acme-check') });

export const acmeCheckKind: StepKind<z.infer<typeof AcmeCheckStepSchema>> = {
  action: 'acme-check',
  schema: AcmeCheckStepSchema,
  tier: () => 'read',
  async plan(s, ctx) {
    const a = planAcmeCheck(ctx.sub(s.target));
    return { steps: a.steps, target: a.target };
  },
};
