// The seven rungs of the playbook's diagnostic ladder, as the console presents them before (and besides) the
// ladder's live verdicts: the title, the playbook's question and command, and what each rung's pane shows.
import type { RungId } from '../store/index.js';

export interface RungInfo {
  id: RungId;
  title: string;
  question: string;
  command: string;
  /** What the pane shows once its source is connected. */
  shows: string;
  /** The view kind of the rung's own pane (see keymap VIEW_SCOPES). */
  view: 'status' | 'check' | 'data' | 'placeholder';
}

export const RUNGS: readonly RungInfo[] = [
  { id: 1, title: 'Status', question: "What's actually running?", command: 'sunbeam status', shows: 'pods, workloads and nodes across namespaces', view: 'status' },
  { id: 2, title: 'Check', question: "What's unhealthy?", command: 'sunbeam check', shows: 'findings in dependency order, root cause first', view: 'check' },
  { id: 3, title: 'Logs', question: 'What are the logs saying?', command: 'sunbeam logs {namespace}/{service} -f', shows: 'the followed logs of a namespace/service', view: 'placeholder' },
  { id: 4, title: 'Vault', question: 'Is OpenBao sealed?', command: 'sunbeam vault status', shows: 'the OpenBao seal state, unseal progress and the guided unseal', view: 'placeholder' },
  { id: 5, title: 'Data', question: 'Is the database up?', command: 'sunbeam check data', shows: 'CloudNativePG, barman backups and connections', view: 'data' },
  { id: 6, title: 'Alerts', question: 'Is AlertManager firing?', command: 'sunbeam mon grafana alerts', shows: 'firing alerts from AlertManager and Grafana', view: 'placeholder' },
  { id: 7, title: 'Errors', question: 'What do recent error logs say?', command: "sunbeam mon loki logs '{level=\"error\"}'", shows: 'recent error logs across everything, from Loki', view: 'placeholder' },
];

export function rungInfo(id: RungId): RungInfo {
  return RUNGS[id - 1]!;
}
