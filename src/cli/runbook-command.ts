// `sunbeam-console runbook list [--rung N] [--target KIND/NS/NAME]` and `sunbeam-console runbook run ID
// [NS/NAME] [--param NAME=VALUE]... [--yes] [--dry-run]`: the built-in and user runbooks from the command line,
// through the same picker, read-only gate, planner and executor as the console.
import { parseRef } from '../actions/primitives/refs.js';
import { boxNames } from '../ladder/box-graph.js';
import { loadRunbooks, planRunbook } from '../runbooks/engine.js';
import { runbooksFor } from '../runbooks/fit.js';
import { CONNECTION_OPTIONS, UsageError, parseFlags, parseTimeout, prepare, runAction, withSession } from './action-cli.js';

export const USAGE = `usage: sunbeam-console runbook list [--rung N] [--kind KIND --target NS/NAME] [--read-only]
       sunbeam-console runbook run ID [NS/NAME] [--kind KIND] [--param NAME=VALUE]... [--yes] [--dry-run] [--read-only] [--kubeconfig PATH] [--context NAME] [--demo]`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  rung: { type: 'string' },
  kind: { type: 'string' },
  target: { type: 'string' },
  param: { type: 'string', multiple: true },
} as const;

function params(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list ?? []) {
    const i = p.indexOf('=');
    if (i < 1) throw new UsageError(`--param takes NAME=VALUE, not "${p}".`);
    out[p.slice(0, i)] = p.slice(i + 1);
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

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(args, OPTIONS);
    if (parsed.values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const [verb] = parsed.positionals;
    if (verb !== 'list' && verb !== 'run') throw new UsageError(verb ? `unknown runbook command "${verb}"; use list or run.` : 'say list or run.');
    parseTimeout(parsed.values.timeout);
  } catch (err) {
    process.stderr.write(`sunbeam-console runbook: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  // The session's settings (nothing is opened yet): its config names the Box, and says whether the run is read-only.
  let pending;
  let loaded;
  try {
    pending = prepare(values);
    loaded = loadRunbooks({ names: boxNames(pending.config) });
  } catch (err) {
    process.stderr.write(`sunbeam-console runbook: ${(err as Error).message}\n`);
    return 2;
  }
  for (const e of loaded.errors) process.stderr.write(`${e}\n`);

  if (positionals[0] === 'list') {
    const rung = values.rung ? Number(values.rung) : undefined;
    if (values.rung && !(rung! >= 1 && rung! <= 7)) {
      process.stderr.write(`sunbeam-console runbook: --rung must be 1 to 7, not "${values.rung}".\n`);
      return 2;
    }
    const selection = values.target ? { kind: values.kind ?? 'Deployment', ...parseRef(values.target) } : undefined;
    const rows =
      rung || selection
        ? runbooksFor({ rung: rung ?? 0, selection }, pending.readOnly, loaded.runbooks).map((e) => ({ ...e.runbook, title: e.title }))
        : loaded.runbooks.filter((r) => !pending.readOnly || r.tier === 'read');
    for (const r of rows) process.stdout.write(`${r.id.padEnd(26)} ${r.tier.padEnd(11)} ${listTitle(r.title)}${r.source === 'builtin' ? '' : `  (${r.source})`}\n`);
    return 0;
  }

  const id = positionals[1];
  const rb = loaded.runbooks.find((r) => r.id === id);
  if (!rb) {
    process.stderr.write(`sunbeam-console runbook: there is no runbook "${id ?? ''}"; see runbook list.\n`);
    return 2;
  }
  return withSession('runbook', USAGE, values, async (s) => {
    const given = params(values.param);
    const ref = positionals[2];
    const target = ref ? { kind: values.kind ?? 'Deployment', ...parseRef(ref) } : undefined;
    const action = await planRunbook(rb, { target, params: given }, s.clients);
    return runAction(action, s, { yes: values.yes, dryRun: values['dry-run'], timeoutMs: parseTimeout(values.timeout), params: given });
  }, pending);
}
