// The dialogs' keys do what the keymap says they do: for every dialog scope (and the help overlay), every key
// the keymap lists for an action has that action's effect (each 'close' key closes, each 'move' key moves the
// cursor the way the cursor bindings say, ...). Table-driven from KEYMAP, so a key added to a binding, or an
// action added to a dialog scope, is tried here too (an action without an effect below fails the test).
import { describe, expect, it } from 'vitest';
import { dialogKey } from '../../src/console/dialog-keys.js';
import { createSecretInput } from '../../src/console/secret-input.js';
import type { ConsoleContext } from '../../src/console/types.js';
import type { Journal, JournalEntry } from '../../src/journal/journal.js';
import { helpLines } from '../../src/keymap/help-lines.js';
import { DIALOG_SCOPES, KEYMAP, resolveKey, type KeyAction, type KeyScope } from '../../src/keymap/index.js';
import { builtinRunbooks } from '../../src/runbooks/engine.js';
import { emergencyRows } from '../../src/runbooks/emergency.js';
import { createAppStore, type AppStore, type DialogSpec } from '../../src/store/index.js';
import type { CertificateRecord } from '../../src/store/records.js';

const TYPED = 'ab';
const CURSOR = 1;
const SCROLL = 5;
const NOTES = 30;
const ROOM = 10;

interface Trial {
  scope: KeyScope;
  key: string;
  store: AppStore;
  console: ConsoleContext;
  /** What the fake flow and journal were asked to do. */
  calls: string[];
}

const top = (t: Trial): DialogSpec | undefined => t.store.getState().ui.modals.at(-1);
const open = (t: Trial, kind: string) => t.store.getState().ui.modals.some((m) => m.kind === kind);
const props = (t: Trial) => (top(t)?.props ?? {}) as Record<string, unknown>;
const isActionDialog = (scope: KeyScope) => scope.startsWith('dialog-');

/** Which way a key moves, as the lists' cursor bindings say (↑/k up, PgDn a page down, g/Home the top...). */
function way(key: string): KeyAction | undefined {
  return resolveKey(key, ['list']);
}

function moved(key: string, cursor: number, count: number, page: number): number {
  const last = count - 1;
  switch (way(key)) {
    case 'up':
      return Math.max(0, cursor - 1);
    case 'down':
      return Math.min(last, cursor + 1);
    case 'page-up':
      return Math.max(0, cursor - page);
    case 'page-down':
      return Math.min(last, cursor + page);
    case 'top':
      return 0;
    case 'bottom':
      return last;
    default:
      throw new Error(`${key} moves no way`);
  }
}

function certificate(name: string, days: number): CertificateRecord {
  const notAfter = new Date(Date.now() + days * 86_400_000).toISOString();
  return { key: `ingress/${name}`, namespace: 'ingress', name, ready: 'True', notAfter, secretName: name, issuerKind: 'ClusterIssuer', issuerName: 'letsencrypt', dnsNames: [], issuing: false, created: notAfter };
}

const confirmOf = (kind: string, blocked?: string) => ({ step: 'confirm', action: { confirmation: { kind } }, preflight: [], prompt: '', blocked });

/** The action dialog's flow state for each of its scopes. */
const FLOW: Record<string, object> = {
  'dialog-planning': { step: 'planning', title: 'Plan' },
  'dialog-params': { step: 'params', runbookId: 'pitr', title: 'PITR', params: [{ name: 'target' }], values: {} },
  'dialog-yes-no': confirmOf('yes-no'),
  'dialog-typed': confirmOf('typed'),
  'dialog-secret': confirmOf('secret'),
  'dialog-blocked': confirmOf('yes-no', 'a preflight check blocks'),
  'dialog-running': { step: 'running', action: {}, dryRun: false, phase: 'verify', output: [] },
  'dialog-result': { step: 'done', action: { title: 'Restart' }, result: { dryRun: false, message: 'done', steps: [{ title: 'restart', message: 'ok', lines: ['a long output line'] }] } },
  'dialog-dry-run-result': { step: 'done', action: { title: 'Restart' }, result: { dryRun: true, message: 'done', steps: [] } },
  'dialog-error': { step: 'error', message: 'it broke' },
  'dialog-idle': { step: 'idle' },
};

