// The step kinds, combined: one registry entry per kind (its file exports the schema and the planner), from
// which the runbook schema's discriminated union on `action` and the planner lookup are made. A new step
// kind (an unseal, a KV put, a silence) is one new file in this folder plus one entry in STEP_KINDS.
import { z } from 'zod';
import type { Tier } from '../../actions/types.js';
import { acmeCheckKind } from './acme-check.js';
import { annotateKind } from './annotate.js';
import { backupStatusKind } from './backup-status.js';
import { brainCheckKind } from './brain-check.js';
import { checkKind } from './check.js';
import { createBackupKind } from './create-backup.js';
import { deleteKind } from './delete.js';
import { execKind } from './exec.js';
import { kvPutKind } from './kv-put.js';
import { logsKind } from './logs.js';
import { pgConnectionsKind } from './pg-connections.js';
import { pgTerminateKind } from './pg-terminate.js';
import { pitrKind } from './pitr.js';
import { renewKind } from './renew.js';
import { restartKind } from './restart.js';
import type { PlannedStep, StepKind, StepPlanContext } from './types.js';
import { unsealResetKind } from './unseal-reset.js';
import { unsealKind } from './unseal.js';
import { waitKind } from './wait.js';

/** In the order the schema's "expected one of ..." lists them. */
const STEP_KINDS = [
  restartKind,
  deleteKind,
  execKind,
  createBackupKind,
  annotateKind,
  renewKind,
  waitKind,
  logsKind,
  checkKind,
  acmeCheckKind,
  backupStatusKind,
  pitrKind,
  unsealKind,
  unsealResetKind,
  kvPutKind,
  pgConnectionsKind,
  pgTerminateKind,
  brainCheckKind,
] as const;

type KindOf<K> = K extends StepKind<infer S> ? S : never;
/** One step of a runbook: the union of every kind's schema, discriminated by `action`. */
export type StepDef = KindOf<(typeof STEP_KINDS)[number]>;
type AnySchema = z.ZodObject<{ action: z.ZodLiteral<string> }>;
export const StepSchema = z.discriminatedUnion(
  'action',
  STEP_KINDS.map((k) => k.schema) as unknown as [AnySchema, ...AnySchema[]],
) as unknown as z.ZodType<StepDef>;

const BY_ACTION = new Map<string, StepKind<StepDef>>(STEP_KINDS.map((k) => [k.action, k as unknown as StepKind<StepDef>]));

function kindOf(step: StepDef): StepKind<StepDef> {
  const k = BY_ACTION.get(step.action);
  if (!k) throw new Error(`Unknown step action "${step.action}".`);
  return k;
}

/** A step's tier before planning. */
export function stepTier(step: StepDef): Tier {
  return kindOf(step).tier(step);
}

/** Resolves a step against the cluster into the primitive steps the executor runs. */
export function planStepDef(step: StepDef, ctx: StepPlanContext): Promise<PlannedStep> {
  return kindOf(step).plan(step, ctx);
}

export type { PlannedStep } from './types.js';
