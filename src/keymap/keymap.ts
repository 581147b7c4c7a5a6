// The one keymap, as data. The key dispatcher (hooks/useKeys), the bottom bar, the help overlay, the dialogs'
// key lines (dialogKeyLine) and the README key table are all generated from KEYMAP; nothing else lists keys.

import type { RungPane } from '../ladder/rung-table.js';
import { LOG_WINDOWS, type LogWindowId } from '../logs/record.js';

/** The scopes of the dialogs: each dialog (and each step of the action dialog) has one. */
export const DIALOG_SCOPES = [
  'dialog-planning',
  'dialog-params',
  'dialog-yes-no',
  'dialog-typed',
  'dialog-secret',
  'dialog-blocked',
  'dialog-running',
  'dialog-result',
  'dialog-dry-run-result',
  'dialog-error',
  'dialog-idle',
  'picker',
  'timeline',
  'note',
  'emergency',
  'certs',
  'full-text',
] as const;
export type DialogScope = (typeof DIALOG_SCOPES)[number];

/** Where a binding applies. A view activates a list of scopes (see scopesFor); a dialog one dialog scope. */
export type KeyScope = 'global' | 'list' | 'status' | 'check' | 'detail' | 'vault' | 'logs' | 'errors' | 'alerts' | 'help' | 'filter' | 'command' | 'modal' | DialogScope;

export type KeyAction =
  | 'rung-1'
  | 'rung-2'
  | 'rung-3'
  | 'rung-4'
  | 'rung-5'
  | 'rung-6'
  | 'rung-7'
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'top'
  | 'bottom'
  | 'enter'
  | 'back'
  | 'filter'
  | 'command'
  | 'help'
  | 'quit'
  | 'namespace-cycle'
  | 'sort-cycle'
  | 'sort-reverse'
  | 'full-text'
  | 'close'
  | 'accept'
  | 'cancel'
  | 'erase'
  | 'runbooks'
  | 'restart'
  | 'unseal'
  | 'unseal-reset'
  | 'timeline'
  | 'note'
  | 'emergency'
  | 'logs-open'
  | 'log-follow'
  | 'log-wrap'
  | 'log-timestamps'
  | 'log-previous'
  | 'log-exclude'
  | 'log-highlight'
  | 'log-save'
  | 'edit-query'
  | 'silence-add'
  | 'silence-expire'
  | 'alerts-muted'
  | 'alerts-filter'
  | `window-${LogWindowId}`
  // Dialog actions.
  | 'yes'
  | 'no'
  | 'type'
  | 'confirm'
  | 'dry-run'
  | 'next'
  | 'choose'
  | 'move'
  | 'scroll'
  | 'back-to-confirm';

export interface KeyBinding {
  action: KeyAction;
  /** Normalised key names (see keyName): 'q', 'up', 'pagedown', 'enter', 'esc', 'ctrl-c', 'G', '/'. */
  keys: string[];
  /** How the keys are shown to a user, e.g. '↑/k'. */
  display: string;
  /** Short label for the bottom bar. */
  label: string;
  /** One line for the help overlay and the README. */
  help: string;
  scopes: KeyScope[];
  /**
   * Shown in the bottom bar, with this priority (1 first): a narrow bar keeps the keys with the lowest numbers
   * and says how many it left out (the help overlay lists them all). Without it, only in the help overlay.
   */
  bar?: number;
  /** An action above read: hidden from the bar and the help in read-only mode. */
  change?: boolean;
  /**
   * A dialog key that says yes to something (y, Enter on a typed name or a secret, a dry run): it counts only
   * once the question has been on screen for the draw guard (src/console/draw-guard.ts), and its key line
   * shows it only from then on.
   */
  confirming?: boolean;
  /** A dry-run key: left out of a dialog's key line when the action cannot be dry-run. */
  dryRun?: boolean;
  /** Left out of the dialogs' key lines (and so of the help overlay's dialog lines); the README table lists it. */
  keyLine?: false;
}

const rung = (n: 1 | 2 | 3 | 4 | 5 | 6 | 7, title: string): KeyBinding => ({
  action: `rung-${n}`,
  keys: [String(n)],
  display: String(n),
  label: title,
  help: `Rung ${n}: ${title}`,
  scopes: ['global'],
});

