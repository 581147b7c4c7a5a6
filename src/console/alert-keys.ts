// The Alerts pane's keys (rung 6): the cursor over its alerts and silences, Enter for the detail in full, S to
// silence the selected alert (its labels minus the volatile ones as matchers the user can edit in amtool's
// syntax, a duration, a required comment, then the alerts they match now and the amtool command before the
// y/N), X to expire the selected silence (y/N), m to show or hide the muted alerts, f to filter by matchers.
// The actions are the silence primitives, run through the one flow and executor; read-only refuses them (gate).
import { MatcherError, formatMatcher, matchesAll, parseMatchers } from '../alerts/matchers.js';
import { silenceAddAction, silenceExpireAction } from '../actions/primitives/silence.js';
import type { ParamSpec } from '../actions/types.js';
import type { KeyAction } from '../keymap/index.js';
import { parseDuration } from '../logs/duration.js';
import type { AlertRecord, SilenceMatcher, SilenceRecord } from '../store/alerts-slice.js';
import type { AppStore } from '../store/index.js';
import { alertDetailLines, silenceDetailLines, splitMatcherArgs, type AlertRow } from '../views/alert-rows.js';
import { cursorAfter } from '../views/cursor.js';
import { gate, startAsking } from './action-dialog.js';
import { openFullText } from './full-text.js';
import type { ConsoleContext } from './types.js';

/** The Alerts pane's cursor (ui.cursor key). */
export const ALERTS_VIEW = 'alerts';

/** The labels a silence keeps from an alert: what names it and where, not what changes from one firing to the next. */
const KEPT = ['alertname', 'namespace', 'pod', 'service', 'job', 'instance'];

/** A silence's matchers for an alert: alertname, namespace, and pod/service/job/instance as present. */
export function silenceMatchersFor(a: AlertRecord): SilenceMatcher[] {
  return KEPT.filter((k) => a.labels[k]).map((name) => ({ name, value: a.labels[name]!, isRegex: false, isEqual: true }));
}

export const DEFAULT_SILENCE = '1h';

/** The silence dialog's fields: the matchers (the alert's, editable), the duration (1h) and the comment (required). */
export function silenceParams(a: AlertRecord): ParamSpec[] {
  return [
    { name: 'matchers', prompt: "Matchers (amtool's syntax; edit to widen or narrow)", initial: silenceMatchersFor(a).map(formatMatcher).join(' '), example: 'alertname="PostgresDown" namespace=~"data|cnpg-system"' },
    { name: 'duration', prompt: 'Duration', initial: DEFAULT_SILENCE, example: '1h, 30m, 2h30m, 1d' },
    { name: 'comment', prompt: 'Comment (required: why, and the ticket)' },
  ];
}

/** The silence the dialog's values describe, or the one sentence that says what is wrong with them. */
export function parseSilenceValues(values: Record<string, string>): { matchers: SilenceMatcher[]; durationMs: number; comment: string } {
  let matchers: SilenceMatcher[];
  try {
    matchers = parseMatchers(splitMatcherArgs(values.matchers ?? ''));
  } catch (err) {
    if (err instanceof MatcherError) throw new Error(`${err.message} Nothing was silenced.`);
    throw err;
  }
  if (!matchers.length) throw new Error('A silence needs at least one matcher, such as alertname="PostgresDown". Nothing was silenced.');
  if (matchers.every((m) => matchesAll([m], {}))) throw new Error('Those matchers match every alert (each one matches an empty label); name at least one label. Nothing was silenced.');
  const durationMs = parseDuration(values.duration ?? '');
  if (!durationMs) throw new Error(`"${values.duration ?? ''}" is not a duration; write 1h, 30m, 2h30m or 1d. Nothing was silenced.`);
  const comment = (values.comment ?? '').trim();
  if (!comment) throw new Error('A silence needs a comment: say why, so the next person knows. Nothing was silenced.');
  return { matchers, durationMs, comment };
}

