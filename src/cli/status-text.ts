// `sunbeam-console status` as text, the way `kubectl get` prints it: the nodes, then the workloads (and CNPG
// clusters) and the pods. With every namespace in scope each row starts with its NAMESPACE, as `kubectl get -A`
// does, so that a grep keeps it; with one namespace the tables sit under a `NAMESPACE ns` line. `wide` adds
// what the store has beyond that: the selector of a workload, the IP and owner of a pod, a cluster's primary.
import { sourceStateWords } from '../ladder/source-state.js';
import { formatAge } from '../views/format.js';
import type { StatusReport } from './status-report.js';
import { table } from './table.js';

const KIND: Record<string, string> = { Deployment: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset' };

type Pod = StatusReport['pods'][number];
type Row = { namespace: string; cells: string[] };

const selectorText = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') || '<none>';

function workloadRows(r: StatusReport, wide: boolean): { headers: string[]; rows: Row[] } {
  const hasClusters = r.clusters.length > 0;
  const rows: Row[] = [
    ...r.workloads.map((w) => ({
      namespace: w.namespace,
      cells: [`${KIND[w.kind] ?? w.kind}/${w.name}`, w.ready, String(w.upToDate), String(w.available), w.age, ...(hasClusters ? ['-'] : []), ...(wide ? [selectorText(w.selector), '-'] : [])],
    })),
    ...r.clusters.map((c) => ({
      namespace: c.namespace,
      cells: [`cluster/${c.name}`, `${c.readyInstances}/${c.instances}`, '-', '-', c.age, c.phase, ...(wide ? [`cnpg.io/cluster=${c.name}`, c.primary ?? '<none>'] : [])],
    })),
  ];
  const headers = ['WORKLOAD', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', ...(hasClusters ? ['STATUS'] : []), ...(wide ? ['SELECTOR', 'PRIMARY'] : [])];
  return { headers, rows: rows.sort((a, b) => a.namespace.localeCompare(b.namespace)) };
}

function podRows(r: StatusReport, now: number, wide: boolean): { headers: string[]; rows: Row[] } {
  const restarts = (p: Pod) => (p.restarts > 0 && p.lastRestartAt ? `${p.restarts} (${formatAge(p.lastRestartAt, now)} ago)` : String(p.restarts));
  const owner = (p: Pod) => (p.ownerKind && p.ownerName ? `${p.ownerKind}/${p.ownerName}` : '<none>');
  return {
    headers: ['POD', 'READY', 'STATUS', 'RESTARTS', 'AGE', ...(wide ? ['IP'] : []), 'NODE', ...(wide ? ['OWNER'] : [])],
    rows: r.pods.map((p) => ({
      namespace: p.namespace,
      cells: [p.name, p.ready, p.status, restarts(p), p.age, ...(wide ? [p.ip ?? '<none>'] : []), p.node ?? '<none>', ...(wide ? [owner(p)] : [])],
    })),
  };
}

/** kubectl-like text; `wide` for -o wide. */
export function renderStatusText(r: StatusReport, now: number, wide = false): string {
  const out: string[] = [];
  out.push(`Context: ${r.context || '(none)'}    Namespace: ${r.namespace ?? 'all'}    Status: ${r.verdict === 'ok' ? 'all running' : r.verdict}`);
  if (r.source && r.source.state !== 'ok' && r.source.lastError) out.push(`Source: ${sourceStateWords(r.source.state)}: ${r.source.lastError}`);
  if (r.source?.detail) out.push(`Note: ${r.source.detail}`);
  if (!r.namespace && r.nodes.length) {
    out.push('', table(['NODE', 'STATUS', 'ROLES', 'AGE', 'VERSION'], r.nodes.map((n) => [n.name, n.status, n.roles.join(',') || '<none>', n.age, n.version])));
  }
  const workloads = workloadRows(r, wide);
  const pods = podRows(r, now, wide);
  if (workloads.rows.length === 0 && pods.rows.length === 0) out.push('', r.namespace ? `No resources found in ${r.namespace} namespace.` : 'No resources found.');
  else if (r.namespace) {
    out.push('', `NAMESPACE ${r.namespace}`);
    if (workloads.rows.length) out.push(table(workloads.headers, workloads.rows.map((w) => w.cells)));
    if (pods.rows.length) out.push(table(pods.headers, pods.rows.map((p) => p.cells)));
  } else {
    // Every namespace: one table each, the namespace first on every row (kubectl get -A).
    if (workloads.rows.length) out.push('', table(['NAMESPACE', ...workloads.headers], workloads.rows.map((w) => [w.namespace, ...w.cells])));
    if (pods.rows.length) out.push('', table(['NAMESPACE', ...pods.headers], pods.rows.map((p) => [p.namespace, ...p.cells])));
  }
  if (r.findings.length) {
    out.push('', 'Not running well (details: sunbeam-console check):');
    for (const f of r.findings) out.push(`  ${f.severity === 'failing' ? 'FAIL' : 'WARN'}  ${withNamespace(f)}${f.because ? ` — ${f.because}` : ''}`);
  }
  return out.join('\n') + '\n';
}

/** A finding's title with its namespace in front when the title does not start with it (a grep keeps it). */
export function withNamespace(f: { namespace: string; title: string }): string {
  return !f.namespace || f.title.startsWith(`${f.namespace}/`) ? f.title : `${f.namespace}: ${f.title}`;
}
