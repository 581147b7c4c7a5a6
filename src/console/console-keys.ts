// The console keys that open dialogs, start actions or open a view on the selection (r, R, n, t, e, l): what each does, from the store's
// state and the selection computed from it.
import type { KeyAction } from '../keymap/index.js';
import type { AppStore } from '../store/index.js';
import { restart, gate, unseal, unsealReset } from './action-dialog.js';
import { openLogs } from './log-keys.js';
import { openPicker, pickerItems } from './picker-dialog.js';
import { restartTargetOf, selectionOf } from './selection.js';
import type { ConsoleContext } from './types.js';

/** The selection now (the Check rung's findings come from the ladder of the state now). */
export function currentSelection(ctx: ConsoleContext) {
  const state = ctx.store.getState();
  return selectionOf(state, () => ctx.evaluate(state, ctx.now()));
}

export function consoleKey(action: KeyAction, store: AppStore, ctx: ConsoleContext | undefined): void {
  if (!ctx) {
    store.getState().actions.flash('Runbooks, notes and the timeline are not available in this console.', 'warn');
    return;
  }
  const state = store.getState();
  const { actions } = state;
  switch (action) {
    case 'runbooks': {
      const sel = currentSelection(ctx);
      // A namespace is named once ("namespace data"), an object with its namespace ("Pod data/postgres-1").
      const where = !sel ? `rung ${state.ui.rung}` : sel.kind === 'Namespace' ? `namespace ${sel.name}` : `${sel.kind} ${sel.namespace}/${sel.name}`;
      openPicker(ctx, pickerItems(ctx, sel), `Runbooks for ${where}`, sel);
      return;
    }
    case 'restart': {
      if (!gate(ctx, 'restart', 'change')) return;
      const target = restartTargetOf(state, currentSelection(ctx));
      if (!target) {
        actions.flash('Select a workload (a Deployment, StatefulSet or CloudNativePG cluster) to restart, or use :restart NS/NAME.', 'warn');
        return;
      }
      restart(ctx, `${target.namespace}/${target.name}`);
      return;
    }
    case 'logs-open': {
      const sel = currentSelection(ctx);
      if (!sel || sel.kind === 'Namespace') {
        actions.flash('Select a pod or a workload to follow its logs, or use :logs NS/SERVICE.', 'warn');
        return;
      }
      const r = openLogs(ctx, actions, { namespace: sel.namespace, name: sel.name });
      actions.flash(r.message, r.ok ? 'info' : 'error');
      return;
    }
    case 'unseal':
      unseal(ctx);
      return;
    case 'unseal-reset':
      unsealReset(ctx);
      return;
    case 'note':
      actions.openModal({ id: 'note', kind: 'note', props: { text: '' } });
      return;
    case 'timeline':
      actions.openModal({ id: 'timeline', kind: 'timeline', props: { offset: -1 } });
      return;
    case 'emergency':
      actions.openModal({ id: 'emergency', kind: 'emergency', props: { cursor: 0 } });
      return;
    default:
      return;
  }
}
