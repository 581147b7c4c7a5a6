// Step kind `restart`: a rolling restart of NS/NAME (a CloudNativePG Cluster the way its plugin does, other
// workloads the way kubectl rollout restart does), resolved against the cluster.
import { z } from 'zod';
import { resolveRestartTarget, restartStepFor } from '../../actions/primitives/restart.js';
import { target } from './fields.js';
import type { StepKind } from './types.js';

const RestartStepSchema = z.strictObject({ action: z.literal('restart'), target: target('restart') });

export const restartKind: StepKind<z.infer<typeof RestartStepSchema>> = {
  action: 'restart',
  schema: RestartStepSchema,
  tier: () => 'change',
  async plan(s, ctx) {
    const w = await resolveRestartTarget(ctx.clients.kube, ctx.sub(s.target));
    return { steps: [restartStepFor(w)], target: { kind: w.kind, namespace: w.namespace, name: w.name } };
  },
};
