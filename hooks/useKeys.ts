// The one key dispatcher: every key press goes through the keymap. Order: the top dialog (its handler is
// injected through the key context, from the dialog registry), then the command line or the filter line
// while they are open, then the view's bindings (global ones and the pane's).
import { useInput } from 'ink';
import { useRef } from 'react';
import { dispatchCommand } from '../src/commands/index.js';
import { consoleKey } from '../src/console/console-keys.js';
import type { ConsoleContext } from '../src/console/types.js';
import { keyName, resolveKey, scopesFor, type KeyAction } from '../src/keymap/index.js';
import type { AppStore, DialogSpec, RungId, State } from '../src/store/index.js';
import { nextSort, parseSort, reverseSort, withoutLast } from '../src/views/index.js';
import { rungEntry } from '../src/ladder/rung-table.js';
import type { PaneHandler } from './usePaneKeys.js';

/** The kind of view that has the keys now: a modal kind, 'command', 'filter', a drill-down view or the rung's pane. */
export function currentView(state: State): string {
  const ui = state.ui;
  const top = ui.modals[ui.modals.length - 1];
  if (top) return top.kind;
  if (ui.command.open) return 'command';
  if (ui.filterEditing) return 'filter';
  const frame = ui.stack[ui.stack.length - 1];
  if (frame) return frame.view;
  return rungEntry(ui.rung).pane;
}

function isPrintable(input: string): boolean {
  return input.length > 0 && !/[\u0000-\u001f\u007f]/.test(input);
}

export interface KeyContext {
  store: AppStore;
  quit: () => void;
  pane: { current: PaneHandler | null };
  /** The console's journal, runbooks and action flow (absent in a console without them). */
  console?: ConsoleContext;
  /** Hands a key to the top dialog's handler (from the dialog registry); without one, Esc closes the dialog. */
  dialogKey?: (modal: DialogSpec, name: string) => void;
  /** Keys waiting to be handled, and whether a drain is under way (see handleInput). */
  queue: { input: string; key: Flags }[];
  draining: boolean;
}

function editLine(action: KeyAction | undefined, input: string, text: string): { text: string; done?: 'accept' | 'cancel' } {
  if (action === 'accept') return { text, done: 'accept' };
  if (action === 'cancel') return { text, done: 'cancel' };
  if (action === 'erase') return { text: withoutLast(text) };
  if (isPrintable(input)) return { text: text + input };
  return { text };
}

type Flags = Parameters<typeof keyName>[1];

function charFlags(ch: string): Flags {
  if (ch === '\r' || ch === '\n') return { return: true };
  if (ch === '\u007f' || ch === '\b') return { backspace: true };
  if (ch === '\t') return { tab: true };
  const code = ch.charCodeAt(0);
  if (code > 0 && code < 27) return { ctrl: true };
  return {};
}

const isPlain = (key: Flags) => !Object.values(key).some(Boolean);

/**
 * Ink reads ESC and the key right behind it, when one read brings both, as that key with Meta (Alt) held:
 * "\x1b3" arrives as { input: '3', meta: true } and "\x1b\r" as Meta-Enter. A slow link (SSH, a loaded tmux)
 * delivers Esc and the next key in one read, and the keymap binds nothing to Alt: so a Meta key that ESC plus
 * one character makes is Esc, then that key. (Arrows and function keys with Meta come from modifier-encoded
 * sequences, not from a lone ESC in front: they stay as they are.)
 */
function escapeThenKey(input: string, key: Flags): { input: string; key: Flags }[] | undefined {
  if (!key.meta) return undefined;
  const one = [...input].length === 1;
  if (!(one && isPrintable(input)) && !(one && key.ctrl) && !key.return && !key.tab && !key.backspace && !key.escape) return undefined;
  return [
    { input: '', key: { escape: true } },
    { input, key: { ...key, meta: false } },
  ];
}

/** The sentence for a key whose handling threw: the error's first line only (no stack on the screen). */
export function keyFailedSentence(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const first = (text.split('\n')[0] ?? '').trim().replace(/\.$/, '') || 'an unknown error';
  return `That key failed: ${first}; the console keeps running.`;
}

/**
 * Handles what one read of the terminal delivered. Ink passes several characters at once when they arrive
 * together (typed fast, a held key, tmux send-keys, a paste): each is a key press of its own, except plain
 * text typed into the command or filter line, which is appended whole. Keys go through one FIFO queue,
 * one key per macrotask, so that the screen (and the pane that takes the next key) follows each key first
 * and a later read never overtakes the rest of an earlier one.
 */
export function handleInput(input: string, key: Flags, ctx: KeyContext): void {
  const split = escapeThenKey(input, key);
  if (split) ctx.queue.push(...split);
  else if (input.length <= 1 || !isPlain(key)) ctx.queue.push({ input, key });
  else for (const ch of input) ctx.queue.push({ input: ch, key: charFlags(ch) });
  if (!ctx.draining) drain(ctx);
}

