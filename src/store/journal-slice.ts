// The journal slice: a counter the console bumps after it writes the incident journal (a note, an action's
// end, a rung change), so that the timeline dialog re-reads the journal. The journal itself is a file.
import type { GetState, SetState } from './slice.js';

export interface JournalSlice {
  journal: { version: number };
}

export interface JournalActions {
  journalWritten(): void;
}

export function journalActions(set: SetState<JournalSlice>, get: GetState<JournalSlice>): JournalActions {
  return {
    journalWritten() {
      set({ journal: { version: get().journal.version + 1 } });
    },
  };
}
