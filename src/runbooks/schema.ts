// The runbook schema: the built-ins and the user's YAML runbooks are validated by the SAME zod schema. A
// runbook is a sequence of steps built from the primitive actions; its tier is the max of its steps' tiers.
import { z } from 'zod';
import { maxTier } from '../actions/tiers.js';
import type { Tier } from '../actions/types.js';

export const STEP_ACTIONS = [
  'restart',
  'delete',
  'exec',
  'create-backup',
  'annotate',
  'renew',
  'wait',
  'logs',
  'check',
  'acme-check',
  'backup-status',
  'pitr',
] as const;
export type StepActionName = (typeof STEP_ACTIONS)[number];

export const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Cluster', 'Pod', 'Certificate', 'Namespace'] as const;

const ref = z.string().min(3);

export const StepSchema = z
  .object({
    action: z.enum(STEP_ACTIONS),
    /** NS/NAME, or a template: "{{target}}", "{{namespace}}/{{name}}". For check: a namespace. */
    target: z.string().min(1).optional(),
    /** delete: only certificate; annotate: deployment, statefulset, daemonset, cluster, certificate. */
    kind: z.enum(['certificate', 'deployment', 'statefulset', 'daemonset', 'cluster']).optional(),
    /** renew: delete (the playbook's way), issuing (cmctl's way), auto (issuing unless ingress-shim recreates it). */
    method: z.enum(['delete', 'issuing', 'auto']).optional(),
    /** exec: NS/POD, the container and the command (argv). */
    pod: ref.optional(),
    container: z.string().min(1).optional(),
    command: z.array(z.string().min(1)).min(1).optional(),
    /** annotate */
    key: z.string().min(1).optional(),
    value: z.string().optional(),
    /** wait */
    condition: z.enum(['rollout-complete', 'certificate-ready', 'cluster-healthy', 'backup-completed']).optional(),
    timeoutSeconds: z.number().int().positive().max(3600).optional(),
    /** pitr */
    targetTime: z.string().min(1).optional(),
    /** logs */
    tailLines: z.number().int().positive().max(5000).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const need = (field: keyof typeof s, why: string) => {
      if (s[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required for ${why}` });
    };
    switch (s.action) {
      case 'restart':
      case 'renew':
      case 'logs':
      case 'check':
      case 'acme-check':
      case 'create-backup':
        need('target', s.action);
        break;
      case 'delete':
        need('target', 'delete');
        if (s.kind !== 'certificate') ctx.addIssue({ code: 'custom', path: ['kind'], message: 'delete only takes kind: certificate' });
        break;
      case 'exec':
        need('pod', 'exec');
        need('command', 'exec');
        break;
      case 'annotate':
        need('target', 'annotate');
        need('kind', 'annotate');
        need('key', 'annotate');
        need('value', 'annotate');
        break;
      case 'wait':
        need('target', 'wait');
        need('condition', 'wait');
        break;
      case 'pitr':
        need('target', 'pitr');
        need('targetTime', 'pitr');
        break;
      case 'backup-status':
        break;
    }
  });

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

export type StepDef = z.infer<typeof StepSchema>;
export type RunbookDef = z.infer<typeof RunbookSchema>;

export interface Runbook extends RunbookDef {
  /** 'builtin' or the file it came from. */
  source: string;
  /** Max of the steps' tiers (known before the cluster is read). */
  tier: Tier;
}

/** A step's tier before planning (renew auto counts as destructive: it may delete). */
export function staticStepTier(s: StepDef): Tier {
  switch (s.action) {
    case 'logs':
    case 'check':
    case 'acme-check':
    case 'backup-status':
    case 'wait':
      return 'read';
    case 'delete':
    case 'pitr':
      return 'destructive';
    case 'renew':
      return s.method === 'issuing' ? 'change' : 'destructive';
    default:
      return 'change';
  }
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
  const i = issue as z.core.$ZodIssue & { values?: unknown[]; keys?: string[] };
  if (i.code === 'invalid_value' && Array.isArray(i.values)) return `expected one of ${i.values.map(String).join(', ')}`;
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
