// Step kind `brain-check` (read): Sol's brain, checked now against the Mistral API (the emergency row "Sol
// unresponsive: restart, check Mistral API connectivity"), or the last check when this run has no Mistral client.
import { z } from 'zod';
import { brainCheckStep } from '../../actions/primitives/brain-check.js';
import type { StepKind } from './types.js';

const BrainCheckStepSchema = z.strictObject({ action: z.literal('brain-check') });

export const brainCheckKind: StepKind<z.infer<typeof BrainCheckStepSchema>> = {
  action: 'brain-check',
  schema: BrainCheckStepSchema,
  tier: () => 'read',
  async plan() {
    return { steps: [brainCheckStep()], target: { kind: 'Deployment', namespace: 'matrix', name: 'sol' } };
  },
};
