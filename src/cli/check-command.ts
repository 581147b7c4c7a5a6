// `sunbeam-console check [NS|data|storage|matrix|monitoring] [--json]`: the playbook's `sunbeam check` and
// `sunbeam check data`... ("what's unhealthy?"), printed once, root cause first. Exit 0 healthy, 1 unhealthy,
// 2 could not tell (e.g. the API is unreachable).
import { CHECK_AREAS } from '../ladder/box-graph.js';
import { verdictExitCode } from '../ladder/scope.js';
import { parseSnapshotFlags, runSnapshotCommand } from './kube-snapshot.js';
import { checkReport, knownScope, renderCheckText } from './check-report.js';

export const USAGE = `usage: sunbeam-console check [NAMESPACE|${Object.keys(CHECK_AREAS).join('|')}] [--json] [--kubeconfig PATH] [--context NAME] [--demo [--scenario NAME]]`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseSnapshotFlags(args, 1);
  if (!parsed.ok) {
    process.stderr.write(`sunbeam-console check: ${parsed.message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals[0] && parsed.values.namespace && parsed.positionals[0] !== parsed.values.namespace) {
    process.stderr.write(`sunbeam-console check: give the namespace once (either "check NS" or "check -n NS").\n${USAGE}\n`);
    return 2;
  }
  return runSnapshotCommand('check', USAGE, parsed.values, (snap) => {
    const now = Date.now();
    const scope = parsed.positionals[0] ?? parsed.values.namespace ?? snap.namespace;
    const state = snap.store.getState();
    if (scope && !knownScope(state, scope)) {
      process.stderr.write(`sunbeam-console check: nothing called "${scope}" on this cluster; give a namespace (${state.kube.namespaces.join(', ')}) or an area (${Object.keys(CHECK_AREAS).join(', ')}).\n`);
      return 2;
    }
    const report = checkReport(state, scope, now);
    process.stdout.write(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : renderCheckText(report));
    return verdictExitCode(report.verdict);
  });
}
