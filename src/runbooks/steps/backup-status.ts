// Step kind `backup-status` (read): barman pods, the Cluster's backup status, recent Backups and barman's own
// list. Without a target: the Box's database (BoxNames).
import { z } from 'zod';
import { backupStatusStep } from '../../actions/primitives/backup.js';
import { parseRef } from '../../actions/primitives/refs.js';
import type { StepKind } from './types.js';

const BackupStatusStepSchema = z.strictObject({ action: z.literal('backup-status'), target: z.string().min(1).optional() });

export const backupStatusKind: StepKind<z.infer<typeof BackupStatusStepSchema>> = {
  action: 'backup-status',
  schema: BackupStatusStepSchema,
  tier: () => 'read',
  async plan(s, ctx) {
    const t = ctx.sub(s.target);
    const { namespace, name } = t ? parseRef(t) : { namespace: ctx.names.database.namespace, name: ctx.names.database.cluster };
    return { steps: [backupStatusStep({ ...ctx.names.barman, namespace, server: name })], target: { kind: 'Cluster', namespace, name } };
  },
};