export const KEYMAP: readonly KeyBinding[] = [
  rung(1, 'Status'),
  rung(2, 'Check'),
  rung(3, 'Logs'),
  rung(4, 'Vault'),
  rung(5, 'Data'),
  rung(6, 'Alerts'),
  rung(7, 'Errors'),
  { action: 'runbooks', keys: ['r'], display: 'r', label: 'runbooks', help: 'Runbooks for this rung and the selected row', scopes: ['global'], bar: 6 },
  { action: 'restart', keys: ['R'], display: 'R', label: 'restart', help: 'Restart the selected workload (asks first)', scopes: ['global'], bar: 8, change: true },
  { action: 'unseal', keys: ['u'], display: 'u', label: 'unseal', help: 'Unseal OpenBao: one hidden key share at a time, to every sealed replica, the leader first', scopes: ['vault'], bar: 3, change: true },
  { action: 'unseal-reset', keys: ['U'], display: 'U', label: 'reset unseal', help: 'Reset the unseal in progress: the shares entered so far are discarded (asks first)', scopes: ['vault'], bar: 9, change: true },
  { action: 'logs-open', keys: ['l'], display: 'l', label: 'logs', help: "Follow the selected pod's or workload's logs (rung 3), as k9s's l", scopes: ['status', 'check', 'detail'], bar: 5 },
  { action: 'log-follow', keys: ['s', ' '], display: 's', label: 'pause/follow', help: 'Pause the view (lines keep arriving and are counted) or follow again', scopes: ['logs', 'errors'], bar: 3 },
  { action: 'log-wrap', keys: ['w'], display: 'w', label: 'wrap', help: 'Wrap long lines, or cut them at the edge', scopes: ['logs', 'errors'], bar: 6 },
  { action: 'log-timestamps', keys: ['t'], display: 't', label: 'timestamps', help: "Show each line's timestamp (as the kubelet or Loki stamped it)", scopes: ['logs', 'errors'], bar: 7 },
  { action: 'log-previous', keys: ['p'], display: 'p', label: 'previous', help: "Show the containers' previous instance (kubectl logs --previous), or the current one again", scopes: ['logs'], bar: 8 },
  { action: 'log-exclude', keys: ['x'], display: 'x', label: 'exclude', help: 'Hide lines matching a regex (:exclude RE; empty clears)', scopes: ['logs', 'errors'], bar: 10 },
  { action: 'log-highlight', keys: ['H'], display: 'H', label: 'highlight', help: 'Highlight a regex in the lines (:highlight RE; empty clears)', scopes: ['logs', 'errors'], bar: 11 },
  { action: 'log-save', keys: ['ctrl-s'], display: 'Ctrl-S', label: 'save', help: 'Save the lines shown (after the filters) to a file in the state directory', scopes: ['logs', 'errors'], bar: 12 },
  { action: 'edit-query', keys: ['e'], display: 'e', label: 'query', help: 'Edit the LogQL query of the errors view (:query LOGQL)', scopes: ['errors'], bar: 5 },
  { action: 'silence-add', keys: ['S'], display: 'S', label: 'silence', help: "Silence the selected alert: its labels as matchers (editable, amtool's syntax), a duration and a required comment; shows what it would match (asks first)", scopes: ['alerts'], bar: 3, change: true },
  { action: 'silence-expire', keys: ['X'], display: 'X', label: 'expire', help: 'Expire the selected silence (asks first)', scopes: ['alerts'], bar: 5, change: true },
  { action: 'alerts-muted', keys: ['m'], display: 'm', label: 'muted', help: "Show or hide the silenced and inhibited alerts (amtool's --silenced --inhibited)", scopes: ['alerts'], bar: 6 },
  { action: 'alerts-filter', keys: ['f'], display: 'f', label: 'matchers', help: 'Filter the alerts by matchers as amtool takes them (severity=critical namespace=~"data|matrix"); anything else is a regular expression', scopes: ['alerts'], bar: 8 },
  ...LOG_WINDOWS.map((w): KeyBinding => ({ action: `window-${w.id}`, keys: [w.key], display: w.key, label: w.label, help: `Time window: ${w.id === 'tail' ? 'the last lines of each container (tail)' : w.id === 'all' ? 'everything the kubelet has' : w.label}`, scopes: ['logs'] })),
  { action: 'up', keys: ['up', 'k'], display: '↑/k', label: 'up', help: 'Move the cursor up', scopes: ['list', 'help'] },
  { action: 'down', keys: ['down', 'j'], display: '↓/j', label: 'down', help: 'Move the cursor down', scopes: ['list', 'help'] },
  { action: 'page-up', keys: ['pageup'], display: 'PgUp', label: 'page up', help: 'Move one page up', scopes: ['list', 'help'] },
  { action: 'page-down', keys: ['pagedown'], display: 'PgDn', label: 'page down', help: 'Move one page down', scopes: ['list', 'help'] },
  { action: 'top', keys: ['g', 'home'], display: 'g', label: 'top', help: 'Go to the first row', scopes: ['list', 'help'] },
  { action: 'bottom', keys: ['G', 'end'], display: 'G', label: 'bottom', help: 'Go to the last row', scopes: ['list', 'help'] },
  { action: 'enter', keys: ['enter'], display: 'Enter', label: 'open', help: 'Drill into the selected row (a finding jumps to its target in Status; a namespace folds or unfolds)', scopes: ['list'], bar: 4 },
  { action: 'full-text', keys: ['v'], display: 'v', label: 'full text', help: 'Open the selected finding (in a drill-down: the events) in full, wrapped', scopes: ['check', 'detail'], bar: 5 },
  { action: 'back', keys: ['esc'], display: 'Esc', label: 'back', help: 'Go back, or clear the filter (in the Logs pane: back to the rung before it)', scopes: ['global'], bar: 5 },
  { action: 'filter', keys: ['/'], display: '/', label: 'filter', help: 'Filter the pane (a regular expression)', scopes: ['list'], bar: 7 },
  { action: 'namespace-cycle', keys: ['N'], display: 'N', label: 'namespace', help: 'Cycle the namespace filter (all, then each namespace)', scopes: ['status', 'check'], bar: 10 },
  { action: 'sort-cycle', keys: ['s'], display: 's', label: 'sort', help: 'Cycle the sort column (name, status, restarts, age)', scopes: ['status'], bar: 11 },
  { action: 'sort-reverse', keys: ['S'], display: 'S', label: 'reverse', help: 'Reverse the sort order (the header arrow shows which way)', scopes: ['status'], bar: 12 },
  { action: 'command', keys: [':'], display: ':', label: 'command', help: 'Open the command line (:help lists the commands)', scopes: ['global'], bar: 9 },
  { action: 'note', keys: ['n'], display: 'n', label: 'note', help: 'Add a note to the incident journal', scopes: ['global'], bar: 13 },
  { action: 'timeline', keys: ['t'], display: 't', label: 'timeline', help: "The journal's timeline (rung changes, actions, notes)", scopes: ['global'], bar: 14 },
  { action: 'emergency', keys: ['e', '!'], display: 'e/!', label: 'emergency', help: "The playbook's emergency table, with its runbooks", scopes: ['global'], bar: 15 },
  { action: 'help', keys: ['?'], display: '?', label: 'help', help: 'Show the keys of the current view', scopes: ['global'], bar: 1 },
  { action: 'quit', keys: ['q', 'ctrl-c'], display: 'q', label: 'quit', help: 'Quit (Ctrl-C too)', scopes: ['global'], bar: 2 },
  { action: 'accept', keys: ['enter'], display: 'Enter', label: 'choose', help: "Choose the row, or answer the dialog (its last line names its keys; Enter alone is No in a y/N dialog)", scopes: ['modal'] },
  { action: 'close', keys: ['esc'], display: 'Esc', label: 'cancel/close', help: 'Cancel, or close the dialog', scopes: ['modal'], bar: 2 },
  { action: 'close', keys: ['esc', '?', 'q'], display: 'Esc/?/q', label: 'close', help: 'Close the help overlay', scopes: ['help'], bar: 1 },
  { action: 'accept', keys: ['enter'], display: 'Enter', label: 'apply', help: 'Apply the filter or run the command', scopes: ['filter', 'command'], bar: 2 },
  { action: 'cancel', keys: ['esc', 'ctrl-c'], display: 'Esc', label: 'cancel', help: 'Cancel (Esc also clears the filter)', scopes: ['filter', 'command'], bar: 3 },
  { action: 'erase', keys: ['backspace', 'delete'], display: 'Backspace', label: 'erase', help: 'Erase the last character', scopes: ['filter', 'command', 'dialog-params', 'dialog-typed', 'dialog-secret', 'picker', 'note'], keyLine: false },
  // The dialogs. Within a dialog scope the key line lists its bindings in this order.
  { action: 'yes', keys: ['y', 'Y'], display: 'y', label: 'yes', help: 'Yes: run the action', scopes: ['dialog-yes-no'], confirming: true },
  { action: 'no', keys: ['n', 'N', 'enter'], display: 'n/Enter', label: 'no (default)', help: 'No: close without running (Enter alone is No)', scopes: ['dialog-yes-no'] },
  { action: 'type', keys: [], display: 'type the name', label: '', help: "Type the target's name exactly (a wrong name does nothing)", scopes: ['dialog-typed'] },
  { action: 'type', keys: [], display: 'type (not shown)', label: '', help: 'Type the secret: never shown, never kept after use', scopes: ['dialog-secret'] },
  { action: 'confirm', keys: ['enter'], display: 'Enter', label: 'confirm', help: 'Run the action with what was typed', scopes: ['dialog-typed', 'dialog-secret'], confirming: true },
  { action: 'dry-run', keys: ['d'], display: 'd', label: 'dry run', help: 'Server-side dry run: nothing changes', scopes: ['dialog-yes-no'], confirming: true, dryRun: true },
  { action: 'dry-run', keys: ['ctrl-d'], display: 'Ctrl-D', label: 'dry run', help: 'Server-side dry run: nothing changes', scopes: ['dialog-typed'], confirming: true, dryRun: true },
  { action: 'next', keys: ['enter'], display: 'Enter', label: 'next', help: 'Take the value and go on', scopes: ['dialog-params'] },
  { action: 'choose', keys: ['enter'], display: 'Enter', label: 'run', help: 'Start the runbook under the cursor', scopes: ['picker'] },
  { action: 'choose', keys: ['enter'], display: 'Enter', label: 'runbooks for the row', help: "Offer the row's runbooks", scopes: ['emergency'] },
  { action: 'choose', keys: ['enter', 'r'], display: 'Enter', label: 'renew / ACME check', help: "Offer the certificate's runbooks (renew, ACME check)", scopes: ['certs'] },
  { action: 'choose', keys: ['enter'], display: 'Enter', label: 'add', help: 'Add the note to the journal', scopes: ['note'] },
  { action: 'move', keys: ['up', 'down', 'pageup', 'pagedown', 'home', 'end'], display: '↑↓', label: 'move', help: 'Move the cursor (PgUp/PgDn a page, Home/End the ends); letters filter', scopes: ['picker'] },
  { action: 'move', keys: ['up', 'down', 'k', 'j', 'pageup', 'pagedown', 'g', 'G', 'home', 'end'], display: '↑↓/j/k', label: 'move', help: 'Move the cursor (PgUp/PgDn a page, g/G the ends)', scopes: ['emergency', 'certs'] },
  { action: 'close', keys: ['esc', 'enter', 'q', 'ctrl-c'], display: 'Esc/Enter', label: 'close', help: 'Close the dialog', scopes: ['dialog-result', 'dialog-error'] },
  { action: 'full-text', keys: ['v'], display: 'v', label: 'full output', help: 'Open the result and its output in full, wrapped', scopes: ['dialog-result', 'dialog-dry-run-result'] },
  { action: 'full-text', keys: ['v'], display: 'v', label: 'full text', help: "Open the timeline's entries in full, wrapped", scopes: ['timeline'] },
  { action: 'back-to-confirm', keys: ['esc', 'enter', 'q', 'ctrl-c'], display: 'Esc/Enter', label: 'back to the confirmation', help: 'Back to the confirmation of the same planned action', scopes: ['dialog-dry-run-result'] },
  { action: 'scroll', keys: ['pagedown', 'pageup', 'down', 'up'], display: 'PgDn', label: 'more', help: 'Scroll the preflight, the commands and the detail', scopes: ['dialog-yes-no', 'dialog-typed'] },
  { action: 'scroll', keys: ['pagedown', 'pageup', 'down', 'up'], display: 'PgUp/PgDn', label: 'scroll', help: 'Scroll the result', scopes: ['dialog-result', 'dialog-dry-run-result'] },
  { action: 'scroll', keys: ['up', 'down', 'k', 'j', 'pageup', 'pagedown', 'g', 'G', 'home', 'end'], display: '↑↓/j/k PgUp/PgDn g/G', label: 'scroll', help: 'Scroll the timeline (at the bottom it follows new entries)', scopes: ['timeline'] },
  { action: 'scroll', keys: ['up', 'down', 'k', 'j', 'pageup', 'pagedown', 'g', 'G', 'home', 'end'], display: '↑↓/j/k PgUp/PgDn g/G', label: 'scroll', help: 'Scroll the text', scopes: ['full-text'] },
  { action: 'type', keys: [], display: 'type to filter', label: '', help: 'Filter the runbooks (Backspace erases)', scopes: ['picker'] },
  { action: 'cancel', keys: ['esc', 'ctrl-c'], display: 'Esc', label: 'cancel', help: 'Cancel: nothing is changed', scopes: ['dialog-planning', 'dialog-params', 'dialog-yes-no', 'dialog-typed', 'dialog-secret', 'note'] },
  { action: 'cancel', keys: ['esc', 'ctrl-c'], display: 'Esc', label: 'cancel (confirmation disabled while a preflight check blocks)', help: 'Cancel (a blocking preflight check disables the confirmation)', scopes: ['dialog-blocked'] },
  { action: 'cancel', keys: ['esc', 'ctrl-c'], display: 'Esc', label: 'cancel the wait (what was sent stays sent)', help: 'Stop waiting for the verification (what was sent stays sent)', scopes: ['dialog-running'] },
  { action: 'close', keys: ['esc', 'ctrl-c'], display: 'Esc', label: 'close', help: 'Close the dialog (Esc first clears a typed filter)', scopes: ['picker', 'dialog-idle'] },
  { action: 'close', keys: ['esc', 'ctrl-c', 'q', 't'], display: 'Esc', label: 'close', help: 'Close the timeline (q and t too)', scopes: ['timeline'] },
  { action: 'close', keys: ['esc', 'ctrl-c', 'q'], display: 'Esc', label: 'close', help: 'Close the dialog (q too)', scopes: ['emergency', 'certs'] },
  { action: 'close', keys: ['esc', 'ctrl-c', 'q', 'enter', 'v'], display: 'Esc/Enter', label: 'close', help: 'Close the full text (q and v too)', scopes: ['full-text'] },
];

