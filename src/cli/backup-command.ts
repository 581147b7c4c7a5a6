// `sunbeam-console backup [--cnpg] [--cluster NS/NAME]`: the playbook's manual backup trigger (`barman backup
// postgres` in data/barman-0, output streamed), or with --cnpg a CloudNativePG Backup resource verified to
// reach phase completed.
import { planBarmanBackup, planCnpgBackup } from '../actions/primitives/backup.js';
import { parseRef } from '../actions/primitives/refs.js';
import { boxNames, databaseRef } from '../ladder/box-graph.js';
import { CONNECTION_OPTIONS, UsageError, parseFlags, parseTimeout, runAction, withSession } from './action-cli.js';

export const USAGE =
  'usage: sunbeam-console backup [--cnpg] [--cluster NS/NAME] [--yes] [--dry-run] [--read-only] [--timeout SECONDS] [--kubeconfig PATH] [--context NAME] [--demo]';

const OPTIONS = { ...CONNECTION_OPTIONS, cnpg: { type: 'boolean' }, cluster: { type: 'string' } } as const;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(args, OPTIONS, false);
    if (parsed.values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    parseTimeout(parsed.values.timeout);
    if (parsed.values.cluster) parseRef(parsed.values.cluster);
    if (parsed.values.cluster && !parsed.values.cnpg) throw new UsageError("--cluster goes with --cnpg (the barman backup is always of the Box's database, box.database in the config file).");
  } catch (err) {
    process.stderr.write(`sunbeam-console backup: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values } = parsed;
  return withSession('backup', USAGE, values, async (s) => {
    const names = boxNames(s.config);
    const action = values.cnpg ? planCnpgBackup(values.cluster ?? databaseRef(names)) : planBarmanBackup(names.barman);
    return runAction(action, s, { yes: values.yes, dryRun: values['dry-run'], timeoutMs: parseTimeout(values.timeout) });
  });
}
