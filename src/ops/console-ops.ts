// The console's side of issue 4, without React: the action flow the modals render, the runbooks and the
// picker, notes, the timeline, the COE export and the ladder's rung changes in the journal. One per store
// (see ops-registry); the keys, the command line and the modals all reach it through opsOf(state).
import { planCertRenew } from '../actions/primitives/certificate.js';
import { planRestart } from '../actions/primitives/restart.js';
import { permitted, readOnlyRefusal } from '../actions/tiers.js';
import type { Action, ActionTarget, Tier } from '../actions/types.js';
import { exportCoe } from '../journal/coe.js';
import type { Journal } from '../journal/journal.js';
import { toTimeline, type TimelineRow } from '../journal/timeline.js';
import type { KubeClients } from '../kube/client.js';
import type { LadderResult } from '../ladder/types.js';
import { createActionFlow, type ActionFlow, type FlowDeps, type FlowState } from '../runbooks/flow.js';
import { runbooksFor } from '../runbooks/picker.js';
import type { Runbook } from '../runbooks/schema.js';
import type { AppStore } from '../store/index.js';

export interface PickerItem {
  id: string;
  title: string;
  tier: Tier;
}

export interface ConsoleOpsOptions {
  store: AppStore;
  journal: Journal;
  runbooks: Runbook[];
  /** Where :coe writes (the playbook's docs/ops/ relative to the working directory by default). */
  coeDir: string;
  user?: string;
  now?: () => number;
  /** Replaces the flow (screen tests); the console uses createActionFlow. */
  createFlow?: (deps: FlowDeps, onChange: (s: FlowState) => void) => ActionFlow;
  /** Replaces the planners that need the cluster (screen tests). */
  planners?: Partial<Planners>;
}

export interface Planners {
  restart(clients: KubeClients, ref: string): Promise<Action>;
  renew(clients: KubeClients, ref: string, method: 'delete' | 'issuing' | 'auto'): Promise<Action>;
}

const MODAL_ID = 'action';

export class ConsoleOps {
  readonly store: AppStore;
  readonly journal: Journal;
  readonly runbooks: Runbook[];
  readonly coeDir: string;
  /** The row the user has selected in the focused pane (kept up to date by the screen). */
  selection?: ActionTarget;
  /** What R restarts: the selection, or the workload that owns the selected pod. */
  restartTarget?: ActionTarget;
  private clients?: KubeClients;
  private readonly flow: ActionFlow;
  private readonly planners: Planners;
  private state: FlowState = { step: 'idle' };
  private listeners = new Set<() => void>();
  private version = 0;
  /** The hidden input of a secret prompt: never in the store, never in a state, dropped after use. */
  private hidden = '';
  /** Secret params typed so far, until the params step submits them (kept out of the state too). */
  private secretParams: Record<string, string> = {};
  private lastLadder?: LadderResult;
  /** The current run's params step asked for a secret (a dry run uses it up, so the dialog then closes). */
  private hadSecretParams = false;
  /** How far the dialog's middle part (preflight, kubectl, the manifest) is scrolled (PgUp/PgDn). */
  scroll = 0;
  private readonly user?: string;

  constructor(opts: ConsoleOpsOptions) {
    this.store = opts.store;
    this.journal = opts.journal;
    this.runbooks = opts.runbooks;
    this.coeDir = opts.coeDir;
    this.user = opts.user;
    this.planners = { restart: planRestart, renew: planCertRenew, ...opts.planners };
    const self = this;
    const deps: FlowDeps = {
      get clients() {
        return self.clients as KubeClients;
      },
      journal: opts.journal,
      readOnly: opts.store.getState().ui.readOnly,
      user: opts.user,
      state: () => opts.store.getState(),
      now: opts.now,
      keepOutput: 200,
    };
    this.flow = (opts.createFlow ?? createActionFlow)(deps, (s) => this.onFlow(s));
  }

  get readOnly(): boolean {
    return this.store.getState().ui.readOnly;
  }

  setClients(clients: KubeClients): void {
    this.clients = clients;
  }

  // --- subscription for the modals (useSyncExternalStore) ---
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getVersion = (): number => this.version;
  get flowState(): FlowState {
    return this.state;
  }
  /** Whether Esc after a dry run goes back to the confirmation (not after a secret param: it closes). */
  get returnsAfterDryRun(): boolean {
    return !this.hadSecretParams;
  }
  get hiddenLength(): number {
    return this.hidden.length;
  }

