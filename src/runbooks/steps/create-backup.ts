// Step kind `create-backup`: a CloudNativePG Backup resource of NS/CLUSTER (as `kubectl cnpg backup` names it),
// verified to reach phase completed.
import { z } from 'zod';
import { cnpgBackupStep } from '../../actions/primitives/backup.js';
import { parseRef } from '../../actions/primitives/refs.js';
import { target } from './fields.js';
import type { StepKind } from './types.js';

const CreateBackupStepSchema = z.strictObject({ action: z.literal('create-backup'), target: target('create-backup') });

export const createBackupKind: StepKind<z.infer<typeof CreateBackupStepSchema>> = {
  action: 'create-backup',
  schema: CreateBackupStepSchema,
  tier: () => 'change',
  async plan(s, ctx) {
    const { namespace, name } = parseRef(ctx.sub(s.target));
    return { steps: [cnpgBackupStep(namespace, name)], target: { kind: 'Cluster', namespace, name } };
  },
};
