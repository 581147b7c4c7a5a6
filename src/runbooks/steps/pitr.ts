// Step kind `pitr` (destructive): point-in-time restore of NS/CLUSTER into a NEW cluster, with the recovery
// manifest as the action's detail.
import { z } from 'zod';
import { planPitr } from '../../actions/primitives/pitr.js';
import { required, target } from './fields.js';
import type { StepKind } from './types.js';

const PitrStepSchema = z.strictObject({
  action: z.literal('pitr'),
  target: target('pitr'),
  targetTime: z.string(required('pitr')).min(1),
});

export const pitrKind: StepKind<z.infer<typeof PitrStepSchema>> = {
  action: 'pitr',
  schema: PitrStepSchema,
  tier: () => 'destructive',
  async plan(s, ctx) {
    const a = await planPitr(ctx.clients.kube, ctx.sub(s.target), ctx.sub(s.targetTime), ctx.now);
    return { steps: a.steps, target: a.target, detail: a.detail };
  },
};
