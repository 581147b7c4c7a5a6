// `sunbeam-console restart NS/WORKLOAD [--yes] [--dry-run] [--read-only]`: the playbook's `sunbeam restart
// data/postgres`. A CloudNativePG Cluster is restarted the way its plugin does; other workloads the way
// `kubectl rollout restart` does. Journals, verifies, exits 0 (restarted) or 1.
import { planRestart } from '../actions/primitives/restart.js';
import { CONNECTION_OPTIONS, UsageError, parseFlags, parseTimeout, runAction, withSession } from './action-cli.js';

export const USAGE =
  'usage: sunbeam-console restart NS/WORKLOAD [--yes] [--dry-run] [--read-only] [--timeout SECONDS] [--kubeconfig PATH] [--context NAME] [--demo [--scenario NAME]]';

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(args, CONNECTION_OPTIONS);
    if (parsed.values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length !== 1) throw new UsageError('give exactly one NS/WORKLOAD, for example data/postgres.');
    parseTimeout(parsed.values.timeout);
  } catch (err) {
    process.stderr.write(`sunbeam-console restart: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  return withSession('restart', USAGE, values, async (s) => {
    const action = await planRestart(s.clients.kube, positionals[0]!);
    return runAction(action, s, { yes: values.yes, dryRun: values['dry-run'], timeoutMs: parseTimeout(values.timeout) });
  });
}
