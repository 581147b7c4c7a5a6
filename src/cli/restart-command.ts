// `sunbeam-console restart NS/WORKLOAD` (or `restart WORKLOAD -n NS`): the playbook's `sunbeam restart
// data/postgres`. A CloudNativePG Cluster is restarted the way its plugin does; other workloads the way
// `kubectl rollout restart` does. Journals, verifies, exits 0 (restarted) or 1. Flags: program-spec.ts.
import { planRestart } from '../actions/primitives/restart.js';
import { parseTimeout, runAction, targetRef, usageFailure, withSession, type ActionValues } from './action-cli.js';

export async function run(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const values = opts as ActionValues;
  try {
    parseTimeout(values.timeout);
  } catch (err) {
    return usageFailure('restart', err);
  }
  return withSession('restart', values, async (s) => {
    const ref = targetRef(args[0]!, values.namespace, s.namespace);
    const action = await planRestart(s.clients.kube, `${ref.namespace}/${ref.name}`);
    return runAction(action, s, { yes: values.yes, dryRun: values.dryRun, timeoutMs: parseTimeout(values.timeout) });
  });
}