/** A store and a console with `scope`'s dialog open on top, set up to show `action`'s effect. */
function trial(scope: KeyScope, action: KeyAction, key: string): Trial {
  const store = createAppStore();
  const calls: string[] = [];
  const runbooks = builtinRunbooks();
  const record = (what: string) => () => {
    calls.push(what);
    return Promise.resolve();
  };
  const entries = Array.from({ length: NOTES }, (_, i) => ({ kind: 'note', at: new Date(1_700_000_000_000 + i * 1000).toISOString(), who: 'op', text: `note ${i}` }));
  const journal = { read: () => ({ entries: entries as unknown as JournalEntry[] }), addNote: (text: string) => calls.push(`note:${text}`) } as unknown as Journal;
  const flow = {
    start: record('start'),
    dryRun: record('dry-run'),
    confirm: (v: string) => record(`confirm:${v}`)(),
    submitParams: (v: Record<string, string>) => record(`submit:${JSON.stringify(v)}`)(),
    reconfirm: () => (calls.push('reconfirm'), Promise.resolve(true)),
    cancel: () => void calls.push('cancel'),
  };
  const ctx = { store, journal, runbooks, flow, secret: createSecretInput(), clients: {}, now: Date.now } as unknown as ConsoleContext;
  const { actions } = store.getState();
  if (isActionDialog(scope)) {
    actions.resetFlow(FLOW[scope] as never);
    const { stepId } = store.getState().flow;
    actions.flowDrawn(stepId, 0);
    actions.flowArmed(stepId);
    actions.setFlowScroll(SCROLL);
    actions.setFlowText(TYPED);
    if (scope === 'dialog-secret') ctx.secret.append(TYPED);
    actions.openModal({ id: 'action', kind: 'action', props: {} });
  } else if (scope === 'picker') {
    // A typed filter takes the letters (j, k, g, G): only the erase trial has one.
    const items = runbooks.map((r) => ({ id: r.id, title: r.title, tier: r.tier }));
    actions.openModal({ id: 'picker', kind: 'picker', props: { items, title: 'Runbooks', filter: action === 'erase' ? TYPED : '', cursor: CURSOR } });
  } else if (scope === 'timeline') {
    actions.openModal({ id: 'timeline', kind: 'timeline', props: { offset: SCROLL, room: ROOM } });
  } else if (scope === 'note') {
    actions.openModal({ id: 'note', kind: 'note', props: { text: TYPED } });
  } else if (scope === 'emergency') {
    // Enter on a row that has runbooks in this build (some rows' are not built yet).
    const withRunbooks = emergencyRows(runbooks).findIndex((r) => r.runbooks.length > 0);
    actions.openModal({ id: 'emergency', kind: 'emergency', props: { cursor: action === 'choose' ? withRunbooks : CURSOR } });
  } else if (scope === 'certs') {
    const certificates = Object.fromEntries(['a', 'b', 'c'].map((n, i) => [`ingress/${n}`, certificate(n, 30 + i)]));
    store.setState({ kube: { ...store.getState().kube, certificates } });
    actions.openModal({ id: 'certs', kind: 'certs', props: { cursor: CURSOR } });
  } else if (scope === 'full-text') {
    actions.openModal({ id: 'full-text', kind: 'full-text', props: { title: 'Finding', lines: [], offset: SCROLL, room: ROOM, total: NOTES } });
  } else if (scope === 'help') {
    actions.setCursor('help', CURSOR);
    actions.openModal({ id: 'help', kind: 'help', props: { view: 'status' } });
  }
  return { scope, key, store, console: ctx, calls };
}

/** How many rows a 'move' key moves over in each dialog. */
function rows(t: Trial): number {
  if (t.scope === 'picker') return t.console.runbooks.length;
  if (t.scope === 'emergency') return emergencyRows(t.console.runbooks).length;
  return Object.keys(t.store.getState().kube.certificates).length;
}

