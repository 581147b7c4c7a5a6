// The log views' keys and commands (rungs 3 and 7): opening rung 3 on a namespace/name (`:logs`, `l` on a row,
// Enter on an error line in rung 7), and what the Logs and Errors panes' keys do to their view: pause and
// follow, scroll, wrap, timestamps, the previous instance, the time windows, the exclude and highlight
// regexes, a line in full, and saving what is shown. Following itself is the LogsService's (ConsoleContext.logs).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../config/index.js';
import type { KeyAction } from '../keymap/index.js';
import { DEFAULT_LOG_BUFFER, formatStamp, LOG_WINDOWS, type LogWindowId } from '../logs/record.js';
import type { LogFollowSpec } from '../logs/service.js';
import type { AppStore, LogView, State } from '../store/index.js';
import { compileFilters, effectiveOffset, lineDetail, passes } from '../views/log-lines.js';
import { openFullText } from './full-text.js';
import type { ConsoleContext } from './types.js';

/** Rung 3's view and rung 7's. */
export const FOLLOW_VIEW = 'follow';
export const ERRORS_VIEW = 'errors';

/** The log view the rung on screen shows, if it is a log rung. */
export function activeLogView(state: State): string | undefined {
  const rung = state.ui.rung;
  return rung === 3 ? FOLLOW_VIEW : rung === 7 ? ERRORS_VIEW : undefined;
}

/** Opens rung 3 following NS/NAME; a sentence when it cannot. */
export function openLogs(ctx: ConsoleContext | undefined, actions: State['actions'], spec: LogFollowSpec, capacity = ctx?.logSettings?.buffer ?? DEFAULT_LOG_BUFFER): { ok: boolean; message: string } {
  const logs = ctx?.logs;
  if (!logs) return { ok: false, message: 'Logs cannot be followed yet: the console has not connected to the cluster.' };
  const window = spec.window ?? 'tail';
  if (ctx?.logSettings && spec.tailLines === undefined && window === 'tail') spec = { ...spec, tailLines: ctx.logSettings.tail };
  actions.openLogView({ id: FOLLOW_VIEW, kind: 'kubernetes', title: `${spec.namespace}/${spec.name}`, window, capacity, spec: { ...spec, window } });
  logs.follow(FOLLOW_VIEW, { ...spec, window });
  actions.setRung(3);
  const from = spec.sinceTime ? ` from ${new Date(spec.sinceTime).toISOString().slice(11, 19)}` : '';
  return { ok: true, message: `Following ${spec.namespace}/${spec.name}${spec.container ? ` (${spec.container})` : ''}${spec.previous ? ', previous instances' : ''}${from}` };
}

/** Re-opens the follow view with a change to what it asked for (window, previous, container). */
function refollow(ctx: ConsoleContext | undefined, store: AppStore, view: LogView, change: Partial<LogFollowSpec>): void {
  if (!view.spec) return;
  const spec: LogFollowSpec = { ...view.spec, ...change };
  if (change.window) delete spec.sinceTime;
  const r = openLogs(ctx, store.getState().actions, spec, view.ring.capacity);
  store.getState().actions.flash(r.message, r.ok ? 'info' : 'error');
}

