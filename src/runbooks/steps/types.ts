// The shape of a runbook step kind: its zod schema (the YAML a runbook may say, `action: <kind>` first), its
// tier before the cluster is read, and its planner (the step resolved against the cluster into the primitive
// steps the executor runs). One file per kind in this folder; index.ts combines them.
import type { z } from 'zod';
import type { ActionStep, ActionTarget, Tier } from '../../actions/types.js';
import type { BoxNames } from '../../ladder/box-graph.js';
import type { SourceClients } from '../../sources/source.js';

export interface StepPlanContext {
  /** Read clients, one per backend, to resolve the step's target (a restart reads what NS/NAME is). */
  clients: SourceClients;
  /** The Box's names (the database cluster, the barman pod...), from the config file. */
  names: BoxNames;
  now: number;
  /** A field of the step with the runbook's {{target}}, {{namespace}}, {{name}} and params substituted. */
  sub(text: string | undefined): string;
  /** The kind of the selection when NS/NAME is the selected object ("Pod" for a selected pod), else undefined. */
  kindOf(ref: string): string | undefined;
}

export interface PlannedStep {
  steps: ActionStep[];
  target: ActionTarget;
  detail?: string;
}

export interface StepKind<S extends { action: string }> {
  action: S['action'];
  schema: z.ZodType<S>;
  /** The step's tier before planning (renew auto counts as destructive: it may delete). */
  tier(step: S): Tier;
  plan(step: S, ctx: StepPlanContext): Promise<PlannedStep>;
}
