// The keys of the action dialog, for each step of the flow, resolved through the keymap's dialog scopes: each
// key does what its binding's action says (cancel, close, scroll, yes, no, confirm, dry-run, next, erase), so
// the dialog's key line and what the keys do are the same data; a key bound to nothing is typed text. A
// confirming key (y, Enter on a typed name or a secret, a dry run) counts only once its question was drawn and
// armed (draw-guard.ts); typed ahead, it is dropped with a hint that names it as its key line does. A secret
// goes to the secret input, never to the store.
import { cursorMoveOf, dialogBinding, dialogBindings, typesText, type DialogScope } from '../keymap/index.js';
import { flowStateOf, type FlowState } from '../runbooks/flow-state.js';
import { closeActionResult } from './action-dialog.js';
import { confirmingKeyCounts, typedAheadHint } from './draw-guard.js';
import type { ConsoleContext } from './types.js';
import { inBackground } from './background.js';
import { openFullText, resultLines } from './full-text.js';
import { withoutLast } from '../views/text-width.js';

/** The keymap scope of the confirmation's kind (what the keys mean, blocked or not). */
function confirmScope(s: Extract<FlowState, { step: 'confirm' }>): DialogScope {
  const kind = s.action.confirmation.kind;
  return kind === 'yes-no' ? 'dialog-yes-no' : kind === 'typed' ? 'dialog-typed' : kind === 'secret' ? 'dialog-secret' : 'dialog-planning';
}

/** The scopes of the confirmation kinds that ask for a yes. */
const CONFIRM_SCOPES: readonly DialogScope[] = ['dialog-yes-no', 'dialog-typed', 'dialog-secret'];

/**
 * A key pressed while planning, before the question's kind is known, that says yes whatever the question
 * turns out to be (y, d, Ctrl-D; not Enter, which is No in a y/N): its binding's display, for the hint.
 */
function earlyYes(name: string): string | undefined {
  const bound = CONFIRM_SCOPES.flatMap((scope) => dialogBindings(scope)).filter((b) => b.keys.includes(name));
  return bound.length > 0 && bound.every((b) => b.confirming) ? bound[0]!.display : undefined;
}

/** The dialog scope whose key line the action dialog shows now. */
export function actionDialogScope(f: { state: FlowState; returnsAfterDryRun: boolean }): DialogScope {
  const s = f.state;
  switch (s.step) {
    case 'idle':
      return 'dialog-idle';
    case 'planning':
      return 'dialog-planning';
    case 'params':
      return 'dialog-params';
    case 'confirm':
      return s.blocked ? 'dialog-blocked' : confirmScope(s);
    case 'running':
      return 'dialog-running';
    case 'done':
      return s.result.dryRun && f.returnsAfterDryRun ? 'dialog-dry-run-result' : 'dialog-result';
    case 'error':
      return 'dialog-error';
  }
}

/** How many lines a 'scroll' key moves the text, by the way the key goes (a page is 10 lines). */
function scrollBy(name: string): number {
  const move = cursorMoveOf(name);
  return move === 'page-down' ? 10 : move === 'page-up' ? -10 : move === 'down' ? 1 : move === 'up' ? -1 : 0;
}

/** Handles one key (its normalised name) in the action dialog. */
export function actionKey(ctx: ConsoleContext, name: string): void {
  const state = ctx.store.getState();
  const { actions } = state;
  const f = state.flow;
  const s = flowStateOf(state);
  const scope = actionDialogScope({ state: s, returnsAfterDryRun: f.returnsAfterDryRun });
  const binding = dialogBinding(name, s.step === 'confirm' ? confirmScope(s) : scope);
  const action = binding?.action;

  if (action === 'cancel' || action === 'close' || action === 'back-to-confirm') {
    // Back to the confirmation of the same planned action (a params step's values, e.g. the PITR target time, kept).
    if (action === 'back-to-confirm') {
      inBackground(ctx, ctx.flow.reconfirm().then((back) => back || closeActionResult(ctx)));
      return;
    }
    if (s.step === 'done' || s.step === 'error' || s.step === 'idle') closeActionResult(ctx);
    else ctx.flow.cancel();
    return;
  }
  if (s.step === 'done' || s.step === 'error') {
    if (action === 'scroll') actions.setFlowScroll(f.scroll + scrollBy(name));
    if (action === 'full-text') openFullText(ctx.store, s.step === 'done' ? `${s.action.title}: result` : 'Could not run', s.step === 'done' ? resultLines(s.result) : [s.message]);
    return;
  }
  const edit = (secret: boolean) => {
    if (action === 'erase') {
      if (secret) {
        ctx.secret.erase();
        actions.setHiddenTyped(ctx.secret.typed);
      } else actions.setFlowText(withoutLast(f.text));
      return;
    }
    if (action || !typesText(name)) return;
    if (secret) {
      ctx.secret.append(name);
      actions.setHiddenTyped(true);
    } else actions.setFlowText(f.text + name);
  };

  if (s.step === 'params') {
    const spec = s.params.find((p) => !(p.name in s.values));
    if (!spec) return;
    if (action === 'next') {
      const value = spec.secret ? ctx.secret.take() : f.text.trim();
      if (!value) return;
      actions.setHiddenTyped(false);
      if (spec.secret) ctx.secret.keep(spec.name, value);
      const values = { ...s.values, [spec.name]: spec.secret ? '' : value };
      // The next field starts with its suggested text (a silence's 1h), for the user to edit or take.
      actions.setFlowText(s.params.find((p) => !(p.name in values) && !p.secret)?.initial ?? '');
      if (s.params.some((p) => !(p.name in values))) actions.setFlowState({ ...s, values });
      else inBackground(ctx, ctx.flow.submitParams({ ...values, ...ctx.secret.takeKept() }));
      return;
    }
    edit(Boolean(spec.secret));
    return;
  }
  if (s.step === 'planning') {
    // A yes typed before there is even a question: dropped, and the question will say so.
    const yes = earlyYes(name);
    if (yes) actions.flowEarly(typedAheadHint(yes));
    return;
  }
  if (s.step !== 'confirm') return;
  if (action === 'scroll') {
    actions.setFlowScroll(f.scroll + scrollBy(name));
    return;
  }
  const kind = s.action.confirmation.kind;
  /** Runs `go` only when the question has been seen; else drops the key with a hint naming it (its display). */
  const confirming = (go: () => void) => {
    if (s.blocked) return;
    if (!confirmingKeyCounts(ctx.store.getState())) {
      actions.flowEarly(typedAheadHint(binding!.display));
      return;
    }
    go();
  };
  if (action === 'dry-run') return confirming(() => inBackground(ctx, ctx.flow.dryRun()));
  if (kind === 'yes-no') {
    if (action === 'yes') return confirming(() => inBackground(ctx, ctx.flow.confirm('y')));
    if (action === 'no') inBackground(ctx, ctx.flow.confirm(''));
    return;
  }
  if (action === 'confirm') {
    return confirming(() => {
      if (kind === 'secret') {
        const v = ctx.secret.take();
        actions.setHiddenTyped(false);
        if (v) inBackground(ctx, ctx.flow.confirm(v));
        return;
      }
      inBackground(ctx, ctx.flow.confirm(f.text));
    });
  }
  edit(kind === 'secret');
}
