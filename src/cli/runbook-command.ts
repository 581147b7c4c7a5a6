// `sunbeam-console runbook list [--rung N] [--target NS/NAME [--kind KIND]]` and `sunbeam-console runbook run ID
// [NS/NAME] [--param NAME=VALUE]... [--yes] [--dry-run]`: the built-in and user runbooks from the command line,
// through the same picker, read-only gate, planner and executor as the console. Flags: program-spec.ts.
import { boxNames } from '../ladder/box-graph.js';
import { loadRunbooks, planRunbook } from '../runbooks/engine.js';
import { runbooksFor } from '../runbooks/fit.js';
import type { Runbook } from '../runbooks/schema.js';
import { UsageError, parseTimeout, prepare, runAction, targetRef, usageFailure, withSession, type ActionValues } from './action-cli.js';

interface RunbookValues extends ActionValues {
  rung?: string;
  kind?: string;
  target?: string;
  param?: string[];
}

/** --param NAME=VALUE..., each NAME one the runbook declares; throws one sentence naming its real params. */
export function runbookParams(rb: Pick<Runbook, 'id' | 'params'>, list: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const known = (rb.params ?? []).map((p) => p.name);
  for (const p of list ?? []) {
    const i = p.indexOf('=');
    if (i < 1) throw new UsageError(`--param takes NAME=VALUE, not "${p}".`);
    const name = p.slice(0, i);
    if (!known.includes(name)) {
      throw new UsageError(
        `the runbook ${rb.id} has no parameter "${name}"; ${known.length ? `its parameters are: ${known.join(', ')}` : 'it takes no --param'}.`,
      );
    }
    out[name] = p.slice(i + 1);
  }
  return out;
}

/**
 * A title for the list with no selection: its templates as the words `runbook run` takes ("Restart {{target}}" is
 * "Restart NS/NAME"), never the raw `{{target}}`.
 */
function listTitle(title: string): string {
  return title
    .replace(/\{\{\s*target\s*\}\}/g, 'NS/NAME')
    .replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase());
}

/** The session's settings (nothing is opened yet) and the runbooks for its Box; null after a one-sentence error. */
function load(name: string, values: RunbookValues) {
  try {
    const pending = prepare(values);
    const loaded = loadRunbooks({ names: boxNames(pending.config) });
    for (const e of loaded.errors) process.stderr.write(`${e}\n`);
    return { pending, runbooks: loaded.runbooks };
  } catch (err) {
    usageFailure(name, err);
    return null;
  }
}

export async function list(opts: Record<string, unknown>): Promise<number> {
  const values = opts as RunbookValues;
  const rung = values.rung ? Number(values.rung) : undefined;
  if (values.rung && !(rung! >= 1 && rung! <= 7)) return usageFailure('runbook list', new UsageError(`--rung must be 1 to 7, not "${values.rung}".`));
  let selection;
  try {
    if (values.kind && !values.target) throw new UsageError('--kind goes with --target.');
    selection = values.target ? { kind: values.kind ?? 'Deployment', ...targetRef(values.target, values.namespace) } : undefined;
  } catch (err) {
    return usageFailure('runbook list', err);
  }
  const loaded = load('runbook list', values);
  if (!loaded) return 2;
  const { pending, runbooks } = loaded;
  const rows =
    rung || selection
      ? runbooksFor({ rung: rung ?? 0, selection }, pending.readOnly, runbooks).map((e) => ({ ...e.runbook, title: e.title }))
      : runbooks.filter((r) => !pending.readOnly || r.tier === 'read');
  for (const r of rows) process.stdout.write(`${r.id.padEnd(26)} ${r.tier.padEnd(11)} ${listTitle(r.title)}${r.source === 'builtin' ? '' : `  (${r.source})`}\n`);
  return 0;
}

export async function runRunbook(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const values = opts as RunbookValues;
  const [id, ref] = args as [string, string | undefined];
  try {
    parseTimeout(values.timeout);
  } catch (err) {
    return usageFailure('runbook run', err);
  }
  const loaded = load('runbook run', values);
  if (!loaded) return 2;
  const rb = loaded.runbooks.find((r) => r.id === id);
  if (!rb) return usageFailure('runbook run', new UsageError(`there is no runbook "${id}"; see sunbeam-console runbook list.`));
  let given: Record<string, string>;
  try {
    given = runbookParams(rb, values.param);
  } catch (err) {
    return usageFailure('runbook run', err);
  }
  return withSession(
    'runbook run',
    values,
    async (s) => {
      const target = ref ? { kind: values.kind ?? 'Deployment', ...targetRef(ref, values.namespace, s.namespace) } : undefined;
      const action = await planRunbook(rb, { target, params: given }, s.clients);
      return runAction(action, s, { yes: values.yes, dryRun: values.dryRun, timeoutMs: parseTimeout(values.timeout), params: given });
    },
    loaded.pending,
  );
}