/** A drill-down pane: about one record (the drill-down frame's target), pushed by Enter on a row. */
export type DrillPane = 'workload' | 'pod';
/** Every pane kind: a rung's own pane (its `pane` in src/ladder/rung-table.ts) or a drill-down. */
export type PaneKind = RungPane | DrillPane;

/**
 * The key scopes of each pane kind, most specific first: the first binding found in this order wins. A new pane
 * kind does not compile until it has its line here and its component in screens/panes/registry.tsx.
 */
export const PANE_SCOPES: Record<PaneKind, KeyScope[]> = {
  status: ['status', 'list', 'global'],
  check: ['check', 'list', 'global'],
  workload: ['detail', 'list', 'global'],
  pod: ['detail', 'list', 'global'],
  data: ['list', 'global'],
  vault: ['vault', 'global'],
  logs: ['logs', 'list', 'global'],
  errors: ['errors', 'list', 'global'],
  alerts: ['alerts', 'list', 'global'],
};

/** The scopes of each kind of view: the panes', the help overlay's, the two input lines' and the dialogs'. */
const VIEW_SCOPES: Record<string, KeyScope[]> = {
  ...PANE_SCOPES,
  help: ['help'],
  filter: ['filter'],
  command: ['command'],
  action: ['modal'],
  picker: ['modal'],
  timeline: ['modal'],
  note: ['modal'],
  emergency: ['modal'],
  certs: ['modal'],
  'full-text': ['modal'],
};

