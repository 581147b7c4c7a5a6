// Step kind `renew`: force a Certificate's renewal, the playbook's way (delete; ingress-shim recreates it),
// cmctl's way (the Issuing condition), or auto (delete only when ingress-shim will recreate it).
import { z } from 'zod';
import { certFacts, preferredRenewMethod, renewStepFor } from '../../actions/primitives/certificate.js';
import { target } from './fields.js';
import type { StepKind } from './types.js';

const RenewStepSchema = z.strictObject({
  action: z.literal('renew'),
  target: target('renew'),
  /** delete (the playbook's way), issuing (cmctl's way), auto (issuing unless ingress-shim recreates it). */
  method: z.enum(['delete', 'issuing', 'auto']).optional(),
});

export const renewKind: StepKind<z.infer<typeof RenewStepSchema>> = {
  action: 'renew',
  schema: RenewStepSchema,
  tier: (s) => (s.method === 'issuing' ? 'change' : 'destructive'),
  async plan(s, ctx) {
    const f = await certFacts(ctx.clients.kube, ctx.sub(s.target));
    const method = s.method === 'auto' || !s.method ? preferredRenewMethod(f) : s.method;
    return { steps: [renewStepFor(f, method)], target: { kind: 'Certificate', namespace: f.namespace, name: f.name } };
  },
};
