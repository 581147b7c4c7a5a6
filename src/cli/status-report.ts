// `sunbeam-console status`: what runs, from the store, as a stable JSON shape and as `kubectl get`-like text
// grouped by namespace. Pure (state and time in, data out).
import { statusNamespace } from '../ladder/index.js';
import { scopedVerdict } from '../ladder/scope.js';
import { kubeUnavailable } from '../ladder/source-state.js';
import type { Finding, Verdict } from '../ladder/types.js';
import type { SourceHealth, State } from '../store/index.js';
import { formatAge } from '../views/format.js';
import { table } from './table.js';

/** JSON output of `status --json` (this interface is its documentation: fields are only ever added). */
export interface StatusReport {
  context: string;
  /** The namespace filter, or null for all namespaces. */
  namespace: string | null;
  /** ok | warn | failing: the Status rung's verdict for this scope. */
  verdict: Verdict;
  generatedAt: string;
  source: SourceHealth | null;
  nodes: { name: string; status: string; roles: string[]; version: string; created: string; age: string }[];
  workloads: {
    kind: string;
    namespace: string;
    name: string;
    /** "ready/desired" */
    ready: string;
    desired: number;
    readyReplicas: number;
    upToDate: number;
    available: number;
    created: string;
    age: string;
  }[];
  clusters: { namespace: string; name: string; instances: number; readyInstances: number; phase: string; primary: string | null; created: string; age: string }[];
  pods: {
    namespace: string;
    name: string;
    /** "ready/total" containers */
    ready: string;
    status: string;
    restarts: number;
    lastRestartAt: string | null;
    node: string | null;
    ownerKind: string | null;
    ownerName: string | null;
    created: string;
    age: string;
  }[];
  /** The Status findings (pods, workloads, nodes) in the ladder's order. */
  findings: Finding[];
}

const byNsName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

export function statusReport(state: State, namespace: string | undefined, now: number): StatusReport {
  const k = state.kube;
  const inNs = (ns: string) => !namespace || ns === namespace;
  const findings = statusNamespace(state, namespace, now);
  return {
    context: k.context,
    namespace: namespace ?? null,
    verdict: scopedVerdict(findings, kubeUnavailable(state, now)),
    generatedAt: new Date(now).toISOString(),
    source: state.sources.kubernetes ?? null,
    nodes: Object.values(k.nodes)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((n) => ({
        name: n.name,
        status: [n.ready ? 'Ready' : 'NotReady', ...n.pressures, ...(n.unschedulable ? ['SchedulingDisabled'] : [])].join(','),
        roles: n.roles,
        version: n.version,
        created: n.created,
        age: formatAge(n.created, now),
      })),
    workloads: Object.values(k.workloads)
      .filter((w) => inNs(w.namespace))
      .sort((a, b) => byNsName(a, b) || a.kind.localeCompare(b.kind))
      .map((w) => ({
        kind: w.kind,
        namespace: w.namespace,
        name: w.name,
        ready: `${w.ready}/${w.desired}`,
        desired: w.desired,
        readyReplicas: w.ready,
        upToDate: w.updated,
        available: w.available,
        created: w.created,
        age: formatAge(w.created, now),
      })),
    clusters: Object.values(k.pgClusters)
      .filter((c) => inNs(c.namespace))
      .sort(byNsName)
      .map((c) => ({ namespace: c.namespace, name: c.name, instances: c.instances, readyInstances: c.readyInstances, phase: c.phase, primary: c.primary ?? null, created: c.created, age: formatAge(c.created, now) })),
    pods: Object.values(k.pods)
      .filter((p) => inNs(p.namespace))
      .sort(byNsName)
      .map((p) => ({
        namespace: p.namespace,
        name: p.name,
        ready: `${p.readyContainers}/${p.totalContainers}`,
        status: p.deleting && p.status !== 'Terminating' ? 'Terminating' : p.status,
        restarts: p.restarts,
        lastRestartAt: p.lastRestartAt ?? null,
        node: p.node ?? null,
        ownerKind: p.ownerKind ?? null,
        ownerName: p.ownerName ?? null,
        created: p.created,
        age: formatAge(p.created, now),
      })),
    findings,
  };
}

const KIND: Record<string, string> = { Deployment: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset' };

/** kubectl-like text: nodes, then per namespace its workloads (and CNPG clusters) and its pods. */
export function renderStatusText(r: StatusReport, now: number): string {
  const out: string[] = [];
  out.push(`Context: ${r.context || '(none)'}    Namespace: ${r.namespace ?? 'all'}    Status: ${r.verdict === 'ok' ? 'all running' : r.verdict}`);
  if (r.source && r.source.state !== 'ok' && r.source.lastError) out.push(`Source: ${r.source.state}: ${r.source.lastError}`);
  if (r.source?.detail) out.push(`Note: ${r.source.detail}`);
  if (!r.namespace && r.nodes.length) {
    out.push('', table(['NODE', 'STATUS', 'ROLES', 'AGE', 'VERSION'], r.nodes.map((n) => [n.name, n.status, n.roles.join(',') || '<none>', n.age, n.version])));
  }
  const namespaces = [...new Set([...r.workloads.map((w) => w.namespace), ...r.pods.map((p) => p.namespace), ...r.clusters.map((c) => c.namespace)])].sort();
  if (namespaces.length === 0) out.push('', r.namespace ? `No resources found in ${r.namespace} namespace.` : 'No resources found.');
  for (const ns of namespaces) {
    out.push('', `NAMESPACE ${ns}`);
    const ws = r.workloads.filter((w) => w.namespace === ns);
    const cs = r.clusters.filter((c) => c.namespace === ns);
    if (ws.length || cs.length) {
      const rows = [
        ...ws.map((w) => [`${KIND[w.kind] ?? w.kind}/${w.name}`, w.ready, String(w.upToDate), String(w.available), w.age]),
        ...cs.map((c) => [`cluster/${c.name}`, `${c.readyInstances}/${c.instances}`, '-', '-', c.age, c.phase]),
      ];
      out.push(table(['WORKLOAD', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', ...(cs.length ? ['STATUS'] : [])], rows));
    }
    const ps = r.pods.filter((p) => p.namespace === ns);
    if (ps.length) {
      const restarts = (p: StatusReport['pods'][number]) => (p.restarts > 0 && p.lastRestartAt ? `${p.restarts} (${formatAge(p.lastRestartAt, now)} ago)` : String(p.restarts));
      out.push(table(['POD', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE'], ps.map((p) => [p.name, p.ready, p.status, restarts(p), p.age, p.node ?? '<none>'])));
    }
  }
  if (r.findings.length) {
    out.push('', 'Not running well (details: sunbeam-console check):');
    for (const f of r.findings) out.push(`  ${f.severity === 'failing' ? 'FAIL' : 'WARN'}  ${f.title}${f.because ? ` — ${f.because}` : ''}`);
  }
  return out.join('\n') + '\n';
}