export function scopesFor(view: string): KeyScope[] {
  return VIEW_SCOPES[view] ?? ['global'];
}

/** The subset of Ink's Key flags that we read; keeps src/ free of Ink. */
export interface KeyFlags {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

/** One normalised name for a key press: 'up', 'enter', 'esc', 'ctrl-c', 'G', 'q', ... or '' when unnamed. */
export function keyName(input: string, key: KeyFlags): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (key.ctrl && input) return `ctrl-${input.toLowerCase()}`;
  return input;
}

/** The action bound to a key in the given scopes (earlier scopes win), if any. */
export function resolveKey(name: string, scopes: readonly KeyScope[]): KeyAction | undefined {
  for (const scope of scopes) {
    const b = KEYMAP.find((k) => k.scopes.includes(scope) && k.keys.includes(name));
    if (b) return b.action;
  }
  return undefined;
}

/** The bindings that apply in these scopes, one per action, in keymap order. */
export function bindingsFor(scopes: readonly KeyScope[], readOnly = false): KeyBinding[] {
  const seen = new Set<KeyAction>();
  const out: KeyBinding[] = [];
  for (const b of KEYMAP) {
    if (!b.scopes.some((s) => scopes.includes(s)) || seen.has(b.action) || (readOnly && b.change)) continue;
    seen.add(b.action);
    out.push(b);
  }
  return out;
}

