// Step kind `unseal`: one key share, typed hidden, to every sealed OpenBao replica, the leader first. The share
// is the runbook's secret param `unsealKey` (src/actions/primitives/unseal.ts wipes it after use).
import { z } from 'zod';
import { OPENBAO } from '../../sources/openbao/client.js';
import { plannedReplicas, unsealStep } from '../../actions/primitives/unseal.js';
import type { StepKind } from './types.js';

export const TARGET = { kind: 'StatefulSet', namespace: OPENBAO.namespace, name: OPENBAO.statefulSet };
const UnsealStepSchema = z.strictObject({ action: z.literal('unseal') });

export const unsealKind: StepKind<z.infer<typeof UnsealStepSchema>> = {
  action: 'unseal',
  schema: UnsealStepSchema,
  tier: () => 'secret',
  async plan(_s, ctx) {
    const replicas = await plannedReplicas(ctx.clients);
    return { steps: [unsealStep(replicas.map((r) => r.name))], target: TARGET, detail: 'Enter one key share (3 of 5 open OpenBao); run it again for the next share. The share is never shown or kept.' };
  },
};