/** Where the silences go: the AlertManager the pane reads. */
function amUrl(ctx: ConsoleContext): string {
  return ctx.store.getState().alerts.url ?? ctx.clients?.alertmanager?.url ?? 'http://localhost:9093';
}

/** S on an alert: the silence dialog, its matchers from the alert's labels. */
export function silenceAlert(ctx: ConsoleContext, a: AlertRecord): void {
  if (!gate(ctx, 'silence', 'change')) return;
  startAsking(ctx, `Silence ${a.alertname || 'the alert'}`, silenceParams(a), (values) => {
    const { matchers, durationMs, comment } = parseSilenceValues(values);
    const preview = ctx.store.getState().alerts.alerts.filter((x) => matchesAll(matchers, x.labels));
    return silenceAddAction({ url: amUrl(ctx), matchers, durationMs, comment, author: ctx.user ?? 'sunbeam-console', preview });
  });
}

/** X on a silence: expire it (y/N). */
export function expireSilence(ctx: ConsoleContext, s: SilenceRecord): void {
  if (!gate(ctx, 'expire a silence', 'change')) return;
  if (s.state === 'expired') {
    ctx.store.getState().actions.flash(`Silence ${s.id} has already ended; there is nothing to expire.`);
    return;
  }
  startAsking(ctx, `Expire silence ${s.id}`, [], () => silenceExpireAction({ url: amUrl(ctx), silence: s }));
}

export interface AlertPaneView {
  /** The rows the pane shows (alerts.ts alertRows); the cursor moves over the selectable ones. */
  rows: readonly AlertRow[];
  /** Rows per page. */
  page: number;
  toggleMuted(): void;
}

/** The selectable rows (alerts and silences), in order: what the cursor moves over. */
export function selectableRows(rows: readonly AlertRow[]): AlertRow[] {
  return rows.filter((r) => r.kind === 'alert' || r.kind === 'silence');
}

/** One key of the Alerts pane. */
export function alertPaneKey(action: KeyAction, store: AppStore, ctx: ConsoleContext | undefined, view: AlertPaneView): void {
  const state = store.getState();
  const { actions } = state;
  const rows = selectableRows(view.rows);
  const cursor = Math.min(state.ui.cursor[ALERTS_VIEW] ?? 0, Math.max(0, rows.length - 1));
  if (action === 'up' || action === 'down' || action === 'page-up' || action === 'page-down' || action === 'top' || action === 'bottom') {
    actions.setCursor(ALERTS_VIEW, cursorAfter(action, cursor, rows.length, view.page));
    return;
  }
  if (action === 'alerts-muted') return view.toggleMuted();
  if (action === 'alerts-filter') return actions.setFilter(state.ui.filter, true);
  const row = rows[cursor];
  const alert = row?.kind === 'alert' ? state.alerts.alerts.find((a) => a.fingerprint === row.ref) : undefined;
  const silence = row?.kind === 'silence' ? state.alerts.silences.find((s) => s.id === row.ref) : undefined;
  if (action === 'enter') {
    if (alert) openFullText(store, `Alert ${alert.alertname} ${alert.fingerprint}`, alertDetailLines(alert, state.alerts, state.kube.pods, Date.now()));
    else if (silence) openFullText(store, `Silence ${silence.id}`, silenceDetailLines(silence, state.alerts, Date.now()));
    return;
  }
  if (action !== 'silence-add' && action !== 'silence-expire') return;
  if (!ctx) {
    actions.flash('Silences cannot be changed from this console.', 'warn');
    return;
  }
  if (action === 'silence-add') {
    if (alert) silenceAlert(ctx, alert);
    else actions.flash('Select an alert to silence (S), or a silence to expire (X).', 'warn');
    return;
  }
  if (silence) expireSilence(ctx, silence);
  else actions.flash('Select a silence (below the alerts) to expire it.', 'warn');
}
