// The rungs as the panes and the ladder column present them: the one rung table (src/ladder/rung-table.ts),
// plus `view`, the old name of its `pane` field, kept while other parts still call rungInfo(rung).view.
import { RUNG_TABLE, type RungEntry } from '../ladder/rung-table.js';
import type { RungId } from '../store/index.js';

export interface RungInfo extends RungEntry {
  /** The view kind of the rung's own pane (the same as `pane`; see keymap VIEW_SCOPES). */
  view: RungEntry['pane'];
}

const RUNGS: readonly RungInfo[] = RUNG_TABLE.map((r) => ({ ...r, view: r.pane }));

export function rungInfo(id: RungId): RungInfo {
  return RUNGS[id - 1]!;
}
