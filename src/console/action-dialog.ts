// Starting actions and keeping the action dialog in step with the flow: a runbook from the picker or a
// command, a planned primitive (restart, renew, the ACME check), the read-only gate, and what each new flow
// state means for the dialog (a read action runs at once, a cancel closes it with one sentence). Plain
// functions over the console context; the flow's state is the store's flow slice.
import { planAcmeCheck } from '../actions/primitives/reads.js';
import { plannedReplicas, unsealAction, unsealResetAction } from '../actions/primitives/unseal.js';
import { readOnlyRefusal } from '../actions/tiers.js';
import type { Action, ActionTarget, ParamSpec, Tier } from '../actions/types.js';
import type { FlowState } from '../runbooks/flow-state.js';
import type { SourceClients } from '../sources/source.js';
import type { ConsoleContext } from './types.js';
import { inBackground } from './background.js';

export const ACTION_DIALOG_ID = 'action';

/** What a new flow state means for the dialog; `prev` is the step before it. */
export function onFlowChange(ctx: ConsoleContext, s: FlowState, prev: FlowState['step']): void {
  const { actions } = ctx.store.getState();
  // Read actions need no confirmation: run them as soon as they are planned.
  if (s.step === 'confirm' && s.action.confirmation.kind === 'none' && !s.blocked) {
    inBackground(ctx, ctx.flow.confirm(''));
    return;
  }
  if (s.step === 'idle') {
    ctx.secret.wipe();
    actions.setHiddenTyped(false);
    if (prev !== 'idle') {
      actions.closeModal(ACTION_DIALOG_ID);
      actions.flash('Cancelled: nothing was changed.');
    }
    return;
  }
  if (s.step !== 'confirm') {
    ctx.secret.take();
    actions.setHiddenTyped(false);
  }
  if (s.step === 'params' && s.params.some((p) => p.secret)) actions.setReturnsAfterDryRun(false);
  // A params step starts with its first field's suggested text (a silence's matchers), for the user to edit.
  if (s.step === 'params' && prev !== 'params') {
    const first = s.params.find((p) => !(p.name in s.values));
    actions.setFlowText(first && !first.secret ? (first.initial ?? '') : '');
  }
  if (s.step === 'done') {
    actions.journalWritten();
    // The guided unseal: while OpenBao is still sealed, the dialog asks for the next share at once.
    const progress = unsealStillSealed(s);
    if (progress) unseal(ctx, progress);
  }
}

function openActionDialog(ctx: ConsoleContext, title: string): void {
  const { actions } = ctx.store.getState();
  ctx.secret.wipe();
  actions.resetFlow({ step: 'planning', title });
  actions.openModal({ id: ACTION_DIALOG_ID, kind: 'action', props: {} });
}

/** Closes a result (or an error) without a word: nothing is left to cancel. */
export function closeActionResult(ctx: ConsoleContext): void {
  const { actions } = ctx.store.getState();
  ctx.secret.wipe();
  actions.resetFlow({ step: 'idle' });
  actions.closeModal(ACTION_DIALOG_ID);
}

function needClients(ctx: ConsoleContext): SourceClients | undefined {
  if (ctx.clients) return ctx.clients;
  ctx.store.getState().actions.flash('Not connected to the cluster yet; try again in a moment.', 'warn');
  return undefined;
}

/** Whether an action of this verb and tier may start; flashes the read-only sentence when not. */
export function gate(ctx: ConsoleContext, verb: string, tier: Tier): boolean {
  const refusal = readOnlyRefusal({ verb, tier }, ctx.store.getState().ui.readOnly, ctx.store.getState().ui.readOnlyCause);
  if (refusal) ctx.store.getState().actions.flash(refusal, 'error');
  return !refusal;
}

/** Starts a runbook; returns one sentence when there is no such runbook. */
export function startRunbook(ctx: ConsoleContext, id: string, selection?: ActionTarget): string | undefined {
  const rb = ctx.runbooks.find((r) => r.id === id);
  if (!rb) return `No runbook "${id}"; r lists the runbooks for this rung.`;
  if (!gate(ctx, rb.verb ?? rb.steps[0]!.action, rb.tier)) return undefined;
  if (!needClients(ctx)) return undefined;
  openActionDialog(ctx, rb.title);
  inBackground(ctx, ctx.flow.start(rb, selection));
  return undefined;
}

