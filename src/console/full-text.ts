// The full-text dialog's content: a finding, a drill-down's events or an action's result and output, every
// line in full (the dialog wraps them to its width and scrolls). Opened by the keymap's 'full-text' key (v)
// from where the cut line is shown: the Check pane, a workload's or a pod's events, the action result.
import type { ActionResult } from '../actions/types.js';
import type { Finding } from '../ladder/types.js';
import type { AppStore, EventRecord } from '../store/index.js';
import { formatAge } from '../views/format.js';

/** Opens the full-text dialog over whatever is open (Esc comes back to it). */
export function openFullText(store: AppStore, title: string, lines: string[]): void {
  store.getState().actions.openModal({ id: 'full-text', kind: 'full-text', props: { title, lines, offset: 0 } });
}

/** A finding in full: its title, detail, why (root cause or what it is blocked by), target and rule. */
export function findingLines(f: Finding, root: boolean, names: ReadonlyMap<string, string>): string[] {
  const lines = [`${f.severity === 'failing' ? 'FAIL' : 'WARN'}${root ? ' · ROOT CAUSE' : ''} · ${f.title}`, ''];
  if (f.detail) lines.push(f.detail, '');
  const blockers = (f.blockedBy ?? []).map((id) => names.get(id) ?? id);
  if (blockers.length) lines.push(`Blocked by: ${blockers.join(', ')}`);
  if (f.because) lines.push(`Because: ${f.because}`);
  if (f.target) lines.push(`Target: ${f.target.kind} ${f.target.namespace ? `${f.target.namespace}/` : ''}${f.target.name}`);
  lines.push(`Namespace: ${f.namespace || '-'} · component: ${f.component} · rule: ${f.rule}`);
  return lines;
}

/** Events in full, newest first: age, type, reason, object, count and the whole message. */
export function eventLines(events: readonly EventRecord[], now: number): string[] {
  if (events.length === 0) return ['No recent events.'];
  return events.map((e) => `${formatAge(e.last, now)} ago · ${e.type} · ${e.reason} · ${e.involvedKind} ${e.involvedName}${e.count > 1 ? ` (x${e.count})` : ''}: ${e.message}`);
}

/** An action's result in full: the outcome, each step and every line of output it gave. */
export function resultLines(r: ActionResult): string[] {
  const lines = [r.message, ''];
  for (const st of r.steps) {
    lines.push(`${st.title}: ${st.message}`);
    for (const l of st.lines ?? []) lines.push(`  ${l}`);
  }
  return lines;
}
