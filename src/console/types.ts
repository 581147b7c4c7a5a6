// What the console's keys, commands and dialogs need beside the store, built once by the composition root
// (src/console/wire.ts, or a test) and passed down at wiring time (the key context, the command context, the
// dialogs): the journal, the runbooks, where :coe writes, the planners that read the cluster, the action flow
// (its state is the store's flow slice) and the secret input (a closure, never the store).
import type { Action } from '../actions/types.js';
import type { WritersFor } from '../actions/writers/index.js';
import type { Journal } from '../journal/journal.js';
import type { LadderResult } from '../ladder/types.js';
import type { LogsService } from '../logs/service.js';
import type { ActionFlow } from '../runbooks/flow.js';
import type { Runbook } from '../runbooks/schema.js';
import type { SourceClients } from '../sources/source.js';
import type { AppStore, State } from '../store/index.js';
import type { SecretInput } from './secret-input.js';

/** The planners that read the cluster before an action is shown (screen tests replace them). */
export interface Planners {
  restart(clients: SourceClients, ref: string, signal?: AbortSignal): Promise<Action>;
  renew(clients: SourceClients, ref: string, method: 'delete' | 'issuing' | 'auto', signal?: AbortSignal): Promise<Action>;
}

export type EvaluateLadder = (state: State, now: number) => LadderResult;

export interface ConsoleContext {
  readonly store: AppStore;
  readonly journal: Journal;
  readonly runbooks: Runbook[];
  /** Where :coe writes (the playbook's docs/ops/ relative to the working directory by default). */
  readonly coeDir: string;
  readonly user?: string;
  readonly now: () => number;
  readonly planners: Planners;
  /** The ladder, for what r and R are about on the Check rung (the finding under the cursor). */
  readonly evaluate: EvaluateLadder;
  readonly flow: ActionFlow;
  readonly secret: SecretInput;
  /** The session's read clients, one per backend; set once it has connected (see setClients). */
  clients?: SourceClients;
  /** The session's writers, set with the clients. */
  writers?: WritersFor;
  /** The config's logs section: lines kept per view, the tail window's lines. */
  readonly logSettings?: { buffer: number; tail: number };
  /** Log following (rung 3), set with the clients: the Kubernetes follower over the session's kube client. */
  logs?: LogsService;
}