/** Plans with the cluster (restart, renew...) and then asks; planning errors show in the dialog; Esc aborts it. */
export function startPlanned(ctx: ConsoleContext, title: string, plan: (clients: SourceClients, signal: AbortSignal) => Promise<Action> | Action): void {
  const clients = needClients(ctx);
  if (!clients) return;
  openActionDialog(ctx, title);
  inBackground(ctx, ctx.flow.plan(title, (signal) => plan(clients, signal)));
}

/** Asks the params first (a primitive's: a silence's matchers, duration and comment), then plans with them and asks. */
export function startAsking(ctx: ConsoleContext, title: string, params: ParamSpec[], plan: (values: Record<string, string>, clients: SourceClients) => Promise<Action> | Action): void {
  const clients = needClients(ctx);
  if (!clients) return;
  openActionDialog(ctx, title);
  inBackground(ctx, ctx.flow.ask(title, params, (values) => plan(values, clients)));
}

export function restart(ctx: ConsoleContext, ref: string): void {
  if (!gate(ctx, 'restart', 'change')) return;
  startPlanned(ctx, `Restart ${ref}`, (c, signal) => ctx.planners.restart(c, ref, signal));
}

export function renew(ctx: ConsoleContext, ref: string, method: 'delete' | 'issuing' | 'auto'): void {
  if (!gate(ctx, method === 'delete' ? 'delete' : 'renew', method === 'delete' ? 'destructive' : 'change')) return;
  startPlanned(ctx, `Renew ${ref}`, (c, signal) => ctx.planners.renew(c, ref, method, signal));
}

export function acmeCheck(ctx: ConsoleContext, ref: string): void {
  startPlanned(ctx, `ACME check ${ref}`, () => planAcmeCheck(ref));
}

/**
 * `u` on the Vault rung, `:unseal`: one key share, typed hidden as the confirmation, to every sealed replica,
 * the leader first. The dialog comes back for the next share while OpenBao stays sealed (see onFlowChange),
 * with the progress so far in its title.
 */
export function unseal(ctx: ConsoleContext, progress?: string): void {
  if (!gate(ctx, 'unseal', 'secret')) return;
  const replicas = Object.values(ctx.store.getState().openbao.replicas).filter((r) => r.reachable);
  if (!progress && replicas.length > 0 && replicas.every((r) => r.sealed === false)) {
    ctx.store.getState().actions.flash('OpenBao is not sealed: there is nothing to unseal.');
    return;
  }
  startPlanned(ctx, progress ? `Unseal OpenBao (${progress})` : 'Unseal OpenBao', async (c) => {
    const replicas = await plannedReplicas(c);
    const first = replicas.find((r) => r.status?.sealed)?.status;
    // The share this is, from the progress OpenBao reports now (shares someone else entered count too).
    const title = first?.t ? `Unseal OpenBao: key share ${(first.progress ?? 0) + 1} of ${first.t}` : 'Unseal OpenBao (one key share)';
    return { ...unsealAction(replicas.map((r) => r.name)), title };
  });
}

/** `U` on the Vault rung: reset the unseal in progress on every sealed replica (y/N). */
export function unsealReset(ctx: ConsoleContext): void {
  if (!gate(ctx, 'reset the unseal', 'change')) return;
  startPlanned(ctx, 'Reset the unseal', async (c) => unsealResetAction((await plannedReplicas(c)).map((r) => r.name)));
}

/** After a share was taken: the progress while OpenBao is still sealed ("1 of 3 entered, 2 more to go"), else undefined. */
export function unsealStillSealed(s: FlowState): string | undefined {
  if (s.step !== 'done' || s.action.id !== 'vault-unseal' || s.result.outcome !== 'succeeded' || s.result.dryRun) return undefined;
  const m = /(\d+)\/(\d+) shares \((\d+) more to go\)/.exec(s.result.message);
  return m ? `${m[1]} of ${m[2]} entered, ${m[3]} more to go` : undefined;
}
