// The runbook engine: loads the runbooks (built-in + user, one schema), and plans a runbook into an Action
// (each step resolved against the cluster by its kind's planner, src/runbooks/steps/; tier = max of the
// steps'; confirmation from the tier). The executor runs the Action. The built-ins name the Box's objects
// through BoxNames (defaults, or the config file's `box:`).
import { confirmationFor, maxTier } from '../actions/tiers.js';
import type { Action, ActionTarget } from '../actions/types.js';
import { consoleConfigDir } from '../journal/paths.js';
import { DEFAULT_BOX_NAMES, type BoxNames } from '../ladder/box-graph.js';
import type { SourceClients } from '../sources/source.js';
import { builtinRunbookDefs } from './builtin/index.js';
import { type Runbook, validateRunbook } from './schema.js';
import { planStepDef, type PlannedStep } from './steps/index.js';
import { loadUserRunbooks } from './user.js';

/** The built-ins for the Box's names, validated (a broken built-in is a programming error: it throws). */
export function builtinRunbooks(names: BoxNames = DEFAULT_BOX_NAMES): Runbook[] {
  return builtinRunbookDefs(names).map((d) => {
    const r = validateRunbook(d, `builtin:${d.id}`);
    if (!r.ok) throw new Error(r.errors.join('; '));
    return { ...r.runbook, source: 'builtin', names };
  });
}

/** Built-ins plus `<configDir>/runbooks/*.yaml`; errors name the file and the field. */
export function loadRunbooks(opts: { configDir?: string; names?: BoxNames } = {}): { runbooks: Runbook[]; errors: string[] } {
  const builtins = builtinRunbooks(opts.names);
  const user = loadUserRunbooks(opts.configDir ?? consoleConfigDir(), new Set(builtins.map((b) => b.id)));
  const names = opts.names ?? DEFAULT_BOX_NAMES;
  return { runbooks: [...builtins, ...user.runbooks.map((r) => ({ ...r, names }))], errors: user.errors };
}

export interface PlanInput {
  /** The selection the runbook is about ({{target}}, {{namespace}}, {{name}}). */
  target?: ActionTarget;
  /** Values of the runbook's params (secret ones are not substituted into steps). */
  params?: Record<string, string>;
}

export function substitute(text: string, rb: Pick<Runbook, 'params'>, input: PlanInput): string {
  return text.replace(/\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g, (m, key: string) => {
    const t = input.target;
    if (key === 'target') {
      if (!t) throw new Error('This runbook needs a selected target (NS/NAME).');
      return t.namespace ? `${t.namespace}/${t.name}` : t.name;
    }
    if (key === 'namespace') {
      if (!t) throw new Error('This runbook needs a selected target.');
      return t.namespace || t.name;
    }
    if (key === 'name') {
      if (!t) throw new Error('This runbook needs a selected target.');
      return t.name;
    }
    const spec = rb.params?.find((p) => p.name === key);
    if (!spec) return m;
    if (spec.secret) return '***';
    const v = input.params?.[key];
    if (!v) throw new Error(`This runbook needs ${spec.prompt}.`);
    return v;
  });
}

/** Plans a runbook into the Action the UI confirms and the executor runs. Throws one sentence on bad input. */
export async function planRunbook(rb: Runbook, input: PlanInput, clients: SourceClients, now = Date.now()): Promise<Action> {
  const planned: PlannedStep[] = [];
  const t = input.target;
  const ctx = {
    clients,
    names: rb.names ?? DEFAULT_BOX_NAMES,
    now,
    sub: (text: string | undefined) => substitute(text ?? '', rb, input),
    kindOf: (ref: string) => (t && ref === `${t.namespace}/${t.name}` ? t.kind : undefined),
  };
  for (const s of rb.steps) planned.push(await planStepDef(s, ctx));
  const steps = planned.flatMap((p) => p.steps);
  const tier = maxTier(steps.map((s) => s.tier));
  const destructive = planned.find((p) => p.steps.some((s) => s.tier === 'destructive'));
  const target = (destructive ?? planned[0]!).target;
  const secret = rb.params?.find((p) => p.secret);
  return {
    id: rb.id,
    verb: rb.verb ?? rb.steps[0]!.action,
    title: substitute(rb.title, rb, input),
    target,
    tier,
    // A secret-tier runbook is confirmed by typing its secret (the share, the new value); one that makes its own
    // secret (a generated key) has nothing to type but the target's name, as a destructive change.
    confirmation: tier === 'secret' && !secret ? confirmationFor('destructive', target.name) : confirmationFor(tier, target.name, secret?.prompt),
    params: (rb.params ?? []).map((p) => ({ ...p })),
    steps,
    detail: planned.map((p) => p.detail).filter(Boolean).join('\n') || rb.description,
  };
}

/** The playbook's `sunbeam restart NS/NAME`, without a runbook around it. */
