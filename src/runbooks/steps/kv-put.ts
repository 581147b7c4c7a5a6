// Step kind `kv-put`: a new value for one field of a static secret in OpenBao's KV v2, check-and-set against
// the version read when it is planned; the value from a secret param (typed hidden) or generated (32 random
// bytes, hex). See src/actions/primitives/kv.ts.
import { z } from 'zod';
import { kvPutStep, kvVersion, parseKvPath } from '../../actions/primitives/kv.js';
import { required } from './fields.js';
import type { StepKind } from './types.js';

const KvPutStepSchema = z
  .strictObject({
    action: z.literal('kv-put'),
    /** secret/{app}/{key}, templates allowed. */
    path: z.string(required('kv-put')).min(1),
    field: z.string(required('kv-put')).min(1),
    /** The name of the secret param that holds the value. */
    valueParam: z.string().min(1).optional(),
    generate: z.literal('hex32').optional(),
    /** Shown in the preflight ("sessions are invalidated"). */
    warning: z.string().optional(),
  })
  .refine((s) => !!s.valueParam !== !!s.generate, { message: 'kv-put needs exactly one of valueParam or generate' });

export const kvPutKind: StepKind<z.infer<typeof KvPutStepSchema>> = {
  action: 'kv-put',
  schema: KvPutStepSchema as unknown as z.ZodType<z.infer<typeof KvPutStepSchema>>,
  tier: () => 'secret',
  async plan(s, ctx) {
    const p = parseKvPath(ctx.sub(s.path));
    const field = ctx.sub(s.field);
    const cas = await kvVersion(ctx.clients, p.mount, p.path);
    const value = s.generate ? ({ generate: s.generate } as const) : { param: s.valueParam! };
    return { steps: [kvPutStep(p, [{ field, value }], cas, s.warning)], target: { kind: 'Secret', namespace: p.app, name: p.key } };
  },
};