function drain(ctx: KeyContext): void {
  const next = ctx.queue.shift();
  if (!next) {
    ctx.draining = false;
    return;
  }
  ctx.draining = true;
  // A key whose handler throws (a pane's, a dialog's, a command's) is one failed key, not the end of the
  // session: say so in one sentence and go on with the keys behind it. (Thrown out of here, the error would
  // reach Ink's stdin listener and end the console; and `draining` would stay set, so no later key would run.)
  try {
    const ui = ctx.store.getState().ui;
    // Text typed into the command or filter line is appended in one step, up to the next non-text key.
    if ((ui.command.open || ui.filterEditing) && isPrintable(next.input) && isPlain(next.key)) {
      let text = next.input;
      while (ctx.queue.length && isPrintable(ctx.queue[0]!.input) && isPlain(ctx.queue[0]!.key)) text += ctx.queue.shift()!.input;
      handleKey(text, {}, ctx);
    } else {
      const { input, key } = next;
      handleKey(key.ctrl && input.length === 1 && input.charCodeAt(0) < 27 ? String.fromCharCode(input.charCodeAt(0) + 96) : input, key, ctx);
    }
  } catch (err) {
    try {
      ctx.store.getState().actions.flash(keyFailedSentence(err), 'error');
    } catch {
      // Not even the flash line works: the key is dropped, the queue goes on.
    }
  }
  if (ctx.queue.length) setTimeout(() => drain(ctx), 0);
  else ctx.draining = false;
}

/** Handles one key press (exported for tests and the bench). */
export function handleKey(input: string, key: Flags, ctx: KeyContext): void {
  const { store, quit } = ctx;
  const state = store.getState();
  const { actions, ui } = state;
  const name = keyName(input, key);
  const view = currentView(state);
  const action = resolveKey(name, scopesFor(view));

  const top = ui.modals[ui.modals.length - 1];
  if (top) {
    if (ctx.dialogKey) ctx.dialogKey(top, name);
    else if (action === 'close' || name === 'esc') actions.closeModal(top.id);
    return;
  }
  if (ui.command.open) {
    const r = editLine(action, input, ui.command.text);
    if (r.done === 'accept') {
      actions.setCommand(false);
      if (r.text.trim()) dispatchCommand(r.text, { state: store.getState, actions, quit, console: ctx.console });
    } else if (r.done === 'cancel') actions.setCommand(false);
    else actions.setCommand(true, r.text);
    return;
  }
  if (ui.filterEditing) {
    const r = editLine(action, input, ui.filter);
    if (r.done === 'accept') actions.setFilter(r.text, false);
    else if (r.done === 'cancel') actions.setFilter('', false);
    else actions.setFilter(r.text, true);
    return;
  }

  if (ui.flash && action !== undefined) actions.clearFlash();
  switch (action) {
    case undefined:
      return;
    case 'quit':
      quit();
      return;
    case 'help':
      actions.openModal({ id: 'help', kind: 'help', props: { view } });
      return;
    case 'command':
      actions.setCommand(true, '');
      return;
    case 'filter':
      actions.setFilter(ui.filter, true);
      return;
    case 'back':
      if (ui.filter) actions.setFilter('', false);
      else if (ui.stack.length > 0) actions.popView();
      // The Logs pane's digits pick time windows (as in k9s): Esc is the way back to the rung before it.
      else if (view === 'logs' && ui.prevRung) actions.setRung(ui.prevRung);
      return;
    case 'namespace-cycle': {
      const list = state.kube.namespaces;
      const i = ui.namespace ? list.indexOf(ui.namespace) : -1;
      const next = i + 1 < list.length ? list[i + 1] : undefined;
      actions.setNamespace(next);
      actions.flash(next ? `Namespace: ${next} (N for the next, :ns for all)` : 'All namespaces');
      return;
    }
    case 'sort-cycle': {
      const next = nextSort(ui.sort[view]);
      actions.setSort(view, next);
      actions.flash(`Sorted by ${next} (S reverses)`);
      return;
    }
    case 'sort-reverse': {
      const next = reverseSort(ui.sort[view]);
      actions.setSort(view, next);
      const { column, reversed } = parseSort(next);
      actions.flash(`Sorted by ${column}, ${reversed ? 'reversed' : 'in its natural order'}`);
      return;
    }
    case 'logs-open':
    case 'runbooks':
    case 'restart':
    case 'unseal':
    case 'unseal-reset':
    case 'note':
    case 'timeline':
    case 'emergency':
      consoleKey(action, store, ctx.console);
      return;
    default:
      if (action.startsWith('rung-')) {
        actions.setRung(Number(action.slice(5)) as RungId);
        return;
      }
      ctx.pane.current?.(action);
  }
}

/**
 * The context the queue drains with: one for the life of the screen, so a new `ctx` object from the caller (a
 * new `quit`) does not start a second queue beside keys still waiting in the first (a later key would
 * overtake them). The queue lives here; everything else is read from the latest `ctx`.
 */
function useStableContext(ctx: KeyContext): KeyContext {
  const latest = useRef(ctx);
  latest.current = ctx;
  const stable = useRef<KeyContext | null>(null);
  stable.current ??= new Proxy({ queue: [], draining: false } as Pick<KeyContext, 'queue' | 'draining'>, {
    get: (own, prop) => (prop in own ? Reflect.get(own, prop) : Reflect.get(latest.current, prop)),
  }) as KeyContext;
  return stable.current;
}

export function useKeys(ctx: KeyContext, active = true): void {
  const keys = useStableContext(ctx);
  useInput((input, key) => handleInput(input, key, keys), { isActive: active });
}
