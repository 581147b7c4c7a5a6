// `sunbeam-console status`: what runs, from the store, as a stable JSON shape (its text is status-text.ts).
// Pure (state and time in, data out).
import { statusNamespace } from '../ladder/index.js';
import { scopedVerdict } from '../ladder/scope.js';
import { kubeUnavailable } from '../ladder/source-state.js';
import type { Finding, Verdict } from '../ladder/types.js';
import type { SourceHealth, State } from '../store/index.js';
import { formatAge } from '../views/format.js';

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
    /** The pod selector (matchLabels). */
    selector: Record<string, string>;
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
    ip: string | null;
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
        selector: w.selector,
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
        ip: p.ip ?? null,
        ownerKind: p.ownerKind ?? null,
        ownerName: p.ownerName ?? null,
        created: p.created,
        age: formatAge(p.created, now),
      })),
    findings,
  };
}
