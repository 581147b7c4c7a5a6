// What a cursor move does to a list's cursor: one function for the panes (hooks/usePaneKeys) and the dialogs
// (src/console/dialog-keys), so that ↑↓ PgUp/PgDn g/G move the same way everywhere.
import type { CursorMove } from '../keymap/index.js';

/** The cursor after `move` over `count` rows, `page` rows a page (at least 1). */
export function cursorAfter(move: CursorMove, cursor: number, count: number, page = 10): number {
  const last = Math.max(0, count - 1);
  const p = Math.max(1, page);
  switch (move) {
    case 'up':
      return Math.max(0, cursor - 1);
    case 'down':
      return Math.min(last, cursor + 1);
    case 'page-up':
      return Math.max(0, cursor - p);
    case 'page-down':
      return Math.min(last, cursor + p);
    case 'top':
      return 0;
    case 'bottom':
      return last;
  }
}
