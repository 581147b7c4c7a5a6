// Rung 3's health, derived from its follow view for the ladder: the ladder reads the sources' health, not the
// log lines (a busy follow changes the logs slice ten times a second, and the ladder must not re-evaluate at
// that rate), so this subscriber writes sources.logs only when the view's own state changes: what it follows,
// whether its streams stream, and why not.
import type { AppStore } from '../store/index.js';
import type { SourceHealth } from '../store/records.js';
import { FOLLOW_VIEW } from './log-keys.js';

/** The health of a follow view, or undefined without one. */
export function followHealth(store: AppStore): SourceHealth | undefined {
  const v = store.getState().logs.views[FOLLOW_VIEW];
  if (!v) return undefined;
  const s = v.source;
  if (s.status === 'resolving') return { state: 'connecting', detail: v.title };
  if (s.status === 'error') return { state: 'degraded', detail: v.title, lastError: s.error ?? 'cannot follow' };
  const reconnecting = s.streams.some((x) => x.state === 'reconnecting');
  return { state: reconnecting ? 'degraded' : 'ok', detail: v.title, ...(reconnecting ? { lastError: 'reconnecting' } : {}) };
}

export function trackFollowHealth(store: AppStore): () => void {
  let last: unknown;
  return store.subscribe((state) => {
    const v = state.logs.views[FOLLOW_VIEW];
    const key = v ? v.source : undefined;
    if (key === last) return;
    last = key;
    const h = followHealth(store);
    if (h) state.actions.setSource('logs', h);
  });
}
