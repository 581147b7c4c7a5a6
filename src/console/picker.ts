// The runbook picker's side in the console: the items that fit now (the read-only gate applied, a
// certificate's preferred renewal first), opening the picker, the items of an emergency-table row, and the
// picker's type-to-filter match.
import { permitted } from '../actions/tiers.js';
import type { ActionTarget } from '../actions/types.js';
import { runbooksFor } from '../runbooks/picker.js';
import type { PickerItem } from '../store/index.js';
import type { ConsoleContext } from './types.js';

/** The runbooks that fit the rung and the selection (the read-only gate applied). */
export function pickerItems(ctx: ConsoleContext, selection: ActionTarget | undefined): PickerItem[] {
  const state = ctx.store.getState();
  const items = runbooksFor({ rung: state.ui.rung, selection }, state.ui.readOnly, ctx.runbooks).map((e) => ({ id: e.id, title: e.title, tier: e.tier }));
  if (selection?.kind !== 'Certificate') return items;
  // Renewal: the cmctl way (the Issuing condition) first, unless ingress-shim manages the certificate.
  const cert = Object.values(state.kube.certificates).find((c) => c.namespace === selection.namespace && c.name === selection.name);
  const prefer = cert?.ownerIngress ? 'cert-renew-delete' : 'cert-renew-issuing';
  return items.sort((a, b) => Number(b.id === prefer) - Number(a.id === prefer));
}

export function openPicker(ctx: ConsoleContext, items: PickerItem[], title: string, selection: ActionTarget | undefined): void {
  const { actions, ui } = ctx.store.getState();
  if (items.length === 0) {
    actions.flash(`No runbook fits ${selection ? `${selection.namespace}/${selection.name}` : 'this rung'}${ui.readOnly ? ' in read-only mode' : ''}.`, 'warn');
    return;
  }
  actions.openModal({ id: 'picker', kind: 'picker', props: { items, title, filter: '', cursor: 0, selection } });
}

/** The runbooks linked to an emergency-table row, gated. */
export function itemsFor(ctx: ConsoleContext, ids: string[]): PickerItem[] {
  const readOnly = ctx.store.getState().ui.readOnly;
  return ctx.runbooks
    .filter((r) => ids.includes(r.id) && permitted({ verb: r.verb ?? r.steps[0]!.action, tier: r.tier }, readOnly))
    .map((r) => ({ id: r.id, title: r.title, tier: r.tier }));
}

/** The items whose title, id or tier contain the filter (case-insensitive). */
export function pickerMatches(items: PickerItem[], filter: string): PickerItem[] {
  const f = filter.toLowerCase();
  return f ? items.filter((i) => `${i.title} ${i.id} ${i.tier}`.toLowerCase().includes(f)) : items;
}
