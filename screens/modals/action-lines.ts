// What the action dialog shows for each state of the flow, as lines (pure, so the layout is testable). Its
// key line comes from the keymap's dialog scopes; a confirming key shows only once the question is armed.
import type { Outcome, PreflightLine } from '../../src/actions/types.js';
import { actionDialogScope } from '../../src/console/action-keys.js';
import { dialogKeyLine } from '../../src/keymap/index.js';
import type { FlowState } from '../../src/runbooks/flow-state.js';
import type { FrameLine } from './ModalFrame.js';

const MARK: Record<PreflightLine['level'], { mark: string; tone: FrameLine['tone'] }> = {
  ok: { mark: '✓', tone: 'ok' },
  warn: { mark: '!', tone: 'warn' },
  blocking: { mark: '✗', tone: 'failing' },
  info: { mark: '·', tone: 'muted' },
};

const OUTCOME: Record<Outcome, string> = { succeeded: 'Succeeded', failed: 'Failed', refused: 'Refused', cancelled: 'Cancelled', 'dry-run': 'Dry run' };

/** A cancelled run is neither a success nor a failure: a neutral mark in the muted tone. */
function mark(o: Outcome): string {
  return o === 'succeeded' || o === 'dry-run' ? '✓' : o === 'cancelled' ? '·' : '✗';
}

function outcomeTone(o: Outcome): FrameLine['tone'] {
  return o === 'succeeded' || o === 'dry-run' ? 'ok' : o === 'cancelled' ? 'muted' : 'failing';
}

/** The fixed mask of a hidden input: the same whatever was typed, so not even the length shows. */
export const HIDDEN_MASK = '[hidden]';

export interface ActionView {
  title: string;
  head: FrameLine[];
  middle: FrameLine[];
  tail: FrameLine[];
  footer: string;
  spinner?: string;
  border: FrameLine['tone'];
}

function targetText(t: { kind: string; namespace: string; name: string }): string {
  return `${t.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}`;
}

/** The draw guard's side of the dialog: whether the question is armed, and the hint for a key typed ahead. */
export interface GuardView {
  armed?: boolean;
  early?: string;
  /** Whether the dialog's text is longer than it has room for (its key line offers the scroll keys only then). */
  scrollable?: boolean;
}

export function actionView(s: FlowState, input: string, hiddenTyped: boolean, lastOutput: string[], returnsAfterDryRun = true, guard: GuardView = {}): ActionView {
  const keys = (dryRun = true) => dialogKeyLine(actionDialogScope({ state: s, returnsAfterDryRun }), { armed: guard.armed ?? true, dryRun, scroll: guard.scrollable ?? true });
  switch (s.step) {
    case 'idle':
      return { title: 'Runbook', head: [], middle: [], tail: [], footer: keys(), border: 'focus' };
    case 'planning':
      return { title: s.title, head: [], middle: [], tail: [], footer: keys(), spinner: 'Planning: reading the current state…', border: 'focus' };
    case 'params': {
      const spec = s.params.find((p) => !(p.name in s.values));
      const done = s.params.filter((p) => p.name in s.values).map((p) => ({ text: `${p.prompt}: ${p.secret ? HIDDEN_MASK : s.values[p.name]}`, tone: 'muted' as const }));
      const tail: FrameLine[] = spec
        ? [
            { text: `${spec.prompt}${spec.example ? ` (e.g. ${spec.example})` : ''}:`, bold: true },
            { text: `> ${spec.secret ? (hiddenTyped ? HIDDEN_MASK : '') : input}█` },
          ]
        : [];
      return { title: s.title, head: done, middle: [], tail, footer: keys(), border: 'focus' };
    }
    case 'confirm': {
      const a = s.action;
      const head: FrameLine[] = [
        { text: `Target: ${targetText(a.target)}` },
        { text: `Tier:   ${a.tier}`, tone: a.tier === 'read' ? 'ok' : a.tier === 'change' ? 'warn' : 'failing', bold: a.tier !== 'read' },
      ];
      const middle: FrameLine[] = [];
      if (s.preflight.length) middle.push({ text: 'Preflight', bold: true });
      for (const l of s.preflight) middle.push({ text: `${MARK[l.level].mark} ${l.label}: ${l.value}`, tone: MARK[l.level].tone });
      const equivalents = a.steps.flatMap((st) => st.calls.map((c) => c.equivalent));
      if (equivalents.length) middle.push({ text: `Equivalent ${[...new Set(equivalents.map((e) => e.tool))].join(', ')}`, bold: true });
      for (const e of equivalents) middle.push({ text: `$ ${e.command}`, tone: 'muted' });
      if (a.detail) {
        middle.push({ text: 'Detail', bold: true });
        for (const l of a.detail.split('\n')) middle.push({ text: `  ${l}`, tone: 'muted' });
      }
      const tail: FrameLine[] = [];
      const kind = a.confirmation.kind;
      if (s.blocked) tail.push({ text: `Blocked: ${s.blocked}`, tone: 'failing', bold: true });
      else {
        tail.push({ text: s.prompt || 'Running…', bold: true, tone: kind === 'typed' ? 'failing' : undefined });
        if (kind === 'typed') tail.push({ text: `> ${input}█` });
        if (kind === 'secret') tail.push({ text: `> ${hiddenTyped ? HIDDEN_MASK : ''}█` });
        if (s.hint) tail.push({ text: s.hint, tone: 'warn' });
        if (guard.early) tail.push({ text: guard.early, tone: 'warn' });
      }
      const footer = keys(a.steps.every((st) => st.dryRunnable));
      return { title: `${a.title}`, head, middle, tail, footer, border: a.tier === 'read' ? 'focus' : a.tier === 'change' ? 'warn' : 'failing' };
    }
    case 'running': {
      const head: FrameLine[] = [{ text: `Target: ${targetText(s.action.target)}${s.dryRun ? '  (server-side dry run)' : ''}` }];
      const tail: FrameLine[] = s.waiting ? [{ text: s.waiting, tone: 'warn' }] : [];
      return {
        title: s.action.title,
        head,
        middle: s.output.map((l) => ({ text: l, tone: 'muted' as const })),
        tail,
        footer: keys(),
        spinner: s.phase,
        border: 'accent',
      };
    }
    case 'done': {
      const r = s.result;
      const head: FrameLine[] = [
        { text: r.outcome === 'dry-run' ? `✓ ${r.message}` : `${mark(r.outcome)} ${OUTCOME[r.outcome]}: ${r.message}`, tone: outcomeTone(r.outcome), bold: true },
        { text: `Target: ${targetText(s.action.target)}  ·  ${(r.durationMs / 1000).toFixed(1)} s` },
      ];
      const middle: FrameLine[] = [];
      for (const st of r.steps) {
        if (r.steps.length === 1 && st.message === r.message && !st.lines?.length) continue;
        middle.push({ text: `${mark(st.outcome)} ${st.title}: ${st.message}`, tone: outcomeTone(st.outcome) });
        for (const l of st.streamed ? [] : (st.lines ?? [])) middle.push({ text: `  ${l}`, tone: 'muted', cut: true });
      }
      for (const l of lastOutput) middle.push({ text: `  ${l}`, tone: 'muted', cut: true });
      return { title: s.action.title, head, middle, tail: [], footer: keys(), border: outcomeTone(r.outcome) };
    }
    case 'error':
      return { title: 'Could not run', head: [{ text: s.message, tone: 'failing', bold: true }], middle: [], tail: [], footer: keys(), border: 'failing' };
  }
}
