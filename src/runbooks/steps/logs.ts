// Step kind `logs` (read): the last log lines of a workload's pods.
import { z } from 'zod';
import { planLogs } from '../../actions/primitives/reads.js';
import { target } from './fields.js';
import type { StepKind } from './types.js';

const LogsStepSchema = z.strictObject({
  action: z.literal('logs'),
  target: target('logs'),
  tailLines: z.number().int().positive().max(5000).optional(),
});

export const logsKind: StepKind<z.infer<typeof LogsStepSchema>> = {
  action: 'logs',
  schema: LogsStepSchema,
  tier: () => 'read',
  async plan(s, ctx) {
    const a = planLogs(ctx.sub(s.target), s.tailLines);
    return { steps: a.steps, target: a.target };
  },
};
