// Step kind `logs` (read): the last log lines of a pod, or of a workload's or CloudNativePG cluster's pods (the
// target resolved against the cluster, the selected kind first).
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
    const ref = ctx.sub(s.target);
    const a = await planLogs(ctx.clients.kube, ref, s.tailLines, ctx.kindOf(ref));
    return { steps: a.steps, target: a.target };
  },
};
