// Rung 1's rows: nodes, then each namespace with its workloads (and CloudNativePG clusters) and their pods
// beneath them, filtered (regex), namespace-scoped and sorted. Pure: the Status pane renders what this returns.
import type { PodRecord } from '../store/index.js';
import type { KubeSlice } from '../store/kube-slice.js';
import { clusterStatus, healthRank, nodeStatus, podHealth, workloadStatus, type Health } from './health.js';

export type StatusRowKind = 'group' | 'node' | 'workload' | 'cluster' | 'pod';

export interface StatusRow {
  /** Unique per row: 'group:data', 'node:sunbeam-1', a workload key, 'cluster:data/postgres', a pod key. */
  id: string;
  kind: StatusRowKind;
  /** 0 for groups, 1 for workloads and nodes, 2 for pods under a workload. */
  depth: number;
  name: string;
  namespace: string;
  ready: string;
  status: string;
  restarts?: number;
  created?: string;
  node?: string;
  health: Health;
  /** The store key of the record the row shows (workload, pod, node name, cluster key). */
  target?: string;
  /** A group row whose rows are folded away (Enter unfolds it). */
  folded?: boolean;
}

export const SORT_COLUMNS = ['name', 'status', 'restarts', 'age'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

/**
 * A sort as the store keeps it: a column id ('restarts'), reversed with a leading '-' ('-restarts'). Each
 * column has its natural order (names A to Z, the worst status, the most restarts and the newest first);
 * reversed is the other way.
 */
export function parseSort(sort: string | undefined): { column: SortColumn; reversed: boolean } {
  const reversed = Boolean(sort?.startsWith('-'));
  const column = (reversed ? sort!.slice(1) : (sort ?? 'name')) as SortColumn;
  return { column: SORT_COLUMNS.includes(column) ? column : 'name', reversed };
}

/** The next sort column (`s`), in its natural order. */
export function nextSort(current: string | undefined): SortColumn {
  const i = SORT_COLUMNS.indexOf(parseSort(current).column);
  return SORT_COLUMNS[(i + 1) % SORT_COLUMNS.length]!;
}

/** The same column the other way round (`S`). */
export function reverseSort(current: string | undefined): string {
  const { column, reversed } = parseSort(current);
  return reversed ? column : `-${column}`;
}

export interface StatusRowOptions {
  namespace?: string;
  filter?: RegExp;
  sort?: string;
  /** Namespace groups folded to their header row ('nodes' for the nodes group). */
  folded?: ReadonlySet<string>;
}

/** What the rows are built from (a subset of the kube slice). */
type Kube = Pick<KubeSlice['kube'], 'pods' | 'workloads' | 'nodes' | 'pgClusters'>;

const SHORT: Record<string, string> = { Deployment: 'deploy', StatefulSet: 'sts', DaemonSet: 'ds' };

function compare(sort: string | undefined) {
  const { column, reversed } = parseSort(sort);
  const natural = (a: StatusRow, b: StatusRow): number => {
    if (column === 'status') return healthRank(a.health) - healthRank(b.health) || a.name.localeCompare(b.name);
    if (column === 'restarts') return (b.restarts ?? 0) - (a.restarts ?? 0) || a.name.localeCompare(b.name);
    if (column === 'age') return (b.created ?? '').localeCompare(a.created ?? '') || a.name.localeCompare(b.name);
    return a.name.localeCompare(b.name);
  };
  return reversed ? (a: StatusRow, b: StatusRow) => natural(b, a) : natural;
}

export function podRow(p: PodRecord, depth = 2): StatusRow {
  return {
    id: p.key,
    kind: 'pod',
    depth,
    name: p.name,
    namespace: p.namespace,
    ready: `${p.readyContainers}/${p.totalContainers}`,
    status: p.deleting && p.status !== 'Terminating' ? 'Terminating' : p.status,
    restarts: p.restarts,
    created: p.created,
    node: p.node,
    health: podHealth(p),
    target: p.key,
  };
}

function matches(re: RegExp | undefined, row: StatusRow): boolean {
  if (!re) return true;
  return re.test(`${row.namespace}/${row.name} ${row.status}`);
}

/** Builds the Status pane's rows from the kube slice. */
export function buildStatusRows(kube: Kube, opts: StatusRowOptions = {}): StatusRow[] {
  const { namespace, filter, sort, folded } = opts;
  const byCmp = compare(sort);
  const out: StatusRow[] = [];

  if (!namespace) {
    const nodes = Object.values(kube.nodes)
      .map((n): StatusRow => {
        const s = nodeStatus(n);
        return { id: `node:${n.name}`, kind: 'node', depth: 1, name: n.name, namespace: '', ready: n.ready ? '1/1' : '0/1', status: s.status, created: n.created, health: s.health, target: n.name };
      })
      .filter((r) => matches(filter, r) || (filter?.test('nodes') ?? false))
      .sort(byCmp);
    if (nodes.length > 0) {
      const worst = nodes.reduce((h, r) => (healthRank(r.health) < healthRank(h) ? r.health : h), 'ok' as Health);
      const fold = folded?.has('nodes') ?? false;
      out.push({ id: 'group:nodes', kind: 'group', depth: 0, name: 'nodes', namespace: '', ready: '', status: `${nodes.filter((n) => n.health === 'ok').length}/${nodes.length} ready`, health: worst, ...(fold ? { folded: true } : {}) });
      if (!fold) out.push(...nodes);
    }
  }

  const podsByNs = new Map<string, PodRecord[]>();
  for (const p of Object.values(kube.pods)) {
    if (namespace && p.namespace !== namespace) continue;
    const list = podsByNs.get(p.namespace) ?? [];
    list.push(p);
    podsByNs.set(p.namespace, list);
  }
  const namespaces = new Set<string>([...podsByNs.keys()]);
  for (const w of Object.values(kube.workloads)) if (!namespace || w.namespace === namespace) namespaces.add(w.namespace);
  for (const c of Object.values(kube.pgClusters)) if (!namespace || c.namespace === namespace) namespaces.add(c.namespace);

  for (const ns of [...namespaces].sort()) {
    const pods = podsByNs.get(ns) ?? [];
    const claimed = new Set<string>();
    const parents: { row: StatusRow; children: StatusRow[] }[] = [];

    const ownedBy = (kind: string, name: string) =>
      pods.filter((p) => p.ownerKind === kind && p.ownerName === name && !claimed.has(p.key));

    for (const w of Object.values(kube.workloads)) {
      if (w.namespace !== ns) continue;
      const children = ownedBy(w.kind, w.name);
      children.forEach((p) => claimed.add(p.key));
      const s = workloadStatus(w);
      parents.push({
        row: { id: w.key, kind: 'workload', depth: 1, name: `${SHORT[w.kind] ?? w.kind}/${w.name}`, namespace: ns, ready: `${w.ready}/${w.desired}`, status: s.status, restarts: children.reduce((n, p) => n + p.restarts, 0), created: w.created, health: s.health, target: w.key },
        children: children.map((p) => podRow(p)),
      });
    }
    for (const c of Object.values(kube.pgClusters)) {
      if (c.namespace !== ns) continue;
      const children = ownedBy('Cluster', c.name);
      children.forEach((p) => claimed.add(p.key));
      const s = clusterStatus(c);
      parents.push({
        row: { id: `cluster:${c.key}`, kind: 'cluster', depth: 1, name: `cluster/${c.name}`, namespace: ns, ready: `${c.readyInstances}/${c.instances}`, status: s.status, restarts: children.reduce((n, p) => n + p.restarts, 0), created: c.created, health: s.health, target: c.key },
        children: children.map((p) => podRow(p)),
      });
    }
    const loose = pods.filter((p) => !claimed.has(p.key)).map((p) => podRow(p, 1));

    const rows: StatusRow[] = [];
    const items: { row: StatusRow; children: StatusRow[] }[] = [...parents, ...loose.map((row) => ({ row, children: [] }))];
    items.sort((a, b) => byCmp(a.row, b.row));
    for (const { row, children } of items) {
      const selfMatch = matches(filter, row);
      const kids = selfMatch ? children : children.filter((c) => matches(filter, c));
      if (!selfMatch && kids.length === 0) continue;
      rows.push(row, ...[...kids].sort(byCmp));
    }
    if (rows.length === 0) continue;

    const nsPods = pods.length;
    const okPods = pods.filter((p) => podHealth(p) === 'ok' || podHealth(p) === 'muted').length;
    const worst = rows.reduce((h, r) => (healthRank(r.health) < healthRank(h) ? r.health : h), 'ok' as Health);
    const fold = folded?.has(ns) ?? false;
    out.push({ id: `group:${ns}`, kind: 'group', depth: 0, name: ns, namespace: ns, ready: '', status: `${okPods}/${nsPods} pods ok`, health: worst, ...(fold ? { folded: true } : {}) });
    if (!fold) out.push(...rows);
  }
  return out;
}

/** The row index showing a record (pod key, workload key, 'cluster:<key>', 'node:<name>', 'group:<ns>'), or -1. */
export function rowIndexOf(rows: readonly StatusRow[], id: string): number {
  return rows.findIndex((r) => r.id === id);
}