  private bump(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private setState(s: FlowState): void {
    this.state = s;
    this.bump();
  }

  private onFlow(s: FlowState): void {
    // Read actions need no confirmation: run them as soon as they are planned.
    if (s.step === 'confirm' && s.action.confirmation.kind === 'none' && !s.blocked) {
      this.setState(s);
      void this.flow.confirm('');
      return;
    }
    if (s.step === 'idle' && this.state.step !== 'idle') {
      this.hidden = '';
      this.state = s;
      this.closeActionModal();
      this.store.getState().actions.flash('Cancelled: nothing was changed.');
      this.bump();
      return;
    }
    if (s.step !== 'confirm') this.hidden = '';
    if (s.step === 'params' && s.params.some((p) => p.secret)) this.hadSecretParams = true;
    // A result opens at its end (the newest output lines); everything else at the top.
    if (s.step !== this.state.step) this.scroll = s.step === 'done' ? Number.MAX_SAFE_INTEGER : 0;
    this.setState(s);
  }

  private openActionModal(title: string): void {
    this.hidden = '';
    this.secretParams = {};
    this.hadSecretParams = false;
    this.state = { step: 'planning', title };
    this.store.getState().actions.openModal({ id: MODAL_ID, kind: 'action', props: { input: '' } });
    this.bump();
  }

  private closeResult(): void {
    this.state = { step: 'idle' };
    this.closeActionModal();
    this.bump();
  }

  private closeActionModal(): void {
    this.store.getState().actions.closeModal(MODAL_ID);
  }

  private needClients(): KubeClients | undefined {
    if (this.clients) return this.clients;
    this.store.getState().actions.flash('Not connected to the cluster yet; try again in a moment.', 'warn');
    return undefined;
  }

  /** Whether an action of this verb and tier may start; flashes the read-only sentence when not. */
  gate(verb: string, tier: Tier): boolean {
    const refusal = readOnlyRefusal({ verb, tier }, this.readOnly);
    if (refusal) this.store.getState().actions.flash(refusal, 'error');
    return !refusal;
  }

  // --- starting actions ---
  startRunbook(id: string, selection?: ActionTarget): string | undefined {
    const rb = this.runbooks.find((r) => r.id === id);
    if (!rb) return `No runbook "${id}"; r lists the runbooks for this rung.`;
    if (!this.gate(rb.verb ?? rb.steps[0]!.action, rb.tier)) return undefined;
    if (!this.needClients()) return undefined;
    this.openActionModal(rb.title);
    void this.flow.start(rb, selection);
    return undefined;
  }

  /** Plans with the cluster (restart, renew...) and then asks; planning errors show in the modal. */
  startPlanned(title: string, plan: (clients: KubeClients) => Promise<Action> | Action): void {
    const clients = this.needClients();
    if (!clients) return;
    this.openActionModal(title);
    Promise.resolve()
      .then(() => plan(clients))
      .then(
        (action) => this.flow.startAction(action),
        (err: unknown) => this.setState({ step: 'error', message: ((err as Error)?.message ?? String(err)).split('\n')[0]! }),
      );
  }

  restart(ref: string): void {
    if (!this.gate('restart', 'change')) return;
    this.startPlanned(`Restart ${ref}`, (c) => this.planners.restart(c, ref));
  }

  renew(ref: string, method: 'delete' | 'issuing' | 'auto'): void {
    if (!this.gate(method === 'delete' ? 'delete' : 'renew', method === 'delete' ? 'destructive' : 'change')) return;
    this.startPlanned(`Renew ${ref}`, (c) => this.planners.renew(c, ref, method));
  }

  /** The runbooks that fit now (the read-only gate applied). */
  pickerItems(selection = this.selection): PickerItem[] {
    const state = this.store.getState();
    const items = runbooksFor({ rung: state.ui.rung, selection }, this.readOnly, this.runbooks).map((e) => ({ id: e.id, title: e.title, tier: e.tier }));
    if (selection?.kind !== 'Certificate') return items;
    // Renewal: the cmctl way (the Issuing condition) first, unless ingress-shim manages the certificate.
    const cert = Object.values(state.kube.certificates).find((c) => c.namespace === selection.namespace && c.name === selection.name);
    const prefer = cert?.ownerIngress ? 'cert-renew-delete' : 'cert-renew-issuing';
    return items.sort((a, b) => Number(b.id === prefer) - Number(a.id === prefer));
  }

  openPicker(items: PickerItem[], title: string, selection = this.selection): void {
    const { actions } = this.store.getState();
    if (items.length === 0) {
      actions.flash(`No runbook fits ${selection ? `${selection.namespace}/${selection.name}` : 'this rung'}${this.readOnly ? ' in read-only mode' : ''}.`, 'warn');
      return;
    }
    actions.openModal({ id: 'picker', kind: 'picker', props: { items, title, filter: '', cursor: 0, selection } });
  }

  /** Runbooks linked to an emergency-table row, gated. */
  itemsFor(ids: string[]): PickerItem[] {
    return this.runbooks
      .filter((r) => ids.includes(r.id) && permitted({ verb: r.verb ?? r.steps[0]!.action, tier: r.tier }, this.readOnly))
      .map((r) => ({ id: r.id, title: r.title, tier: r.tier }));
  }

  // --- keys inside the action modal ---
  /** Handles one key in the action modal. `input` is the modal's visible text (never a secret). */
  actionKey(name: string, text: string, setText: (t: string) => void): void {
    const s = this.state;
    if (name === 'esc' || ((s.step === 'done' || s.step === 'error') && (name === 'enter' || name === 'q'))) {
      // Back to the confirmation of the same planned action (a params step's values, e.g. the PITR target time, kept).
      if (s.step === 'done' && s.result.dryRun && this.returnsAfterDryRun) {
        void this.flow.reconfirm().then((back) => back || this.closeResult());
        return;
      }
      if (s.step === 'done' || s.step === 'error') this.closeResult();
      else this.flow.cancel();
      return;
    }
    if (s.step === 'done' || s.step === 'error') {
      this.scrollKey(name);
      return;
    }
    if (s.step === 'params') {
      const spec = s.params.find((p) => !(p.name in s.values));
      if (!spec) return;
      if (name === 'enter') {
        const value = spec.secret ? this.hidden : text.trim();
        if (!value) return;
        this.hidden = '';
        setText('');
        if (spec.secret) this.secretParams[spec.name] = value;
        const values = { ...s.values, [spec.name]: spec.secret ? '' : value };
        const left = s.params.filter((p) => !(p.name in values));
        if (left.length) this.setState({ ...s, values });
        else {
          const all = { ...values, ...this.secretParams };
          this.secretParams = {};
          void this.flow.submitParams(all);
        }
        return;
      }
      this.edit(name, text, setText, Boolean(spec.secret));
      return;
    }
    if (s.step !== 'confirm') return;
    if (this.scrollKey(name)) return;
    const kind = s.action.confirmation.kind;
    if (kind === 'yes-no') {
      if (name === 'd') return void this.flow.dryRun();
      if (name === 'y' || name === 'Y') return void this.flow.confirm('y');
      if (name === 'enter' || name === 'n' || name === 'N') return void this.flow.confirm('');
      return;
    }
    if (name === 'ctrl-d') return void this.flow.dryRun();
    if (name === 'enter') {
      if (s.blocked) return;
      if (kind === 'secret') {
        const v = this.hidden;
        this.hidden = '';
        if (v) void this.flow.confirm(v);
        return;
      }
      void this.flow.confirm(text);
      return;
    }
    this.edit(name, text, setText, kind === 'secret');
  }

  private scrollKey(name: string): boolean {
    if (name !== 'pagedown' && name !== 'pageup' && name !== 'down' && name !== 'up') return false;
    const step = name === 'pagedown' ? 10 : name === 'pageup' ? -10 : name === 'down' ? 1 : -1;
    this.scroll = Math.max(0, this.scroll + step);
    this.bump();
    return true;
  }

  private edit(name: string, text: string, setText: (t: string) => void, secret: boolean): void {
    if (name === 'backspace' || name === 'delete') {
      if (secret) this.hidden = this.hidden.slice(0, -1);
      else setText(text.slice(0, -1));
      this.bump();
      return;
    }
    if (name.length !== 1 || /[\u0000-\u001f\u007f]/.test(name)) return;
    if (secret) {
      this.hidden += name;
      this.bump();
    } else setText(text + name);
  }

  // --- journal ---
  addNote(text: string): string {
    const t = text.trim();
    if (!t) return 'An empty note was not added.';
    this.journal.addNote(t);
    this.bump();
    return 'Note added to the journal (t shows the timeline).';
  }

  timeline(): TimelineRow[] {
    return toTimeline(this.journal.read().entries);
  }

  /** Writes the COE draft; returns the path, or throws with one sentence. */
  exportCoe(): string {
    const entries = this.journal.read().entries;
    if (entries.length === 0) throw new Error('The journal is empty, so there is nothing to write up yet.');
    return exportCoe({ journalEntries: entries, outDir: this.coeDir, author: this.user ?? this.journal.user }).path;
  }

  /** Journals a change of the ladder's verdicts (rungs going red or green); unchanged verdicts cost nothing. */
  recordLadder(result: LadderResult): void {
    const key = (r: LadderResult | undefined) => JSON.stringify(r?.rungs.map((x) => [x.id, x.verdict]));
    if (this.lastLadder && key(this.lastLadder) === key(result)) return;
    try {
      const written = this.journal.recordRungChange(this.lastLadder, result);
      if (written.length) this.bump();
    } catch (err) {
      this.store.getState().actions.flash(`The journal could not be written: ${(err as Error).message.split('\n')[0]}`, 'error');
    }
    this.lastLadder = result;
  }
}
