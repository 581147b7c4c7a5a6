// Builds the console context (see types.ts) once, at wiring time: the action flow keeps its state in the
// store's flow slice, and each new flow state goes through onFlowChange.
import { planCertRenew } from '../actions/primitives/certificate.js';
import { planRestart } from '../actions/primitives/restart.js';
import type { WritersFor } from '../actions/writers/index.js';
import type { Journal } from '../journal/journal.js';
import { createActionFlow, type ActionFlow } from '../runbooks/flow.js';
import { flowStateOf } from '../runbooks/flow-state.js';
import type { Runbook } from '../runbooks/schema.js';
import type { SourceClients } from '../sources/source.js';
import type { AppStore, FlowStep } from '../store/index.js';
import { onFlowChange } from './action-dialog.js';
import { createSecretInput } from './secret-input.js';
import type { ConsoleContext, EvaluateLadder, Planners } from './types.js';

export interface ConsoleContextOptions {
  store: AppStore;
  journal: Journal;
  runbooks: Runbook[];
  coeDir: string;
  evaluate: EvaluateLadder;
  user?: string;
  now?: () => number;
  planners?: Partial<Planners>;
  logSettings?: { buffer: number; tail: number };
}

export function createConsoleContext(opts: ConsoleContextOptions): ConsoleContext {
  const { store } = opts;
  const ctx: { -readonly [K in keyof ConsoleContext]: ConsoleContext[K] } = {
    store,
    journal: opts.journal,
    runbooks: opts.runbooks,
    coeDir: opts.coeDir,
    user: opts.user,
    now: opts.now ?? Date.now,
    planners: { restart: (c, ref) => planRestart(c.kube, ref), renew: (c, ref, method) => planCertRenew(c.kube, ref, method), ...opts.planners },
    evaluate: opts.evaluate,
    ...(opts.logSettings ? { logSettings: opts.logSettings } : {}),
    secret: createSecretInput(),
    flow: undefined as unknown as ActionFlow,
  };
  let prev: FlowStep['step'] = 'idle';
  ctx.flow = createActionFlow(
    {
      get clients() {
        return ctx.clients as SourceClients;
      },
      get writers() {
        return ctx.writers as WritersFor;
      },
      journal: opts.journal,
      readOnly: store.getState().ui.readOnly,
      readOnlyCause: store.getState().ui.readOnlyCause,
      user: opts.user,
      state: () => store.getState(),
      now: opts.now,
      keepOutput: 200,
      hold: {
        get: () => flowStateOf(store.getState()),
        set: (s) => {
          prev = store.getState().flow.state.step;
          store.getState().actions.setFlowState(s);
        },
      },
    },
    (s) => onFlowChange(ctx, s, prev),
  );
  return ctx;
}

/** The session's clients and writers, once it has connected: actions can start from then on. */
export function setClients(ctx: ConsoleContext, clients: SourceClients, writers: WritersFor): void {
  ctx.clients = clients;
  ctx.writers = writers;
}
