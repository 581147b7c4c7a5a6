// `sunbeam-console status [-n NS] [--json]`: the playbook's `sunbeam status` ("what's actually running?"),
// printed once. Exit 0 all running, 1 something is not, 2 could not tell (e.g. the API is unreachable).
import { verdictExitCode } from '../ladder/scope.js';
import { parseSnapshotFlags, runSnapshotCommand } from './kube-snapshot.js';
import { renderStatusText, statusReport } from './status-report.js';

export const USAGE = 'usage: sunbeam-console status [-n NAMESPACE] [--json] [--kubeconfig PATH] [--context NAME] [--demo [--scenario NAME]]';

export async function run(args: string[]): Promise<number> {
  const parsed = parseSnapshotFlags(args, 0);
  if (!parsed.ok) {
    process.stderr.write(`sunbeam-console status: ${parsed.message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  return runSnapshotCommand('status', USAGE, parsed.values, (snap) => {
    const now = Date.now();
    const ns = parsed.values.namespace ?? snap.namespace;
    const state = snap.store.getState();
    if (ns && !state.kube.namespaces.includes(ns)) {
      process.stderr.write(`sunbeam-console status: no pods or workloads in namespace "${ns}" (namespaces: ${state.kube.namespaces.join(', ')}).\n`);
      return 2;
    }
    const report = statusReport(state, ns, now);
    process.stdout.write(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : renderStatusText(report, now));
    return verdictExitCode(report.verdict);
  });
}
