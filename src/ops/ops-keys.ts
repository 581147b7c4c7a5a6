// The console keys of issue 4 (r, R, n, t, e): what each opens, from the store's state and the selection.
import type { KeyAction } from '../keymap/index.js';
import { emergencyRows } from '../runbooks/emergency.js';
import type { State } from '../store/index.js';
import { opsOf } from './ops-registry.js';

const RESTARTABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Cluster']);

export function opsKey(action: KeyAction, state: State): void {
  const ops = opsOf(state);
  const { actions } = state;
  if (!ops) {
    actions.flash('Runbooks, notes and the timeline are not available in this console.', 'warn');
    return;
  }
  const sel = ops.selection;
  switch (action) {
    case 'runbooks': {
      const where = sel ? `${sel.kind} ${sel.namespace}/${sel.name}` : `rung ${state.ui.rung}`;
      ops.openPicker(ops.pickerItems(), `Runbooks for ${where}`);
      return;
    }
    case 'restart':
      if (!ops.gate('restart', 'change')) return;
      const target = ops.restartTarget ?? sel;
      if (!target || !RESTARTABLE.has(target.kind)) {
        actions.flash('Select a workload (a Deployment, StatefulSet or CloudNativePG cluster) to restart, or use :restart NS/NAME.', 'warn');
        return;
      }
      ops.restart(`${target.namespace}/${target.name}`);
      return;
    case 'note':
      actions.openModal({ id: 'note', kind: 'note', props: { text: '' } });
      return;
    case 'timeline':
      actions.openModal({ id: 'timeline', kind: 'timeline', props: { offset: -1 } });
      return;
    case 'emergency':
      actions.openModal({ id: 'emergency', kind: 'emergency', props: { cursor: 0, rows: emergencyRows(ops.runbooks).length } });
      return;
    default:
      return;
  }
}
