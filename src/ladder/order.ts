// Dependency ordering: a finding in a component that needs a failing component is "blocked by" the root
// cause(s) among its failing ancestors, and says why ("because the database is down", "blocked by: OpenBao
// sealed"). Root causes with dependants come first, then what follows from them, then the rest by severity.
import type { BoxGraph } from './box-graph.js';
import type { Finding } from './types.js';

const SEVERITY: Record<Finding['severity'], number> = { failing: 0, warn: 1 };

function componentId(f: Finding): string {
  return `${f.namespace}/${f.component}`;
}

export interface OrderOptions {
  /** Every node is NotReady (the Box has one): then everything else follows from the node findings. */
  allNodesDown?: boolean;
}

export function orderFindings(input: Finding[], graph: BoxGraph, opts: OrderOptions = {}): Finding[] {
  const { ancestorsOf } = graph;
  // The failing findings of each component (the main one first), which dependants can be blocked by.
  const failing = new Map<string, Finding[]>();
  for (const f of input) {
    if (f.severity !== 'failing') continue;
    const id = componentId(f);
    const g = failing.get(id);
    if (g) g.push(f);
    else failing.set(id, [f]);
  }
  const isRoot = (id: string) => !ancestorsOf(id).some((a) => failing.has(a));
  const nodeDown = opts.allNodesDown ? input.filter((f) => f.rule === 'node-not-ready') : [];
  const findings = input.map((f) => {
    if (nodeDown.length && f.rule !== 'node-not-ready' && f.namespace !== '') {
      return { ...f, blockedBy: nodeDown.map((n) => n.id), because: `because node ${nodeDown.map((n) => n.component).join(', ')} is NotReady` };
    }
    const roots = ancestorsOf(componentId(f)).filter((a) => failing.has(a) && isRoot(a));
    if (roots.length === 0) return f;
    roots.sort((a, b) => graph.rank(a) - graph.rank(b));
    return {
      ...f,
      blockedBy: roots.map((r) => failing.get(r)![0]!.id),
      because: [...new Set(roots.map((r) => graph.byId.get(r)!.because))].join('; '),
    };
  });
  const blocking = new Set<string>();
  for (const f of findings) for (const b of f.blockedBy ?? []) blocking.add(b);
  const byImportance = importance(graph);
  const rootIds = findings.filter((f) => blocking.has(f.id)).sort(byImportance).map((f) => f.id);
  const rootIndex = new Map(rootIds.map((id, i) => [id, i]));
  const group = (f: Finding) => (blocking.has(f.id) ? 0 : f.blockedBy?.length ? 1 : 2);
  return findings.sort((a, b) => {
    const ga = group(a);
    const gb = group(b);
    if (ga !== gb) return ga - gb;
    if (ga === 0) return rootIndex.get(a.id)! - rootIndex.get(b.id)!;
    if (ga === 1) {
      const ra = Math.min(...a.blockedBy!.map((x) => rootIndex.get(x) ?? 99));
      const rb = Math.min(...b.blockedBy!.map((x) => rootIndex.get(x) ?? 99));
      if (ra !== rb) return ra - rb;
    }
    return byImportance(a, b);
  });
}

function importance(graph: BoxGraph): (a: Finding, b: Finding) => number {
  return (a, b) =>
    SEVERITY[a.severity] - SEVERITY[b.severity] ||
    graph.rank(componentId(a)) - graph.rank(componentId(b)) ||
    a.namespace.localeCompare(b.namespace) ||
    a.component.localeCompare(b.component) ||
    a.title.localeCompare(b.title);
}
