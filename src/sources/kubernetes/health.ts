// The Kubernetes source's health, from the state of each informer: pure, so that the sentences can be tested.
import type { SourceHealth, SourceState } from '../../store/index.js';
import type { FailureKind } from './errors.js';

export type InformerState = 'connecting' | 'ok' | 'failing' | 'forbidden' | 'missing';

export interface InformerStatus {
  id: string;
  label: string;
  state: InformerState;
  /** One sentence for the last error (describeKubeError), when failing or forbidden. */
  error?: string;
  /** What kind of failure the last error was (failureKind), when failing. */
  kind?: FailureKind;
}

function list(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The kinds of failure in the order one names the source's state by, when nothing is live. */
const KIND_ORDER: readonly FailureKind[] = ['unauthorized', 'forbidden', 'timeout', 'unreachable', 'error'];
/** The source's state when nothing is live, by the worst kind of failure (an HTTP 500 everywhere: no live data either). */
const DOWN_STATE: Record<FailureKind, SourceState> = { unauthorized: 'unauthorized', forbidden: 'forbidden', timeout: 'timeout', unreachable: 'unreachable', error: 'unreachable' };

/** Overall state, lastError and detail; lastSuccess is the caller's. */
export function sourceHealth(statuses: InformerStatus[], lastSuccess?: number): SourceHealth {
  const ok = statuses.filter((s) => s.state === 'ok');
  const failing = statuses.filter((s) => s.state === 'failing');
  const forbidden = statuses.filter((s) => s.state === 'forbidden');
  const missing = statuses.filter((s) => s.state === 'missing');
  const connecting = statuses.filter((s) => s.state === 'connecting');
  const h: SourceHealth = { state: 'ok' };
  if (lastSuccess !== undefined) h.lastSuccess = lastSuccess;
  const details: string[] = [];
  if (missing.length) details.push(`not installed on this cluster (left empty): ${list(missing.map((s) => s.label))}`);

  if (ok.length === 0 && failing.length > 0) {
    // Nothing live: say what it is (credentials refused, timing out, unreachable), the worst kind first.
    const worst = KIND_ORDER.find((k) => failing.some((s) => s.kind === k)) ?? 'error';
    const first = failing.find((s) => s.kind === worst) ?? failing[0]!;
    h.state = DOWN_STATE[worst];
    h.lastError = first.error;
    if (forbidden.length) details.push(`forbidden: ${list(forbidden.map((s) => s.label))}`);
  } else if (forbidden.length > 0 && failing.length === 0) {
    h.state = 'forbidden';
    const names = list(forbidden.map((s) => s.label));
    h.lastError =
      ok.length + missing.length > 0
        ? `Not allowed to list ${names} (403); the other collections stay live.`
        : `Not allowed to list ${names} (403); check the kubeconfig user's RBAC.`;
  } else if (failing.length > 0) {
    h.state = 'degraded';
    h.lastError = failing.length === statuses.length || failing.length === 1 ? failing[0]!.error : `${failing[0]!.error} (${failing.length} collections failing: ${list(failing.map((s) => s.label))})`;
    if (forbidden.length) details.push(`forbidden: ${list(forbidden.map((s) => s.label))}`);
  } else if (connecting.length > 0) {
    h.state = 'connecting';
  }
  if (details.length) h.detail = `${details.join('; ')}.`;
  return h;
}
