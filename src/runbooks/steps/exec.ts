// Step kind `exec`: a command in a pod, its output streamed, its exit code the outcome. The Box's own barman
// backup (`barman backup <server>` in the barman pod, per BoxNames) gets the barman preflight.
import { z } from 'zod';
import { barmanBackupStep } from '../../actions/primitives/backup.js';
import { execStep } from '../../actions/primitives/generic.js';
import { parseRef } from '../../actions/primitives/refs.js';
import { required } from './fields.js';
import type { StepKind } from './types.js';

const ExecStepSchema = z.strictObject({
  action: z.literal('exec'),
  /** NS/POD */
  pod: z.string(required('exec')).min(3),
  container: z.string().min(1).optional(),
  /** argv */
  command: z.array(z.string().min(1), required('exec')).min(1),
});

export const execKind: StepKind<z.infer<typeof ExecStepSchema>> = {
  action: 'exec',
  schema: ExecStepSchema,
  tier: () => 'change',
  async plan(s, ctx) {
    const pod = ctx.sub(s.pod);
    const { namespace, name } = parseRef(pod, 'NS/POD');
    const command = s.command.map((c) => ctx.sub(c));
    const b = ctx.names.barman;
    const barman = namespace === b.namespace && name === b.pod && command.join(' ') === `barman backup ${b.server}`;
    return { steps: [barman ? barmanBackupStep(b) : execStep(pod, s.container, command)], target: { kind: 'Pod', namespace, name } };
  },
};
