// The pane registry: pane kind -> the component that shows it and what sits beside it on a wide terminal.
// The kinds and their key scopes are data in src/keymap (PaneKind, PANE_SCOPES: a kind without its scopes, or
// without its entry here, does not compile), and the rung table (src/ladder/rung-table.ts) names each rung's
// pane kind. Adding a pane (the Vault pane, say) is its component file, one entry here and its rung's `pane`.
import type { ComponentType } from 'react';
import { AlertsPane } from './AlertsPane.js';
import type { DrillPane, PaneKind } from '../../src/keymap/index.js';
import type { RungEntry } from '../../src/ladder/rung-table.js';
import { CheckPane } from './CheckPane.js';
import { DataPane } from './DataPane.js';
import { ErrorsPane } from './ErrorsPane.js';
import { LogsPane } from './LogsPane.js';
import { PodPane } from './PodPane.js';
import { CheckSide, FindingSide, StatusSide, WorkloadSide, type SideProps } from './SidePanes.js';
import { StatusPane } from './StatusPane.js';
import { VaultPane } from './VaultPane.js';
import { WorkloadPane } from './WorkloadPane.js';

interface FocusedPaneProps {
  width: number;
  height: number;
  /** The rung the pane belongs to (its title, question, command). */
  rung: RungEntry;
  /** A drill-down pane's record key. */
  target: string;
}

interface PaneEntry {
  /** The pane when it has the keys. */
  Focused: ComponentType<FocusedPaneProps>;
  /** What sits beside it when the terminal is wide enough. */
  Side: ComponentType<SideProps>;
}

export const PANES: Record<PaneKind, PaneEntry> = {
  status: { Focused: ({ width, height }) => <StatusPane width={width} height={height} />, Side: StatusSide },
  check: { Focused: ({ width, height }) => <CheckPane width={width} height={height} />, Side: FindingSide },
  data: { Focused: ({ width, height }) => <DataPane width={width} height={height} />, Side: CheckSide },
  vault: { Focused: ({ width, height }) => <VaultPane width={width} height={height} />, Side: CheckSide },
  logs: { Focused: ({ width, height }) => <LogsPane width={width} height={height} />, Side: CheckSide },
  errors: { Focused: ({ width, height }) => <ErrorsPane width={width} height={height} />, Side: CheckSide },
  alerts: { Focused: ({ width, height }) => <AlertsPane width={width} height={height} />, Side: CheckSide },
  workload: { Focused: ({ width, height, target }) => <WorkloadPane key={target} target={target} width={width} height={height} />, Side: WorkloadSide },
  pod: { Focused: ({ width, height, target }) => <PodPane key={target} target={target} width={width} height={height} />, Side: CheckSide },
};

const DRILL: Record<string, DrillPane | undefined> = { workload: 'workload', pod: 'pod' };

/** The pane kind of a drill-down frame ({ view, target }), if it names one. */
export function drillPaneOf(frame: { view: string; target?: string } | undefined): DrillPane | undefined {
  return frame?.target ? DRILL[frame.view] : undefined;
}
