// The ladder's vocabulary: verdicts per rung and health findings, ordered root cause first.
import type { State } from '../store/index.js';
import type { RungId } from '../store/ui-slice.js';

/**
 * The store slices the ladder reads (its rules and rungs each declare theirs): the data the sources write,
 * never the UI. A backend's slice joins this list when it exists ('openbao', 'loki', 'alerts', 'postgres', 'sol').
 */
export type LadderSlice = keyof Pick<State, 'kube' | 'sources' | 'openbao' | 'loki' | 'alerts' | 'postgres' | 'sol'>;

/**
 * What the ladder is a function of (with the time): the slices it reads, and the Box's names (state.box, set
 * when the store is made from the config; the defaults when absent). The names are configuration, fixed for
 * a store's life, not a slice a source writes: no change of them re-evaluates the ladder. The OpenBao slice is
 * optional: a state without it (a report made without the OpenBao source) reads as OpenBao not connected; so does one without the Loki slice for Loki.
 */
export type LadderState = Pick<State, 'kube' | 'sources'> & Partial<Pick<State, 'box' | 'openbao' | 'loki' | 'alerts' | 'postgres' | 'sol'>>;

export type Verdict = 'ok' | 'warn' | 'failing' | 'unknown' | 'not-connected';

export interface RungVerdict {
  id: RungId;
  /** 'Status', 'Check', 'Logs', 'Vault', 'Data', 'Alerts', 'Errors' */
  title: string;
  /** The playbook's question: "What's actually running?" */
  question: string;
  /** The playbook's command for this step, e.g. "sunbeam-console status". */
  command: string;
  verdict: Verdict;
  /** A short count for the ladder column, e.g. "38/41 ready", "3 failing", "not connected". */
  summary: string;
}

export interface FindingTarget {
  kind: string;
  namespace: string;
  name: string;
}

export interface Finding {
  /** Stable id, e.g. 'pod-crashloop:messages/messages-7d9f-x2kq9' or 'pg-cluster:data/postgres'. */
  id: string;
  severity: 'failing' | 'warn';
  namespace: string;
  /** The Box component it belongs to, e.g. 'postgres', 'messages', 'openbao', 'pingora-tls'. */
  component: string;
  /** The rule that produced it: 'pod-not-ready', 'crash-loop', 'restarts-climbing', 'image-pull', 'workload-below-desired', 'pvc-pending', 'certificate-not-ready', 'certificate-expiring', 'pg-cluster-unhealthy', 'warning-event', ... */
  rule: string;
  /** One line: "messages/messages: 2 pods crash-looping". */
  title: string;
  /** More context: the reason, message, counts. */
  detail: string;
  target?: FindingTarget;
  /** Ids of the findings this one follows from (its root causes). Empty or absent for a root cause. */
  blockedBy?: string[];
  /** Human text for the dependency: "because the database is down" / "blocked by: OpenBao sealed". */
  because?: string;
}

export interface LadderResult {
  /** The seven rungs in the playbook's order. */
  rungs: RungVerdict[];
  /** Root causes first, then what follows from them, then the rest by severity. */
  findings: Finding[];
  overall: Verdict;
  /** The first root cause, for the top bar. */
  rootCause?: Finding;
}
