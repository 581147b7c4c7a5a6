// The runbook picker dialog: its items (what src/runbooks/fit.ts says fits, already gated for read-only mode,
// with a certificate's preferred renewal first; an emergency-table row's), opening it, and its type-to-filter
// match. Which runbooks fit, and the read-only gate, are decided in src/runbooks/fit.ts, not here.
import type { ActionTarget } from '../actions/types.js';
import { runbooksById, runbooksFor } from '../runbooks/fit.js';
import type { PickerItem } from '../store/index.js';
import type { ConsoleContext } from './types.js';

/** The picker's items for the rung and the selection (runbooksFor's, gated there). */
export function pickerItems(ctx: ConsoleContext, selection: ActionTarget | undefined): PickerItem[] {
  const state = ctx.store.getState();
  const items = runbooksFor({ rung: state.ui.rung, selection }, state.ui.readOnly, ctx.runbooks).map((e) => ({ id: e.id, title: e.title, tier: e.tier }));
  if (selection?.kind !== 'Certificate') return items;
  // Renewal: the cmctl way (the Issuing condition) first, unless ingress-shim manages the certificate.
  const cert = Object.values(state.kube.certificates).find((c) => c.namespace === selection.namespace && c.name === selection.name);
  const prefer = cert?.ownerIngress ? 'cert-renew-delete' : 'cert-renew-issuing';
  return items.sort((a, b) => Number(b.id === prefer) - Number(a.id === prefer));
}

/** Opens the picker over these items, or says on the flash line that none fits. */
export function openPicker(ctx: ConsoleContext, items: PickerItem[], title: string, selection: ActionTarget | undefined): void {
  const { actions, ui } = ctx.store.getState();
  if (items.length === 0) {
    actions.flash(`No runbook fits ${selection ? `${selection.namespace}/${selection.name}` : 'this rung'}${ui.readOnly ? ' in read-only mode' : ''}.`, 'warn');
    return;
  }
  actions.openModal({ id: 'picker', kind: 'picker', props: { items, title, filter: '', cursor: 0, selection } });
}

/** The picker's items for an emergency-table row: its runbooks (runbooksById's, gated there). */
export function itemsFor(ctx: ConsoleContext, ids: string[]): PickerItem[] {
  return runbooksById(ids, ctx.store.getState().ui.readOnly, ctx.runbooks).map((r) => ({ id: r.id, title: r.title, tier: r.tier }));
}

/** The items whose title, id or tier contain the filter (case-insensitive). */
export function pickerMatches(items: PickerItem[], filter: string): PickerItem[] {
  const f = filter.toLowerCase();
  return f ? items.filter((i) => `${i.title} ${i.id} ${i.tier}`.toLowerCase().includes(f)) : items;
}
