// The one store (zustand vanilla), composed of slices that each own their state and actions (one file each):
// kube (Kubernetes records), logs (the log views: rung 3's follow, rung 7's errors), loki (rung 7's error summary per service),
// alerts (rung 6: AlertManager's alerts, silences, receivers, notifications), postgres (rung 5 from inside the
// database), sol (Sol's brain: the Mistral check), openbao (OpenBao's replicas and token), sources (health per source), ui (navigation), dialogs (the dialog stack, at
// ui.modals), flow (the action dialog's state and its draw guard) and journal (the timeline's refresh); and
// the Box's names from the config (box), fixed when the store is made, which the ladder and panes read.
// Sources write batched records, screens read through selectors, keys and commands dispatch the actions.
// What r and R are about is computed from this state (src/console/selection.ts), never stored.
import type { ReadOnlyCause } from '../config/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_BOX_NAMES, type BoxNames } from '../ladder/box-graph.js';
import { alertsActions, emptyAlerts, type AlertsActions, type AlertsSlice } from './alerts-slice.js';
import { dialogsActions, type DialogsActions } from './dialogs-slice.js';
import { emptyFlow, flowActions, type FlowActions, type FlowSlice } from './flow-slice.js';
import { journalActions, type JournalActions, type JournalSlice } from './journal-slice.js';
import { emptyKube, kubeActions, type KubeActions, type KubeSlice } from './kube-slice.js';
import { emptyLoki, lokiActions, type LokiActions, type LokiSlice } from './loki-slice.js';
import { emptyLogs, logsActions, type LogsActions, type LogsSlice } from './logs-slice.js';
import { emptyOpenbao, openbaoActions, type OpenbaoActions, type OpenbaoSlice } from './openbao-slice.js';
import { emptyPostgres, postgresActions, type PostgresActions, type PostgresSlice } from './postgres-slice.js';
import { emptySol, solActions, type SolActions, type SolSlice } from './sol-slice.js';
import { sourcesActions, type SourcesActions, type SourcesSlice } from './sources-slice.js';
import { emptyUi, uiActions, type UiActions, type UiSlice } from './ui-slice.js';

export type Actions = KubeActions & LogsActions & LokiActions & OpenbaoActions & AlertsActions & PostgresActions & SolActions & SourcesActions & UiActions & DialogsActions & FlowActions & JournalActions;

export type State = KubeSlice & LogsSlice & LokiSlice & OpenbaoSlice & AlertsSlice & PostgresSlice & SolSlice & UiSlice & SourcesSlice & FlowSlice & JournalSlice & { box: BoxNames; actions: Actions };
export type AppStore = StoreApi<State>;

export function createAppStore(opts: { readOnly?: boolean; readOnlyCause?: readonly ReadOnlyCause[]; now?: () => number; names?: BoxNames } = {}): AppStore {
  const now = opts.now ?? Date.now;
  return createStore<State>()((set, get) => ({
    kube: emptyKube(),
    openbao: emptyOpenbao(),
    logs: emptyLogs(),
    loki: emptyLoki(),
    alerts: emptyAlerts(),
    postgres: emptyPostgres(),
    sol: emptySol(),
    ui: emptyUi(opts.readOnly ?? false, opts.readOnlyCause),
    sources: {},
    flow: emptyFlow(),
    journal: { version: 0 },
    box: opts.names ?? DEFAULT_BOX_NAMES,
    actions: {
      ...kubeActions(set, get),
      ...openbaoActions(set, get),
      ...logsActions(set, get),
      ...lokiActions(set, get),
      ...alertsActions(set, get),
      ...postgresActions(set, get),
      ...solActions(set, get),
      ...sourcesActions(set, get),
      ...uiActions(set, get, now),
      ...dialogsActions(set, get),
      ...flowActions(set, get),
      ...journalActions(set, get),
    },
  }));
}

export type { KubePatch, KubeCollection } from './kube-slice.js';
export type { RungId } from './ui-slice.js';
export type { DialogKind, DialogProps, DialogSpec, ModalSpec, PickerItem } from './dialogs-slice.js';
export type { FlowStep } from './flow-slice.js';
export type { SourcesSlice } from './sources-slice.js';
export type { ErrorService } from './loki-slice.js';
export type { LogStream, LogView, LogViewSource } from './logs-slice.js';
export * from './records.js';
