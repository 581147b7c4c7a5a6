// Which runbooks fit: for a context (a rung, a selected object) or by id (an emergency-table row), always
// permitted, the read-only gate applied here and only here (the same `permitted` the executor consults). Pure:
// the console's picker dialog (src/console/picker-dialog.ts) and `sunbeam runbook` only show what this returns.
import { permitted } from '../actions/tiers.js';
import type { Tier } from '../actions/types.js';
import type { RungId } from '../store/ui-slice.js';
import { builtinRunbooks } from './engine.js';
import type { Runbook } from './schema.js';

/** Where the runbooks are offered: the rung, and the selected object if any. */
export interface FitContext {
  rung: RungId | number;
  selection?: { kind: string; namespace: string; name: string };
}

/** A runbook that fits, its title filled in for the selection. */
export interface FittingRunbook {
  id: string;
  title: string;
  tier: Tier;
  /** Why it is offered: 'selection', 'namespace' or 'rung'. */
  why: 'selection' | 'namespace' | 'rung';
  runbook: Runbook;
}

/** The read-only gate: read-only mode leaves only the runbooks whose verb and tier are read. */
function allowed(rb: Runbook, readOnly: boolean): boolean {
  return permitted({ verb: rb.verb ?? rb.steps[0]!.action, tier: rb.tier }, readOnly);
}

function usesTarget(rb: Runbook): boolean {
  const text = JSON.stringify(rb.steps) + rb.title;
  return /\{\{\s*(target|namespace|name)\s*\}\}/.test(text);
}

function showTitle(rb: Runbook, sel: FitContext['selection']): string {
  if (!sel) return rb.title;
  return rb.title
    .replace(/\{\{\s*target\s*\}\}/g, sel.namespace ? `${sel.namespace}/${sel.name}` : sel.name)
    .replace(/\{\{\s*namespace\s*\}\}/g, sel.namespace || sel.name)
    .replace(/\{\{\s*name\s*\}\}/g, sel.name);
}

/** The runbooks that fit, selection-specific first; read-only mode leaves only the read ones. */
export function runbooksFor(context: FitContext, readOnly: boolean, runbooks: Runbook[] = builtinRunbooks()): FittingRunbook[] {
  const sel = context.selection;
  const out: FittingRunbook[] = [];
  const seen = new Set<string>();
  const add = (rb: Runbook, why: FittingRunbook['why']) => {
    if (seen.has(rb.id)) return;
    if (!allowed(rb, readOnly)) return;
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

/** The runbooks with these ids (an emergency-table row's), in the runbooks' order; read-only mode leaves only the read ones. */
export function runbooksById(ids: readonly string[], readOnly: boolean, runbooks: readonly Runbook[]): Runbook[] {
  return runbooks.filter((rb) => ids.includes(rb.id) && allowed(rb, readOnly));
}
