// What r and R are about, computed from the store's state (never stored, never written during render): the
// object under the cursor of the focused pane (a workload, a CloudNativePG cluster, a pod, a namespace group,
// a finding's target), from the same rows and cursors the panes draw; and what R restarts: that object, or
// for a pod the owner the Kubernetes source resolved (its ReplicaSet's Deployment, its StatefulSet, its
// CloudNativePG Cluster), never a workload found again by label selector.
import type { ActionTarget } from '../actions/types.js';
import type { BoxNames } from '../ladder/box-graph.js';
import { scopeNamespaces } from '../ladder/index.js';
import type { Finding, LadderResult } from '../ladder/types.js';
import type { State } from '../store/index.js';
import { buildStatusRows, compileFilter } from '../views/index.js';
import { rungEntry } from '../ladder/rung-table.js';

type Kube = State['kube'];

/** The kinds R can restart. */
export const RESTARTABLE: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Cluster']);

function fromKey(kube: Kube, key: string): ActionTarget | undefined {
  const w = kube.workloads[key];
  if (w) return { kind: w.kind, namespace: w.namespace, name: w.name };
  const c = kube.pgClusters[key];
  if (c) return { kind: 'Cluster', namespace: c.namespace, name: c.name };
  const p = kube.pods[key];
  if (p) return { kind: 'Pod', namespace: p.namespace, name: p.name };
  return undefined;
}

/**
 * Rung 2's findings as the Check pane lists them: in a namespace (or a playbook area such as data = data +
 * cnpg-system, the namespaces of the Box's names) its own findings, preceded by the root causes elsewhere that
 * they are blocked by; then the filter.
 */
export function visibleFindings(ladder: LadderResult, namespace: string | undefined, filter: string, names: BoxNames): Finding[] {
  const { re } = compileFilter(filter);
  let scoped = ladder.findings;
  if (namespace) {
    const inScope = new Set(scopeNamespaces(namespace, names));
    const mine = ladder.findings.filter((f) => inScope.has(f.namespace));
    const needed = new Set(mine.flatMap((f) => f.blockedBy ?? []));
    scoped = [...ladder.findings.filter((f) => needed.has(f.id) && !inScope.has(f.namespace)), ...mine];
  }
  return scoped.filter((f) => !re || re.test(`${f.namespace}/${f.component} ${f.title} ${f.detail} ${f.because ?? ''}`));
}

/** The object selected in the focused pane, if any; `ladder` is needed on the Check rung only. */
export function selectionOf(state: State, ladder?: () => LadderResult): ActionTarget | undefined {
  const { ui, kube } = state;
  const frame = ui.stack[ui.stack.length - 1];
  if (frame?.target) return fromKey(kube, frame.target);
  const view = rungEntry(ui.rung).pane;
  if (view === 'status') {
    const { re } = compileFilter(ui.filter);
    const rows = buildStatusRows(kube, { namespace: ui.namespace, filter: re, sort: ui.sort.status, folded: new Set(ui.folded) });
    const row = rows[Math.min(ui.cursor.status ?? 0, rows.length - 1)];
    if (!row) return undefined;
    if (row.kind === 'group') return { kind: 'Namespace', namespace: row.namespace, name: row.namespace };
    return row.target ? fromKey(kube, row.target) : undefined;
  }
  if (view === 'check' && ladder) {
    const findings = visibleFindings(ladder(), ui.namespace, ui.filter, state.box);
    const f = findings[Math.min(ui.cursor.check ?? 0, findings.length - 1)];
    return f?.target ? { kind: f.target.kind === 'PgCluster' ? 'Cluster' : f.target.kind, namespace: f.target.namespace, name: f.target.name } : undefined;
  }
  return undefined;
}

/** What R restarts for a selection: the selection itself, or a pod's resolved owner; undefined when nothing fits. */
export function restartTargetOf(state: State, t: ActionTarget | undefined): ActionTarget | undefined {
  if (!t) return undefined;
  if (t.kind !== 'Pod') return RESTARTABLE.has(t.kind) ? t : undefined;
  const p = state.kube.pods[`${t.namespace}/${t.name}`];
  if (!p?.ownerKind || !p.ownerName || !RESTARTABLE.has(p.ownerKind)) return undefined;
  return { kind: p.ownerKind, namespace: p.namespace, name: p.ownerName };
}
