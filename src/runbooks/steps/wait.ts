// Step kind `wait`: wait for a condition of NS/NAME (a rollout, a Certificate Ready, a Cluster healthy, a
// Backup completed), with a timeout.
import { z } from 'zod';
import { waitStep } from '../../actions/primitives/generic.js';
import { parseRef } from '../../actions/primitives/refs.js';
import { required, target } from './fields.js';
import type { StepKind } from './types.js';

const WaitStepSchema = z.strictObject({
  action: z.literal('wait'),
  target: target('wait'),
  condition: z.enum(['rollout-complete', 'certificate-ready', 'cluster-healthy', 'backup-completed'], required('wait')),
  timeoutSeconds: z.number().int().positive().max(3600).optional(),
});

export const waitKind: StepKind<z.infer<typeof WaitStepSchema>> = {
  action: 'wait',
  schema: WaitStepSchema,
  tier: () => 'read',
  async plan(s, ctx) {
    const ref = ctx.sub(s.target);
    const { namespace, name } = parseRef(ref);
    return { steps: [waitStep(s.condition, ref, s.timeoutSeconds)], target: { kind: 'Wait', namespace, name } };
  },
};
