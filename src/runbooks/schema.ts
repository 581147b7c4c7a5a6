// The runbook schema: the built-ins and the user's YAML runbooks are validated by the SAME zod schema. A
// runbook is a sequence of steps built from the primitive actions; its tier is the max of its steps' tiers.
// Each step kind's schema lives in its own file (src/runbooks/steps/), combined there by `action`.
import { z } from 'zod';
import { maxTier } from '../actions/tiers.js';
import type { Tier } from '../actions/types.js';
import type { BoxNames } from '../ladder/box-graph.js';
import { StepSchema, stepTier, type StepDef } from './steps/index.js';

export type { StepDef } from './steps/index.js';

export const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Cluster', 'Pod', 'Certificate', 'Namespace'] as const;

export const ParamSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
    prompt: z.string().min(1),
    secret: z.boolean().optional(),
    example: z.string().optional(),
  })
  .strict();

export const RunbookSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][-a-z0-9]*$/, 'lowercase letters, digits and dashes'),
    title: z.string().min(1),
    /** The word the read-only message uses; default the first step's action. */
    verb: z.string().min(1).optional(),
    description: z.string().optional(),
    /** Where in the playbook it comes from ("Database Recovery"). */
    playbook: z.string().optional(),
    appliesTo: z
      .object({
        rungs: z.array(z.number().int().min(1).max(7)).optional(),
        kinds: z.array(z.enum(KINDS)).optional(),
        namespaces: z.array(z.string().min(1)).optional(),
        names: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    params: z.array(ParamSchema).optional(),
    steps: z.array(StepSchema).min(1),
  })
  .strict();

export type RunbookDef = z.infer<typeof RunbookSchema>;

export interface Runbook extends RunbookDef {
  /** 'builtin' or the file it came from. */
  source: string;
  /** Max of the steps' tiers (known before the cluster is read). */
  tier: Tier;
  /** The Box's names it was loaded for (its planners' barman pod, backup-status's default); default the Box's. */
  names?: BoxNames;
}

/** A step's tier before planning (renew auto counts as destructive: it may delete). */
export function staticStepTier(s: StepDef): Tier {
  return stepTier(s);
}

export function runbookTier(r: Pick<RunbookDef, 'steps'>): Tier {
  return maxTier(r.steps.map(staticStepTier));
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(top level)';
}

function issueText(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { values?: unknown[]; keys?: string[]; options?: unknown[] };
  // An unknown step action: the discriminated union lists the kinds it knows.
  if (i.code === 'invalid_union' && Array.isArray(i.options)) return `expected one of ${i.options.map(String).join(', ')}`;
  // zod's own "Invalid option" sentence becomes the list; a step kind's own sentence is kept.
  if (i.code === 'invalid_value' && Array.isArray(i.values) && /^Invalid/.test(i.message)) return `expected one of ${i.values.map(String).join(', ')}`;
  if (i.code === 'unrecognized_keys' && Array.isArray(i.keys)) return `unknown field(s) ${i.keys.join(', ')}`;
  if (i.code === 'invalid_type') return i.message.replace(/^Invalid input: /, '');
  return i.message;
}

/** Validates one runbook; errors are "<where>: <path>: <what>" sentences. */
export function validateRunbook(input: unknown, where: string): { ok: true; runbook: Runbook } | { ok: false; errors: string[] } {
  const r = RunbookSchema.safeParse(input);
  if (!r.success) {
    return {
      ok: false,
      errors: r.error.issues.map((i) => {
        const path = i.code === 'unrecognized_keys' ? i.path : i.path;
        return `${where}: ${pathText(path)}: ${issueText(i)}`;
      }),
    };
  }
  return { ok: true, runbook: { ...r.data, source: where, tier: runbookTier(r.data) } };
}