/** The bottom bar's groups that stand for several keys, with their priorities (as a binding's `bar`). */
const BAR_GROUPS: readonly { text: string; bar: number; scope: KeyScope[]; not?: KeyScope[] }[] = [
  // In the Logs pane 0-6 pick the time window (as in k9s); 7 and Esc still leave it.
  { text: '1-7 rungs', bar: 3, scope: ['global'], not: ['logs'] },
  { text: '↑↓ move', bar: 16, scope: ['list', 'help'] },
  { text: '0-6 window', bar: 2, scope: ['logs'] },
  { text: '7 errors', bar: 3, scope: ['logs'] },
];

/**
 * The bottom bar's text for these scopes: the keys by their priority (`bar`), as many as fit in `width`, always
 * `? help` first; when some do not fit, `? help` says how many more it lists.
 */
export function keyBarText(scopes: readonly KeyScope[], width: number, readOnly = false): string {
  const entries = [
    ...bindingsFor(scopes, readOnly)
      .filter((b) => b.bar !== undefined)
      .map((b) => ({ text: `${b.display} ${b.label}`, bar: b.bar!, help: b.action === 'help' })),
    ...BAR_GROUPS.filter((g) => g.scope.some((s) => scopes.includes(s)) && !g.not?.some((s) => scopes.includes(s))).map((g) => ({ text: g.text, bar: g.bar, help: false })),
  ].sort((a, b) => a.bar - b.bar);
  const help = entries.find((e) => e.help);
  const rest = entries.filter((e) => !e.help);
  const join = (parts: string[]) => parts.join('  ');
  const withHint = (parts: string[], left: number) => (help ? [left > 0 ? `${help.text} (+${left} more)` : help.text, ...parts] : parts);
  let kept: string[] = [];
  for (const e of rest) {
    const next = [...kept, e.text];
    // Room for this entry and, if anything is left after it, the hint on `? help`.
    if (join(withHint(next, rest.length - next.length)).length > width) break;
    kept = next;
  }
  const text = join(withHint(kept, rest.length - kept.length));
  return text.length <= width ? text : (help?.text ?? '').slice(0, width);
}

