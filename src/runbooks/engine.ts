// The runbook engine: loads the runbooks (built-in + user, one schema), and plans a runbook into an Action
// (each step resolved against the cluster into a primitive step; tier = max of the steps'; confirmation from
// the tier). The executor runs the Action.
import { planRestart, resolveRestartTarget, restartStepFor } from '../actions/primitives/restart.js';
import { certFacts, preferredRenewMethod, renewStepFor } from '../actions/primitives/certificate.js';
import { backupStatusStep, barmanBackupStep, cnpgBackupStep } from '../actions/primitives/backup.js';
import { annotateStep, execStep, waitStep } from '../actions/primitives/generic.js';
import { planPitr } from '../actions/primitives/pitr.js';
import { planAcmeCheck, planCheck, planLogs } from '../actions/primitives/reads.js';
import { parseRef } from '../actions/primitives/refs.js';
import { confirmationFor, maxTier } from '../actions/tiers.js';
import type { Action, ActionStep, ActionTarget } from '../actions/types.js';
import type { KubeClients } from '../kube/client.js';
import { consoleConfigDir } from '../journal/paths.js';
import { BUILTIN_RUNBOOKS } from './builtin/index.js';
import { type Runbook, type StepDef, validateRunbook } from './schema.js';
import { loadUserRunbooks } from './user.js';

/** The built-ins, validated (a broken built-in is a programming error: it throws). */
export function builtinRunbooks(): Runbook[] {
  return BUILTIN_RUNBOOKS.map((d) => {
    const r = validateRunbook(d, `builtin:${d.id}`);
    if (!r.ok) throw new Error(r.errors.join('; '));
    return { ...r.runbook, source: 'builtin' };
  });
}

/** Built-ins plus `<configDir>/runbooks/*.yaml`; errors name the file and the field. */
export function loadRunbooks(opts: { configDir?: string } = {}): { runbooks: Runbook[]; errors: string[] } {
  const builtins = builtinRunbooks();
  const user = loadUserRunbooks(opts.configDir ?? consoleConfigDir(), new Set(builtins.map((b) => b.id)));
  return { runbooks: [...builtins, ...user.runbooks], errors: user.errors };
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

function sub(s: string | undefined, rb: Runbook, input: PlanInput): string {
  return substitute(s ?? '', rb, input);
}

interface PlannedStep {
  steps: ActionStep[];
  target: ActionTarget;
  detail?: string;
}

async function planStep(clients: KubeClients, rb: Runbook, s: StepDef, input: PlanInput, now: number): Promise<PlannedStep> {
  const target = sub(s.target, rb, input);
  switch (s.action) {
    case 'restart': {
      const w = await resolveRestartTarget(clients, target);
      return { steps: [restartStepFor(w)], target: { kind: w.kind, namespace: w.namespace, name: w.name } };
    }
    case 'renew':
    case 'delete': {
      const f = await certFacts(clients, target);
      const method = s.action === 'delete' ? 'delete' : s.method === 'auto' || !s.method ? preferredRenewMethod(f) : s.method;
      return { steps: [renewStepFor(f, method)], target: { kind: 'Certificate', namespace: f.namespace, name: f.name } };
    }
    case 'exec': {
      const pod = sub(s.pod, rb, input);
      const { namespace, name } = parseRef(pod, 'NS/POD');
      const command = s.command!.map((c) => sub(c, rb, input));
      const step = namespace === 'data' && name === 'barman-0' && command.join(' ') === 'barman backup postgres' ? barmanBackupStep() : execStep(pod, s.container, command);
      return { steps: [step], target: { kind: 'Pod', namespace, name } };
    }
    case 'create-backup': {
      const { namespace, name } = parseRef(target);
      return { steps: [cnpgBackupStep(namespace, name)], target: { kind: 'Cluster', namespace, name } };
    }
    case 'annotate': {
      const { namespace, name } = parseRef(target);
      return { steps: [annotateStep(s.kind as Exclude<typeof s.kind, undefined>, target, sub(s.key, rb, input), sub(s.value, rb, input))], target: { kind: s.kind!, namespace, name } };
    }
    case 'wait': {
      const { namespace, name } = parseRef(target);
      return { steps: [waitStep(s.condition!, target, s.timeoutSeconds)], target: { kind: 'Wait', namespace, name } };
    }
    case 'logs': {
      const a = planLogs(target, s.tailLines);
      return { steps: a.steps, target: a.target };
    }
    case 'check': {
      const a = planCheck(target);
      return { steps: a.steps, target: a.target };
    }
    case 'acme-check': {
      const a = planAcmeCheck(target);
      return { steps: a.steps, target: a.target };
    }
    case 'backup-status': {
      const { namespace, name } = target ? parseRef(target) : { namespace: 'data', name: 'postgres' };
      return { steps: [backupStatusStep({ namespace, pod: 'barman-0', container: 'barman', server: name })], target: { kind: 'Cluster', namespace, name } };
    }
    case 'pitr': {
      const a = await planPitr(clients, target, sub(s.targetTime, rb, input), now);
      return { steps: a.steps, target: a.target, detail: a.detail };
    }
  }
}

/** Plans a runbook into the Action the UI confirms and the executor runs. Throws one sentence on bad input. */
export async function planRunbook(rb: Runbook, input: PlanInput, clients: KubeClients, now = Date.now()): Promise<Action> {
  const planned: PlannedStep[] = [];
  for (const s of rb.steps) planned.push(await planStep(clients, rb, s, input, now));
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
    confirmation: confirmationFor(tier, target.name, secret?.prompt),
    params: (rb.params ?? []).map((p) => ({ ...p })),
    steps,
    detail: planned.map((p) => p.detail).filter(Boolean).join('\n') || rb.description,
  };
}

/** The playbook's `sunbeam restart NS/NAME`, without a runbook around it. */
export { planRestart };
