// Step kind `annotate`: set an annotation on a workload, a CloudNativePG Cluster or a Certificate (merge patch).
import { z } from 'zod';
import { annotateStep } from '../../actions/primitives/generic.js';
import { parseRef } from '../../actions/primitives/refs.js';
import { required, target } from './fields.js';
import type { StepKind } from './types.js';

const AnnotateStepSchema = z.strictObject({
  action: z.literal('annotate'),
  target: target('annotate'),
  kind: z.enum(['certificate', 'deployment', 'statefulset', 'daemonset', 'cluster'], required('annotate')),
  key: z.string(required('annotate')).min(1),
  value: z.string(required('annotate')),
});

export const annotateKind: StepKind<z.infer<typeof AnnotateStepSchema>> = {
  action: 'annotate',
  schema: AnnotateStepSchema,
  tier: () => 'change',
  async plan(s, ctx) {
    const ref = ctx.sub(s.target);
    const { namespace, name } = parseRef(ref);
    return { steps: [annotateStep(s.kind, ref, ctx.sub(s.key), ctx.sub(s.value))], target: { kind: s.kind, namespace, name } };
  },
};
