// `sunbeam-console backup [--cnpg] [--cluster NS/NAME]`: the playbook's manual backup trigger (`barman backup
// postgres` in data/barman-0, output streamed), or with --cnpg a CloudNativePG Backup resource verified to
// reach phase completed. Flags: program-spec.ts.
import { planBarmanBackup, planCnpgBackup } from '../actions/primitives/backup.js';
import { parseRef } from '../actions/primitives/refs.js';
import { boxNames, databaseRef } from '../ladder/box-graph.js';
import { UsageError, parseTimeout, runAction, usageFailure, withSession, type ActionValues } from './action-cli.js';

interface BackupValues extends ActionValues {
  cnpg?: boolean;
  cluster?: string;
}

export async function run(opts: Record<string, unknown>): Promise<number> {
  const values = opts as BackupValues;
  try {
    parseTimeout(values.timeout);
    if (values.cluster) parseRef(values.cluster);
    if (values.cluster && !values.cnpg) throw new UsageError("--cluster goes with --cnpg (the barman backup is always of the Box's database, box.database in the config file).");
  } catch (err) {
    return usageFailure('backup', err);
  }
  return withSession('backup', values, async (s) => {
    const names = boxNames(s.config);
    const action = values.cnpg ? planCnpgBackup(values.cluster ?? databaseRef(names)) : planBarmanBackup(names.barman);
    return runAction(action, s, { yes: values.yes, dryRun: values.dryRun, timeoutMs: parseTimeout(values.timeout) });
  });
}
