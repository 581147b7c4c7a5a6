// The sources slice: one health record per source ('kubernetes' now; 'openbao', 'loki', 'alertmanager',
// 'postgres' later), written by each source's health reporter and read by the ladder and the status line.
import type { SourceHealth } from './records.js';
import type { GetState, SetState } from './slice.js';

export interface SourcesSlice {
  /** Health per source: 'kubernetes', 'openbao', 'alertmanager', 'loki', 'postgres'... */
  sources: Record<string, SourceHealth>;
}

export interface SourcesActions {
  setSource(name: string, health: SourceHealth): void;
}

export function sourcesActions(set: SetState<SourcesSlice>, get: GetState<SourcesSlice>): SourcesActions {
  return {
    setSource(name, health) {
      const prev = get().sources[name];
      if (prev && prev.state === health.state && prev.lastError === health.lastError && prev.lastSuccess === health.lastSuccess && prev.detail === health.detail) return;
      set({ sources: { ...get().sources, [name]: health } });
    },
  };
}
