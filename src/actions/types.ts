// Actions: every change to the world is one of these, with data the UI renders (title, target, tier,
// confirmation, the equivalent commands of its API calls: kubectl, cmctl, bao, amtool, psql) and behaviour the
// executor drives (preflight, run, verify). Only the executor runs them; the writers reach a step through
// `StepContext.writers`.
import type { SourceClients } from '../sources/source.js';
import type { State } from '../store/index.js';
import type { SecretBuffers } from './secret-buffers.js';
import type { Writers } from './writers/index.js';

/** Risk tiers, in increasing order. */
export type Tier = 'read' | 'change' | 'destructive' | 'secret';

export type Confirmation =
  | { kind: 'none' }
  | { kind: 'yes-no'; default: 'no' }
  | { kind: 'typed'; expect: string }
  | { kind: 'secret'; prompt: string };

export interface ActionTarget {
  /** Deployment, StatefulSet, DaemonSet, Cluster (CNPG), Certificate, Pod, Backup, Namespace... */
  kind: string;
  namespace: string;
  name: string;
}

/** A planned call's equivalent command, exactly as a user would type it (the tool's name included). */
export interface Equivalent {
  /** The command-line tool (open: a new backend brings its own). */
  tool: 'kubectl' | 'cmctl' | 'bao' | 'amtool' | 'psql' | (string & {});
  /** "kubectl -n matrix rollout restart deployment/sol", "bao operator unseal", "amtool silence add ..." */
  command: string;
}

/** One API call the action will make, shown to the user as its equivalent command. */
export interface PlannedCall {
  equivalent: Equivalent;
  /** HTTP method and path, for the curious and for the journal. */
  method: 'GET' | 'PATCH' | 'PUT' | 'POST' | 'DELETE' | 'EXEC';
  path: string;
}

export interface ParamSpec {
  name: string;
  prompt: string;
  /** Never echoed, never journaled (masked), dropped after use. */
  secret?: boolean;
  /** e.g. an RFC 3339 time for PITR. */
  example?: string;
  /** The text the field starts with, for the user to edit or take (a silence's matchers, its 1h); not for a secret. */
  initial?: string;
}

export type PreflightLevel = 'ok' | 'warn' | 'blocking' | 'info';

export interface PreflightLine {
  label: string;
  value: string;
  level: PreflightLevel;
}

export type Progress =
  | { kind: 'phase'; text: string }
  | { kind: 'output'; stream: 'stdout' | 'stderr'; line: string }
  | { kind: 'waiting'; text: string; elapsedMs: number };

export interface StepContext {
  /** Read clients, one per backend (reads only: a write goes through `writers`). */
  clients: SourceClients;
  params: Record<string, string>;
  dryRun: boolean;
  /** Present only while the executor runs the step: the one way to change the world, one writer per backend. */
  writers: Writers;
  onProgress: (p: Progress) => void;
  signal?: AbortSignal;
  /** Injected clock (tests); ms epoch. */
  now: () => number;
  /** Overrides every step's verification timeout (a slow cluster; the CLI's --timeout). */
  timeoutMs?: number;
  /** The console's store, when there is one: read actions then reuse the ladder (checkNamespace). */
  state?: () => State;
  /** Secret params given as Buffers (an unseal share): the step that uses one takes it and wipes it. */
  secrets?: SecretBuffers;
}

export interface StepRun {
  ok: boolean;
  message: string;
  /** Free-form facts the verification needs (old notAfter, old pod uids, the Backup's name...). */
  facts?: Record<string, unknown>;
  /** Lines for the user (a read action's findings, an exec's output). */
  lines?: string[];
  /** The lines were already streamed through onProgress (an exec's output): a terminal need not print them again. */
  streamed?: boolean;
}

export interface VerifyResult {
  ok: boolean;
  /** Success: what is now true; failure: exactly what is still wrong. */
  message: string;
}

export interface ActionStep {
  title: string;
  tier: Tier;
  calls: PlannedCall[];
  /** false for exec: there is no server-side dry run of a command in a pod. */
  dryRunnable: boolean;
  preflight?: (ctx: PreflightContext) => Promise<PreflightLine[]>;
  /** Throws an Error whose message is the one sentence to show (a backend's boundary makes it: see kube-errors.ts). */
  run: (ctx: StepContext) => Promise<StepRun>;
  verify?: (ctx: StepContext, ran: StepRun) => Promise<VerifyResult>;
}

export interface PreflightContext {
  clients: SourceClients;
  params: Record<string, string>;
  now: () => number;
}

export interface Action {
  /** The primitive or runbook id: 'restart', 'cert-renew-issuing', 'backup-barman'... */
  id: string;
  /** The word the read-only message uses: "restart", "delete", "backup"... */
  verb: string;
  title: string;
  target: ActionTarget;
  tier: Tier;
  confirmation: Confirmation;
  params: ParamSpec[];
  steps: ActionStep[];
  /** A longer text for the modal (e.g. the PITR manifest as YAML). */
  detail?: string;
}

export type Outcome = 'succeeded' | 'failed' | 'refused' | 'dry-run' | 'cancelled';

export interface StepResult {
  title: string;
  outcome: Outcome;
  message: string;
  lines?: string[];
  streamed?: boolean;
}

export interface ActionResult {
  outcome: Outcome;
  /** One sentence: what happened, or what is still wrong. */
  message: string;
  steps: StepResult[];
  durationMs: number;
  dryRun: boolean;
  /** The journal run id (absent when refused before journaling). */
  runId?: string;
}
