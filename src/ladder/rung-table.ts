// The one rung table: the seven rungs of the playbook's diagnostic ladder, in its order, in its own words
// (spec/ops-playbook.md, "The Diagnostic Ladder"), with the source each rung reads, how its verdict is made
// and from which store slices, and the pane that shows it. The ladder's verdicts, the ladder column, the
// panes' titles and the one-shot reports all read this table. A new rung's verdict (the Vault rung reading its
// own slice) is its entry here plus its verdict function in rungs.ts (VERDICTS).
import type { RungId } from '../store/ui-slice.js';
import type { LadderSlice } from './types.js';

/**
 * The kind of a rung's own pane (screens/panes/registry.ts maps it to a component; the keymap's scopesFor(kind)
 * gives its keys).
 */
export type RungPane = 'status' | 'check' | 'data' | 'vault' | 'logs' | 'errors' | 'alerts';

/**
 * How a rung's verdict is made (rungs.ts VERDICTS has one function per kind): 'status' from the pods and the
 * Status findings, 'check' from every finding, 'data' from the CloudNativePG records and the data area's
 * findings, 'vault' from the OpenBao slice (each replica's seal state) and its source's health, 'logs' from the
 * follow view's health (src/console/logs-health.ts), 'errors' from the Loki slice's summary (errors-verdict.ts),
 * 'alerts' from the alerts slice (alerts-verdict.ts: firing critical alerts).
 */
export type RungVerdictKind = 'status' | 'check' | 'data' | 'vault' | 'logs' | 'errors' | 'alerts';

export interface RungEntry {
  id: RungId;
  /** 'Status', 'Check', 'Logs', 'Vault', 'Data', 'Alerts', 'Errors' */
  title: string;
  /** The playbook's question (its comment line for the step). */
  question: string;
  /** The step's command as this program, its console or kubectl has it (the playbook's `sunbeam ...` verbs do not exist here). */
  command: string;
  /** The id of the source the rung's verdict comes from (a key of state.sources). */
  source: string;
  /** How its verdict is made. */
  verdict: RungVerdictKind;
  /** The store slices its verdict reads beyond the findings (the ladder re-evaluates when one changes). */
  reads: readonly LadderSlice[];
  /** The kind of the rung's own pane. */
  pane: RungPane;
  /** What the pane shows once its source is connected. */
  shows: string;
}

/** The Kubernetes records and the sources' health (whether the Kubernetes data is live). */
const KUBE: readonly LadderSlice[] = ['kube', 'sources'];
/** The Kubernetes records, PostgreSQL's own view and the sources' health. */
const DATA: readonly LadderSlice[] = ['kube', 'postgres', 'sources'];
/** OpenBao's replicas and the sources' health. */
const OPENBAO: readonly LadderSlice[] = ['openbao', 'sources'];
/** Loki's error summary and the sources' health. */
const LOKI: readonly LadderSlice[] = ['loki', 'sources'];
/** AlertManager's alerts and the sources' health. */
const ALERTS: readonly LadderSlice[] = ['alerts', 'sources'];

export const RUNG_TABLE: readonly RungEntry[] = [
  { id: 1, title: 'Status', question: "What's actually running?", command: 'sunbeam-console status', source: 'kubernetes', verdict: 'status', reads: KUBE, pane: 'status', shows: 'pods, workloads and nodes across namespaces' },
  { id: 2, title: 'Check', question: "What's unhealthy?", command: 'sunbeam-console check', source: 'kubernetes', verdict: 'check', reads: KUBE, pane: 'check', shows: 'findings in dependency order, root cause first' },
  { id: 3, title: 'Logs', question: 'What are the logs saying?', command: ':logs {namespace}/{service}', source: 'logs', verdict: 'logs', reads: KUBE, pane: 'logs', shows: 'the followed logs of a namespace/service' },
  { id: 4, title: 'Vault', question: 'Is OpenBao sealed? (breaks everything if yes)', command: 'sunbeam-console vault status', source: 'openbao', verdict: 'vault', reads: OPENBAO, pane: 'vault', shows: 'the OpenBao seal state, unseal progress and the guided unseal' },
  { id: 5, title: 'Data', question: 'Is the database up?', command: 'sunbeam-console check data', source: 'kubernetes', verdict: 'data', reads: DATA, pane: 'data', shows: 'CloudNativePG, barman backups and connections' },
  { id: 6, title: 'Alerts', question: 'Check AlertManager for firing alerts', command: 'kubectl exec -n monitoring alertmanager-0 -- amtool alert query --alertmanager.url=http://localhost:9093', source: 'alertmanager', verdict: 'alerts', reads: ALERTS, pane: 'alerts', shows: 'firing alerts from AlertManager and Grafana' },
  { id: 7, title: 'Errors', question: 'Check recent logs across everything', command: "kubectl get --raw '/api/v1/namespaces/monitoring/services/loki:3100/proxy/loki/api/v1/query_range?query=%7Blevel%3D%22error%22%7D'", source: 'loki', verdict: 'errors', reads: LOKI, pane: 'errors', shows: 'recent error logs across everything, from Loki' },
];

/** The table's entry for a rung. */
export function rungEntry(id: RungId): RungEntry {
  return RUNG_TABLE[id - 1]!;
}

/** "2 Check · What's unhealthy?": a rung pane's title line. */
export function rungTitle(id: RungId): string {
  const r = rungEntry(id);
  return `${r.id} ${r.title} · ${r.question}`;
}
