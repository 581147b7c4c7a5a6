// What a source's state means for the ladder and in words: whether its data is live, and the few words every
// place that shows the state says (the top bar, the rung summaries, the panes' empty states, `status` and
// `check`): "API refused our credentials", "API forbidden", "API unreachable", "API timing out".
import type { SourceState } from '../store/records.js';
import { ageMs, humanDuration } from './age.js';
import type { LadderState } from './types.js';

const WORDS: Readonly<Record<SourceState, string>> = {
  ok: 'ok',
  connecting: 'connecting',
  degraded: 'degraded',
  unreachable: 'unreachable',
  unauthorized: 'refused our credentials',
  forbidden: 'forbidden',
  timeout: 'timing out',
  'not-connected': 'not connected',
};

/** The words for a source's state: "refused our credentials", "timing out"... */
export function sourceStateWords(state: SourceState): string {
  return WORDS[state];
}

/** Nothing the source reads is live: no answer, credentials refused, or it does not answer in time. */
export function sourceDown(state: SourceState | undefined): boolean {
  return state === 'unreachable' || state === 'unauthorized' || state === 'timeout';
}

/**
 * When the Kubernetes data cannot be trusted as live: why, in a few words, with the age of the last data
 * ("API refused our credentials (data 3m old)"); undefined when live.
 */
export function kubeUnavailable(state: LadderState, now: number): string | undefined {
  const src = state.sources.kubernetes;
  if (!state.kube.synced.pods) return src && (sourceDown(src.state) || src.state === 'forbidden') ? `API ${sourceStateWords(src.state)}` : 'connecting';
  if (src && sourceDown(src.state)) return `API ${sourceStateWords(src.state)} (data ${humanDuration(ageMs(src.lastSuccess ? new Date(src.lastSuccess).toISOString() : undefined, now))} old)`;
  return undefined;
}
