// The keys of the action dialog, for each step of the flow, resolved through the keymap's dialog scopes (so
// the dialog's key line and what the keys do are the same data). A confirming key (y, Enter on a typed name
// or a secret, a dry run) counts only once its question was drawn and armed (draw-guard.ts); typed ahead,
// it is dropped with a hint. A secret goes to the secret input, never to the store.
import { resolveDialogKey, type DialogScope } from '../keymap/index.js';
import { flowStateOf, type FlowState } from '../runbooks/flow-state.js';
import { closeActionResult } from './action-dialog.js';
import { confirmingKeyCounts, typedAheadHint } from './draw-guard.js';
import type { ConsoleContext } from './types.js';
import { inBackground } from './background.js';

/** The keymap scope of the confirmation's kind (what the keys mean, blocked or not). */
function confirmScope(s: Extract<FlowState, { step: 'confirm' }>): DialogScope {
  const kind = s.action.confirmation.kind;
  return kind === 'yes-no' ? 'dialog-yes-no' : kind === 'typed' ? 'dialog-typed' : kind === 'secret' ? 'dialog-secret' : 'dialog-planning';
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

const printable = (name: string) => name.length === 1 && !/[\u0000-\u001f\u007f]/.test(name);

function scrollBy(name: string): number {
  return name === 'pagedown' ? 10 : name === 'pageup' ? -10 : name === 'down' ? 1 : name === 'up' ? -1 : 0;
}

/** Handles one key (its normalised name) in the action dialog. */
export function actionKey(ctx: ConsoleContext, name: string): void {
  const state = ctx.store.getState();
  const { actions } = state;
  const f = state.flow;
  const s = flowStateOf(state);
  const scope = actionDialogScope({ state: s, returnsAfterDryRun: f.returnsAfterDryRun });
  const action = resolveDialogKey(name, s.step === 'confirm' ? confirmScope(s) : scope);

  if (name === 'esc' || action === 'close' || action === 'back-to-confirm') {
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
    return;
  }
  const edit = (secret: boolean) => {
    if (name === 'backspace' || name === 'delete') {
      if (secret) {
        ctx.secret.erase();
        actions.setHiddenTyped(ctx.secret.typed);
      } else actions.setFlowText(f.text.slice(0, -1));
      return;
    }
    if (!printable(name)) return;
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
      actions.setFlowText('');
      actions.setHiddenTyped(false);
      if (spec.secret) ctx.secret.keep(spec.name, value);
      const values = { ...s.values, [spec.name]: spec.secret ? '' : value };
      if (s.params.some((p) => !(p.name in values))) actions.setFlowState({ ...s, values });
      else inBackground(ctx, ctx.flow.submitParams({ ...values, ...ctx.secret.takeKept() }));
      return;
    }
    edit(Boolean(spec.secret));
    return;
  }
  if (s.step === 'planning') {
    // A yes typed before there is even a question: dropped, and the question will say so.
    if (name === 'y' || name === 'Y' || name === 'd' || name === 'ctrl-d') actions.flowEarly(typedAheadHint(name === 'ctrl-d' ? 'Ctrl-D' : name.toLowerCase()));
    return;
  }
  if (s.step !== 'confirm') return;
  if (action === 'scroll') {
    actions.setFlowScroll(f.scroll + scrollBy(name));
    return;
  }
  const kind = s.action.confirmation.kind;
  /** Runs `go` only when the question has been seen; else drops the key with a hint. */
  const confirming = (key: string, go: () => void) => {
    if (s.blocked) return;
    if (!confirmingKeyCounts(ctx.store.getState())) {
      actions.flowEarly(typedAheadHint(key));
      return;
    }
    go();
  };
  if (action === 'dry-run') return confirming(kind === 'yes-no' ? 'd' : 'Ctrl-D', () => inBackground(ctx, ctx.flow.dryRun()));
  if (kind === 'yes-no') {
    if (action === 'yes') return confirming('y', () => inBackground(ctx, ctx.flow.confirm('y')));
    if (action === 'no') inBackground(ctx, ctx.flow.confirm(''));
    return;
  }
  if (action === 'confirm') {
    return confirming('Enter', () => {
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
