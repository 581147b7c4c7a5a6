// The Kubernetes source's health, from the state of each informer: pure, so that the sentences can be tested.
import type { SourceHealth } from '../../store/index.js';

export type InformerState = 'connecting' | 'ok' | 'failing' | 'forbidden' | 'missing';

export interface InformerStatus {
  id: string;
  label: string;
  state: InformerState;
  /** One sentence for the last error (describeKubeError), when failing or forbidden. */
  error?: string;
  /** True when the last error was a network failure (no HTTP answer at all). */
  network?: boolean;
}

function list(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

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

  if (ok.length === 0 && failing.length > 0 && failing.every((s) => s.network)) {
    h.state = 'unreachable';
    h.lastError = failing[0]!.error;
  } else if (forbidden.length > 0 && failing.length === 0) {
    h.state = 'forbidden';
    const names = list(forbidden.map((s) => s.label));
    h.lastError =
      ok.length + missing.length > 0
        ? `Not allowed to list ${names} (403); the other collections stay live.`
        : `Not allowed to list ${names} (403); check the kubeconfig user's RBAC.`;
  } else if (failing.length > 0) {
    h.state = ok.length + missing.length > 0 ? 'degraded' : 'unreachable';
    h.lastError = failing.length === statuses.length || failing.length === 1 ? failing[0]!.error : `${failing[0]!.error} (${failing.length} collections failing: ${list(failing.map((s) => s.label))})`;
    if (forbidden.length) details.push(`forbidden: ${list(forbidden.map((s) => s.label))}`);
  } else if (connecting.length > 0) {
    h.state = 'connecting';
  }
  if (details.length) h.detail = `${details.join('; ')}.`;
  return h;
}
