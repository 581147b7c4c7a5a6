// `sunbeam-console check [NS|data|storage|matrix|monitoring] [-o json|yaml|wide]`: the playbook's `sunbeam check`
// and `sunbeam check data`... ("what's unhealthy?"), printed once, root cause first. Exit 0 healthy, 1 unhealthy,
// 2 could not tell (e.g. the API is unreachable). Flags: program-spec.ts.
import { CHECK_AREAS } from '../ladder/box-graph.js';
import { verdictExitCode } from '../ladder/scope.js';
import { checkReport, knownScope } from './check-report.js';
import { renderCheckText } from './check-text.js';
import { outputFormat, runSnapshotCommand, type SnapshotFlags } from './kube-snapshot.js';
import { writeReport } from './report-output.js';

export async function run(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const values = opts as SnapshotFlags;
  const [given] = args;
  if (given && values.namespace && given !== values.namespace) {
    process.stderr.write('sunbeam-console check: give the namespace once (either "check NS" or "check -n NS").\n');
    return 2;
  }
  if (given && values.allNamespaces) {
    process.stderr.write(`sunbeam-console check: -A checks the whole Box; leave out "${given}" or -A.\n`);
    return 2;
  }
  return runSnapshotCommand('check', values, async (snap) => {
    const now = Date.now();
    const scope = values.allNamespaces ? undefined : (given ?? values.namespace ?? snap.namespace);
    const state = snap.store.getState();
    if (scope && !knownScope(state, scope)) {
      process.stderr.write(`sunbeam-console check: nothing called "${scope}" on this cluster; give a namespace (${state.kube.namespaces.join(', ')}) or an area (${Object.keys(CHECK_AREAS).join(', ')}).\n`);
      return 2;
    }
    const report = checkReport(state, scope, now);
    await writeReport(report, outputFormat(values), (wide) => renderCheckText(report, wide));
    return verdictExitCode(report.verdict);
  });
}
