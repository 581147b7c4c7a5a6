// Step kind `unseal-reset`: discard the key shares entered so far on every sealed OpenBao replica
// (`bao operator unseal -reset`).
import { z } from 'zod';
import { plannedReplicas, unsealResetStep } from '../../actions/primitives/unseal.js';
import type { StepKind } from './types.js';
import { TARGET } from './unseal.js';

const UnsealResetStepSchema = z.strictObject({ action: z.literal('unseal-reset') });

export const unsealResetKind: StepKind<z.infer<typeof UnsealResetStepSchema>> = {
  action: 'unseal-reset',
  schema: UnsealResetStepSchema,
  tier: () => 'change',
  async plan(_s, ctx) {
    const replicas = await plannedReplicas(ctx.clients);
    return { steps: [unsealResetStep(replicas.map((r) => r.name))], target: TARGET };
  },
};
