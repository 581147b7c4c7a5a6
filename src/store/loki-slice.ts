// The Loki slice: what rung 7 and the ladder know of the error lines across the Box, summarised per service
// by the Loki source once per batch (the lines themselves are in the logs slice's 'errors' view). Kept apart
// from the logs slice on purpose: the ladder reads this one, and a busy rung 3 follow must not make the
// ladder re-evaluate ten times a second. The Loki source is its only writer.
import type { GetState, SetState } from './slice.js';

/** One service's error lines in the window. */
export interface ErrorService {
  namespace: string;
  /** The `app` label (the service). */
  app: string;
  /** Error lines in the window. */
  count: number;
  /** Counts per bucket, oldest first, covering the window (the pane's sparkline). */
  buckets: number[];
  /** ms epoch of its newest error line. */
  lastAt: number;
}

export interface LokiSlice {
  loki: {
    /** The LogQL query of the errors view (default `{level="error"}`). */
    query: string;
    /** The window the summary covers (default 15 minutes) and its bucket size. */
    windowMs: number;
    bucketMs: number;
    /** Services with error lines in the window, most first. */
    services: ErrorService[];
    /** ms epoch of the summary (absent until the first query answered). */
    checkedAt?: number;
  };
}

export const emptyLoki = (): LokiSlice['loki'] => ({ query: '{level="error"}', windowMs: 15 * 60_000, bucketMs: 60_000, services: [] });

export interface LokiActions {
  setLokiErrors(patch: Partial<LokiSlice['loki']>): void;
}

export function lokiActions(set: SetState<LokiSlice>, get: GetState<LokiSlice>): LokiActions {
  return {
    setLokiErrors(patch) {
      set({ loki: { ...get().loki, ...patch } });
    },
  };
}