/** What each dialog action does, as seen in the store and by the fake flow and journal. */
const EFFECTS: Partial<Record<KeyAction, (t: Trial) => void>> = {
  close: (t) => {
    expect(t.store.getState().ui.modals).toEqual([]);
    if (isActionDialog(t.scope)) expect(t.store.getState().flow.state.step).toBe('idle');
  },
  cancel: (t) => {
    if (isActionDialog(t.scope)) expect(t.calls).toEqual(['cancel']);
    else expect(t.store.getState().ui.modals).toEqual([]);
  },
  'back-to-confirm': (t) => expect(t.calls).toEqual(['reconfirm']),
  yes: (t) => expect(t.calls).toEqual(['confirm:y']),
  no: (t) => expect(t.calls).toEqual(['confirm:']),
  confirm: (t) => expect(t.calls).toEqual([`confirm:${TYPED}`]),
  'dry-run': (t) => expect(t.calls).toEqual(['dry-run']),
  next: (t) => expect(t.calls).toEqual([`submit:${JSON.stringify({ target: TYPED })}`]),
  erase: (t) => {
    if (t.scope === 'picker') expect(props(t).filter).toBe(TYPED.slice(0, -1));
    else if (t.scope === 'note') expect(props(t).text).toBe(TYPED.slice(0, -1));
    else if (t.scope === 'dialog-secret') expect(t.console.secret.take()).toBe(TYPED.slice(0, -1));
    else expect(t.store.getState().flow.text).toBe(TYPED.slice(0, -1));
  },
  move: (t) => expect(props(t).cursor).toBe(moved(t.key, CURSOR, rows(t), 10)),
  'full-text': (t) => {
    // The text in full opens over its dialog (Esc comes back to it).
    expect(top(t)?.kind).toBe('full-text');
    if (t.scope === 'timeline') {
      expect(props(t).lines).toHaveLength(NOTES);
      expect(open(t, 'timeline')).toBe(true);
      return;
    }
    expect(props(t).lines).toContain('done');
    if (t.scope === 'dialog-result') expect(props(t).lines).toContain('  a long output line');
    expect(open(t, 'action')).toBe(true);
  },
  scroll: (t) => {
    if (t.scope === 'full-text') {
      const maxStart = NOTES - ROOM;
      expect(props(t).offset).toBe(moved(t.key, SCROLL, maxStart + 1, ROOM - 1));
    } else if (t.scope === 'timeline') {
      const maxStart = NOTES - ROOM;
      const next = moved(t.key, SCROLL, maxStart + 1, ROOM - 1);
      expect(props(t).offset).toBe(next >= maxStart ? -1 : next);
    } else {
      const by = { up: -1, down: 1, 'page-up': -10, 'page-down': 10 }[way(t.key) as string];
      expect(by, `${t.key} scrolls`).toBeDefined();
      expect(t.store.getState().flow.scroll).toBe(Math.max(0, SCROLL + by!));
    }
  },
  choose: (t) => {
    if (t.scope === 'picker') {
      // The runbook under the cursor starts in the action dialog.
      expect(t.calls).toEqual(['start']);
      expect(top(t)?.kind).toBe('action');
    } else if (t.scope === 'note') {
      expect(t.calls).toEqual([`note:${TYPED}`]);
      expect(t.store.getState().ui.modals).toEqual([]);
    } else {
      // The emergency row's or the certificate's runbooks, in the picker.
      expect(top(t)?.kind).toBe('picker');
      expect((props(t).items as unknown[]).length).toBeGreaterThan(0);
    }
  },
};
// The help overlay's own cursor keys.
for (const move of ['up', 'down', 'page-up', 'page-down', 'top', 'bottom'] as const) {
  EFFECTS[move] = (t) => {
    expect(open(t, 'help')).toBe(true);
    expect(t.store.getState().ui.cursor.help).toBe(moved(t.key, CURSOR, helpLines('status').length, 10));
  };
}

const SCOPES: KeyScope[] = [...DIALOG_SCOPES, 'help'];
const TRIALS = SCOPES.flatMap((scope) =>
  KEYMAP.filter((b) => b.scopes.includes(scope)).flatMap((b) => b.keys.map((key) => ({ scope, action: b.action, key }))),
);

describe("the dialogs' keys", () => {
  it('every dialog scope has keys to try, and every action bound in one has an effect here', () => {
    for (const scope of SCOPES) expect(TRIALS.some((t) => t.scope === scope), scope).toBe(true);
    for (const { scope, action } of TRIALS) expect(EFFECTS[action], `${scope}: ${action}`).toBeDefined();
  });

  it.each(TRIALS)('$scope: $key is $action', ({ scope, action, key }) => {
    const t = trial(scope, action, key);
    dialogKey(top(t)!, key, t.store, t.console);
    EFFECTS[action]!(t);
  });

  it('a yes typed before its question is dropped with a hint naming the key as the key line does', () => {
    const hint = (scope: KeyScope, key: string, armed = false) => {
      const t = trial(scope, 'yes', key);
      if (!armed) t.store.getState().actions.resetFlow(FLOW[scope] as never);
      dialogKey(top(t)!, key, t.store, t.console);
      expect(t.calls.filter((c) => c !== 'cancel'), `${scope}: ${key}`).toEqual([]);
      return t.store.getState().flow.early;
    };
    const ahead = (key: string) => `${key} was typed before the question was shown; press ${key} again`;
    // While planning the question's kind is not known: only a key that says yes in every kind it has one.
    expect([hint('dialog-planning', 'y'), hint('dialog-planning', 'Y'), hint('dialog-planning', 'd'), hint('dialog-planning', 'ctrl-d')]).toEqual([ahead('y'), ahead('y'), ahead('d'), ahead('Ctrl-D')]);
    expect([hint('dialog-planning', 'enter'), hint('dialog-planning', 'n')]).toEqual([undefined, undefined]);
    expect([hint('dialog-yes-no', 'Y'), hint('dialog-yes-no', 'd')]).toEqual([ahead('y'), ahead('d')]);
    expect([hint('dialog-typed', 'enter'), hint('dialog-typed', 'ctrl-d'), hint('dialog-secret', 'enter')]).toEqual([ahead('Enter'), ahead('Ctrl-D'), ahead('Enter')]);
  });

  it('a key bound to nothing is typed text in the picker and the note, and does nothing in the emergency table', () => {
    const picker = trial('picker', 'type', 'x');
    dialogKey(top(picker)!, 'x', picker.store, picker.console);
    expect(props(picker).filter).toBe('x');
    const note = trial('note', 'type', 'x');
    dialogKey(top(note)!, 'x', note.store, note.console);
    expect(props(note).text).toBe(`${TYPED}x`);
    const em = trial('emergency', 'type', 'x');
    dialogKey(top(em)!, 'x', em.store, em.console);
    expect(top(em)).toMatchObject({ kind: 'emergency', props: { cursor: CURSOR } });
  });
});