/** Writes the lines the view shows (after its filters) to <state>/logs/NAME-TIME.log, mode 0600; returns the path. */
export function saveLogView(view: LogView, include: string, env: Record<string, string | undefined> = process.env, now = Date.now()): string {
  const filters = compileFilters({ include, exclude: view.display.exclude, highlight: '' });
  const lines: string[] = [];
  view.ring.scan((r) => {
    if (passes(r.text, filters)) lines.push(`${formatStamp(r)} ${r.namespace}/${r.pod} ${r.container} ${r.text}`);
  });
  const dir = join(stateDir(env), 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `${view.title.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'logs'}-${new Date(now).toISOString().replace(/[:.]/g, '-')}.log`;
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + (lines.length ? '\n' : ''), { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/** A Logs or Errors pane key on view `id`; `page` is the number of rows the pane shows. */
export function logPaneKey(action: KeyAction, store: AppStore, ctx: ConsoleContext | undefined, id: string, page: number): void {
  const state = store.getState();
  const view = state.logs.views[id];
  const { actions } = state;
  if (!view) return;
  const d = view.display;
  const freeze = () => (d.follow ? { follow: false, pausedAt: view.ring.total } : {});
  const maxOffset = Math.max(0, view.ring.size - 1);
  const scrollBy = (n: number) => {
    const base = effectiveOffset(view.ring, d);
    const next = Math.min(maxOffset, Math.max(0, base + n));
    // The frozen view's offset counts from the newest line at the pause.
    actions.setLogDisplay(id, { ...freeze(), offset: Math.max(0, next - (d.follow ? 0 : Math.max(0, view.ring.total - d.pausedAt))) });
  };
  switch (action) {
    case 'log-follow':
      if (d.follow) {
        actions.setLogDisplay(id, { follow: false, pausedAt: view.ring.total });
        actions.flash('Paused: lines keep arriving and are counted; s follows again.');
      } else actions.setLogDisplay(id, { follow: true, offset: 0 });
      return;
    case 'up':
      scrollBy(1);
      return;
    case 'down':
      if (effectiveOffset(view.ring, d) <= 1 && !d.follow) actions.setLogDisplay(id, { follow: true, offset: 0 });
      else scrollBy(-1);
      return;
    case 'page-up':
      scrollBy(Math.max(1, page - 1));
      return;
    case 'page-down':
      if (effectiveOffset(view.ring, d) <= page) actions.setLogDisplay(id, { follow: true, offset: 0 });
      else scrollBy(-Math.max(1, page - 1));
      return;
    case 'top':
      scrollBy(maxOffset);
      return;
    case 'bottom':
      actions.setLogDisplay(id, { follow: true, offset: 0 });
      return;
    case 'log-wrap':
      actions.setLogDisplay(id, { wrap: !d.wrap });
      return;
    case 'log-timestamps':
      actions.setLogDisplay(id, { timestamps: !d.timestamps });
      return;
    case 'log-previous':
      if (view.kind === 'kubernetes') refollow(ctx, store, view, { previous: !view.spec?.previous });
      return;
    case 'log-exclude':
      actions.setCommand(true, `exclude ${d.exclude}`);
      return;
    case 'log-highlight':
      actions.setCommand(true, `highlight ${d.highlight}`);
      return;
    case 'edit-query':
      actions.setCommand(true, `query ${state.loki.query}`);
      return;
    case 'log-save': {
      try {
        const file = saveLogView(view, state.ui.filter);
        actions.flash(`Saved the lines shown to ${file}`);
      } catch (err) {
        actions.flash(`Could not save the lines: ${(err as Error).message}`, 'error');
      }
      return;
    }
    case 'enter': {
      const r = lineAtCursor(view, state.ui.filter);
      if (!r) return;
      if (id === ERRORS_VIEW && r.labels) {
        const app = r.labels.app ?? r.labels.service_name;
        const ns = r.labels.namespace ?? r.namespace;
        if (app && ns) {
          const res = openLogs(ctx, actions, { namespace: ns, name: app, sinceTime: r.time - 30_000 });
          actions.flash(res.message, res.ok ? 'info' : 'error');
          return;
        }
      }
      openFullText(store, `${r.namespace}/${r.pod} · ${r.container}`, lineDetail(r));
      return;
    }
    default: {
      const w = LOG_WINDOWS.find((x) => action === `window-${x.id}`);
      if (w && view.kind === 'kubernetes') refollow(ctx, store, view, { window: w.id as LogWindowId });
    }
  }
}

/** The line under the view's cursor: the bottom one shown (the newest that passes the filters when following). */
export function lineAtCursor(view: LogView, include: string) {
  const filters = compileFilters({ include, exclude: view.display.exclude, highlight: '' });
  let skip = effectiveOffset(view.ring, view.display);
  for (let i = view.ring.size - 1; i >= 0; i--) {
    const r = view.ring.at(i)!;
    if (!passes(r.text, filters)) continue;
    if (skip-- > 0) continue;
    return r;
  }
  return undefined;
}
