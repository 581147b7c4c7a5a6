// Step kind `delete`: delete a Certificate (the playbook's forced renewal; cert-manager recreates it). Only
// certificates: nothing else is deleted by a runbook.
import { z } from 'zod';
import { certFacts, renewStepFor } from '../../actions/primitives/certificate.js';
import { target } from './fields.js';
import type { StepKind } from './types.js';

const DeleteStepSchema = z.strictObject({
  action: z.literal('delete'),
  target: target('delete'),
  kind: z.literal('certificate', { error: 'delete only takes kind: certificate' }),
});

export const deleteKind: StepKind<z.infer<typeof DeleteStepSchema>> = {
  action: 'delete',
  schema: DeleteStepSchema,
  tier: () => 'destructive',
  async plan(s, ctx) {
    const f = await certFacts(ctx.clients.kube, ctx.sub(s.target));
    return { steps: [renewStepFor(f, 'delete')], target: { kind: 'Certificate', namespace: f.namespace, name: f.name } };
  },
};
