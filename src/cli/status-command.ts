// `sunbeam-console status [-n NS | -A] [-o json|yaml|wide]`: the playbook's `sunbeam status` ("what's actually
// running?"), printed once. Exit 0 all running, 1 something is not, 2 could not tell (e.g. the API is
// unreachable). Flags: program-spec.ts.
import { verdictExitCode } from '../ladder/scope.js';
import { outputFormat, runSnapshotCommand, type SnapshotFlags } from './kube-snapshot.js';
import { writeReport } from './report-output.js';
import { statusReport } from './status-report.js';
import { renderStatusText } from './status-text.js';

export async function run(opts: Record<string, unknown>): Promise<number> {
  const values = opts as SnapshotFlags;
  return runSnapshotCommand('status', values, async (snap) => {
    const now = Date.now();
    const ns = values.allNamespaces ? undefined : (values.namespace ?? snap.namespace);
    const state = snap.store.getState();
    if (ns && !state.kube.namespaces.includes(ns)) {
      process.stderr.write(`sunbeam-console status: no pods or workloads in namespace "${ns}" (namespaces: ${state.kube.namespaces.join(', ')}).\n`);
      return 2;
    }
    const report = statusReport(state, ns, now);
    await writeReport(report, outputFormat(values), (wide) => renderStatusText(report, now, wide));
    return verdictExitCode(report.verdict);
  });
}