const SCOPE_TITLES: Record<KeyScope, string> = {
  global: 'Any pane',
  list: 'Lists (Status, Check, details)',
  status: 'Status pane',
  check: 'Check pane',
  detail: 'Workload and pod details',
  vault: 'Vault pane (rung 4)',
  logs: 'Logs pane (rung 3)',
  errors: 'Errors pane (rung 7)',
  alerts: 'Alerts pane (rung 6)',
  help: 'Help overlay',
  filter: 'Filter line (/)',
  command: 'Command line (:)',
  modal: 'Dialogs (runbooks, confirmations, timeline, notes)',
  'dialog-planning': 'Action dialog, planning',
  'dialog-params': 'Action dialog, parameters',
  'dialog-yes-no': 'y/N confirmation',
  'dialog-typed': 'Typed-name confirmation',
  'dialog-secret': 'Hidden (secret) input',
  'dialog-blocked': 'Blocked confirmation',
  'dialog-running': 'Action running',
  'dialog-result': 'Action result',
  'dialog-dry-run-result': 'Dry-run result',
  'dialog-error': 'Action error',
  'dialog-idle': 'Action dialog, closed',
  picker: 'Runbook picker',
  timeline: 'Timeline',
  note: 'Note',
  emergency: 'Emergency table',
  certs: 'Certificates',
  'full-text': 'Full text',
};

