// The Sol slice: the Matrix side's own checks. Whether Sol's brain answers: the Matrix source
// (src/sources/mistral/) streams a one-token chat completion now and then (nothing from the incident is ever
// sent) and records how it went: the time to the first token, or the error (401, 429 with its retry-after, a
// stream that stalls). And whether the alert bot's credentials Secret exists (its metadata only, never its
// value), the last hop of "Alerts -> Matrix". The emergency row "Sol unresponsive: restart, check Mistral API
// connectivity", the Alerts -> Matrix check and `check matrix` read it.
import type { GetState, SetState } from './slice.js';

export type SolFailure = 'unauthorized' | 'forbidden' | 'rate-limited' | 'stalled' | 'timeout' | 'unreachable' | 'server-error' | 'bad-stream';

export interface SolCheck {
  /** ms epoch the check began. */
  at: number;
  ok: boolean;
  model?: string;
  /** Time to the first token (ms). */
  ttftMs?: number;
  /** Time to the end of the stream ([DONE]) (ms). */
  totalMs?: number;
  /** The HTTP status, when there was one. */
  status?: number;
  /** Retry-After of a 429 (seconds). */
  retryAfterS?: number;
  failure?: SolFailure;
  /** One sentence (no key, no prompt). */
  error?: string;
}

export interface SolSlice {
  sol: {
    /** The Mistral API's base URL (no key). */
    base?: string;
    last?: SolCheck;
    /** The last checks, oldest first (about ten). */
    history: SolCheck[];
    /** The bot's Secret (box names: monitoring/matrix-bot-secret): present, missing, or why it cannot be told. */
    botSecret?: { state: 'present' | 'missing' | 'forbidden' | 'unreachable'; checkedAt: number };
  };
}

export const emptySol = (): SolSlice['sol'] => ({ history: [] });

export interface SolActions {
  setSol(patch: Partial<SolSlice['sol']>): void;
}

export function solActions(set: SetState<SolSlice>, get: GetState<SolSlice>): SolActions {
  return {
    setSol(patch) {
      set({ sol: { ...get().sol, ...patch } });
    },
  };
}
