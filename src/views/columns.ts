// Table columns that use the width they have: which fit (dropped by priority when narrow), and how wide each
// one is. Each column has a minimum (its `width`, and never less than its header with the cell of a sort
// mark); the room left grows the columns whose content is wider than that, by priority, up to their `max`;
// the flexible column takes what is left. Widths are display widths.
import { displayWidth } from './text-width.js';

export interface ColumnSpec {
  id: string;
  header: string;
  /** The minimum width. */
  width: number;
  /** Lower numbers are kept longer; the flexible column (flex) is always kept. */
  priority: number;
  align?: 'left' | 'right';
  /** The one column that takes the remaining width (at least `width`). */
  flex?: boolean;
  /** The most a column grows to for its content (no limit when absent). */
  max?: number;
}

export interface FittedColumn extends ColumnSpec {
  /** The width used on screen. */
  size: number;
}

/** The widest cell of each column (display width), from rows of cells: what the columns would like. */
export function contentWidths(rows: readonly { cells: Record<string, string> }[], ids: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of ids) out[id] = rows.reduce((n, r) => Math.max(n, displayWidth(r.cells[id] ?? '')), 0);
  return out;
}

/** A column's minimum: its width, and its header with one cell for the sort mark ("RESTARTS▾" is never cut). */
const minWidth = (c: ColumnSpec) => Math.max(c.width, displayWidth(c.header) + 1);

/**
 * Drops the lowest-priority columns until the rest fit in `width` (one space between columns), then grows the
 * kept ones towards `wanted` (their content's width, capped by `max`) by priority; the flexible column gets
 * the rest.
 */
export function fitColumns(columns: readonly ColumnSpec[], width: number, wanted: Readonly<Record<string, number>> = {}): FittedColumn[] {
  let kept = [...columns];
  const total = (cols: ColumnSpec[]) => cols.reduce((n, c) => n + minWidth(c), 0) + Math.max(0, cols.length - 1);
  while (total(kept) > width && kept.length > 1) {
    const droppable = kept.filter((c) => !c.flex);
    if (droppable.length === 0) break;
    const worst = droppable.reduce((a, b) => (b.priority > a.priority ? b : a));
    kept = kept.filter((c) => c !== worst);
  }
  let spare = Math.max(0, width - total(kept));
  const size = new Map(kept.map((c) => [c.id, minWidth(c)]));
  for (const c of [...kept].sort((a, b) => a.priority - b.priority)) {
    const want = Math.min(c.max ?? Infinity, wanted[c.id] ?? 0);
    const grow = Math.min(spare, Math.max(0, want - size.get(c.id)!));
    size.set(c.id, size.get(c.id)! + grow);
    spare -= grow;
  }
  return kept.map((c) => ({ ...c, size: size.get(c.id)! + (c.flex ? spare : 0) }));
}

/**
 * Like fitColumns, but the content of the essential columns (priority below `optionalFrom`) is shown in full
 * where it can be: optional columns are dropped, lowest priority first, until the essential ones get their
 * wanted width (`preferred` for the flexible one, `wanted` for the others); if even that does not do it, the
 * plain fit of all of them.
 */
export function fitColumnsPreferring(columns: readonly ColumnSpec[], width: number, preferred: number, optionalFrom = 4, wanted: Readonly<Record<string, number>> = {}): FittedColumn[] {
  const flex = columns.find((c) => c.flex);
  const want = { ...wanted, ...(flex ? { [flex.id]: preferred } : {}) };
  const full = (fitted: FittedColumn[]) =>
    columns.filter((c) => c.priority < optionalFrom).every((c) => {
      const f = fitted.find((x) => x.id === c.id);
      return f !== undefined && f.size >= Math.min(c.max ?? Infinity, want[c.id] ?? 0);
    });
  let cols = [...columns];
  for (;;) {
    const attempt = fitColumns(cols, width, want);
    if (full(attempt)) return attempt;
    const optional = cols.filter((c) => c.priority >= optionalFrom && !c.flex);
    if (optional.length === 0) return fitColumns(columns, width, want);
    const worst = optional.reduce((a, b) => (b.priority > a.priority ? b : a));
    cols = cols.filter((c) => c !== worst);
  }
}
