// The runbook picker's data side: which runbooks fit the current context (a rung, a selected object), with
// the read-only gate applied (the same function the executor consults).
import { permitted } from '../actions/tiers.js';
import type { Tier } from '../actions/types.js';
import type { RungId } from '../store/ui-slice.js';
import { builtinRunbooks } from './engine.js';
import type { Runbook } from './schema.js';

export interface PickerContext {
  rung: RungId | number;
  selection?: { kind: string; namespace: string; name: string };
}

export interface PickerEntry {
  id: string;
  title: string;
  tier: Tier;
  /** Why it is offered: 'selection', 'namespace' or 'rung'. */
  why: 'selection' | 'namespace' | 'rung';
  runbook: Runbook;
}

function usesTarget(rb: Runbook): boolean {
  const text = JSON.stringify(rb.steps) + rb.title;
  return /\{\{\s*(target|namespace|name)\s*\}\}/.test(text);
}

function showTitle(rb: Runbook, sel: PickerContext['selection']): string {
  if (!sel) return rb.title;
  return rb.title
    .replace(/\{\{\s*target\s*\}\}/g, sel.namespace ? `${sel.namespace}/${sel.name}` : sel.name)
    .replace(/\{\{\s*namespace\s*\}\}/g, sel.namespace || sel.name)
    .replace(/\{\{\s*name\s*\}\}/g, sel.name);
}

/** The runbooks that fit, selection-specific first; read-only mode leaves only the read ones. */
export function runbooksFor(context: PickerContext, readOnly: boolean, runbooks: Runbook[] = builtinRunbooks()): PickerEntry[] {
  const sel = context.selection;
  const out: PickerEntry[] = [];
  const seen = new Set<string>();
  const add = (rb: Runbook, why: PickerEntry['why']) => {
    if (seen.has(rb.id)) return;
    if (!permitted({ verb: rb.verb ?? rb.steps[0]!.action, tier: rb.tier }, readOnly)) return;
    seen.add(rb.id);
    out.push({ id: rb.id, title: showTitle(rb, sel), tier: rb.tier, why, runbook: rb });
  };
  if (sel) {
    for (const rb of runbooks) {
      const a = rb.appliesTo;
      if (!a?.kinds?.includes(sel.kind as never)) continue;
      if (a.namespaces && !a.namespaces.includes(sel.namespace)) continue;
      if (a.names && !a.names.includes(sel.name)) continue;
      add(rb, 'selection');
    }
    for (const rb of runbooks) {
      const a = rb.appliesTo;
      if (a?.kinds || !a?.namespaces?.includes(sel.namespace) || usesTarget(rb)) continue;
      add(rb, 'namespace');
    }
  }
  for (const rb of runbooks) {
    if (!rb.appliesTo?.rungs?.includes(context.rung as RungId)) continue;
    if (usesTarget(rb) && !sel) continue;
    add(rb, 'rung');
  }
  return out;
}