export function scopeTitle(scope: KeyScope): string {
  return SCOPE_TITLES[scope];
}

const KEY_LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  backspace: 'Backspace',
  delete: 'Delete',
};

/** How a normalised key name is written for people: '↑', 'PgDn', 'Ctrl-C', 'G'. */
export function keyLabel(name: string): string {
  if (KEY_LABELS[name]) return KEY_LABELS[name]!;
  if (name.startsWith('ctrl-')) return `Ctrl-${name.slice(5).toUpperCase()}`;
  return name;
}

/** The README key table, as markdown (the lead pastes the output). */
export function keyTableMarkdown(): string {
  const lines = ['| Key | Where | What it does |', '|---|---|---|'];
  for (const b of KEYMAP) {
    const keys = b.keys.length ? b.keys.map((k) => `\`${keyLabel(k)}\``).join(' ') : `(${b.display})`;
    lines.push(`| ${keys} | ${b.scopes.map((s) => SCOPE_TITLES[s]).join(', ')} | ${b.help} |`);
  }
  return lines.join('\n') + '\n';
}

/** The bindings of one dialog scope, in keymap order. */
export function dialogBindings(scope: DialogScope): KeyBinding[] {
  return KEYMAP.filter((b) => b.scopes.includes(scope));
}

/**
 * A dialog's key line ("y yes  n/Enter no (default)  d dry run  PgDn more  Esc cancel"), from the keymap.
 * Until the question is armed (on screen for the draw guard) its confirming keys are left out, as they do
 * nothing yet; a dry-run key only when the action can be dry-run; a scroll key only when the text does not fit.
 */
export function dialogKeyLine(scope: DialogScope, opts: { armed?: boolean; dryRun?: boolean; scroll?: boolean } = {}): string {
  return dialogBindings(scope)
    .filter((b) => b.keyLine !== false)
    .filter((b) => (opts.armed ?? true) || !b.confirming)
    .filter((b) => (opts.dryRun ?? true) || !b.dryRun)
    // A scroll key only when there is more than fits.
    .filter((b) => (opts.scroll ?? true) || b.action !== 'scroll')
    .map((b) => `${b.display} ${b.label}`.trim())
    .join('  ');
}

/** The binding a key has in a dialog scope (typed text has none). */
export function dialogBinding(name: string, scope: DialogScope): KeyBinding | undefined {
  return dialogBindings(scope).find((b) => b.keys.includes(name));
}

/** The dialog action a key means in a dialog scope (typed text resolves to nothing). */
export function resolveDialogKey(name: string, scope: DialogScope): KeyAction | undefined {
  return dialogBinding(name, scope)?.action;
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Whether a key is one typed character (what a text input takes when its scope binds nothing to the key): one
 * grapheme, so an emoji (two UTF-16 units, or several code points joined) is typed like a letter.
 */
export function typesText(name: string): boolean {
  if (!name || /[\u0000-\u001f\u007f]/.test(name)) return false;
  if (name.length === 1) return true;
  const it = GRAPHEMES.segment(name)[Symbol.iterator]();
  return !it.next().done && it.next().done === true;
}

/** The cursor actions: the lists' and the help overlay's keys, and the way a dialog's move or scroll key goes. */
export type CursorMove = Extract<KeyAction, 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom'>;
const CURSOR_MOVES: readonly (KeyAction | undefined)[] = ['up', 'down', 'page-up', 'page-down', 'top', 'bottom'] satisfies CursorMove[];

export function isCursorMove(action: KeyAction | undefined): action is CursorMove {
  return CURSOR_MOVES.includes(action);
}

/**
 * Which way a key moves a cursor, from the cursor bindings (↑/k up, PgDn a page down, g/Home the top...). A
 * dialog's 'move' and 'scroll' keys say that the key moves there; this says where to.
 */
export function cursorMoveOf(name: string): CursorMove | undefined {
  const action = KEYMAP.find((b) => isCursorMove(b.action) && b.keys.includes(name))?.action;
  return isCursorMove(action) ? action : undefined;
}
