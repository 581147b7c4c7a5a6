// Fixed-width table columns: which fit in a given width (dropped by priority), and how wide each one is.

export interface ColumnSpec {
  id: string;
  header: string;
  width: number;
  /** Lower numbers are kept longer; the flexible column (flex) is always kept. */
  priority: number;
  align?: 'left' | 'right';
  /** The one column that takes the remaining width (at least `width`). */
  flex?: boolean;
}

export interface FittedColumn extends ColumnSpec {
  /** The width used on screen. */
  size: number;
}

/** Drops the lowest-priority columns until the rest fit in `width` (one space between columns). */
export function fitColumns(columns: readonly ColumnSpec[], width: number): FittedColumn[] {
  let kept = [...columns];
  const total = (cols: ColumnSpec[]) => cols.reduce((n, c) => n + c.width, 0) + Math.max(0, cols.length - 1);
  while (total(kept) > width && kept.length > 1) {
    const droppable = kept.filter((c) => !c.flex);
    if (droppable.length === 0) break;
    const worst = droppable.reduce((a, b) => (b.priority > a.priority ? b : a));
    kept = kept.filter((c) => c !== worst);
  }
  const spare = Math.max(0, width - total(kept));
  return kept.map((c) => ({ ...c, size: c.flex ? c.width + spare : c.width }));
}

/**
 * Like fitColumns, but first tries to give the flexible column `preferred` columns (e.g. the longest name) by
 * dropping only optional columns (priority >= `optionalFrom`); falls back to the plain fit.
 */
export function fitColumnsPreferring(columns: readonly ColumnSpec[], width: number, preferred: number, optionalFrom = 4): FittedColumn[] {
  const wanted = columns.map((c) => (c.flex ? { ...c, width: Math.max(c.width, preferred) } : c));
  const attempt = fitColumns(wanted, width);
  const essential = columns.filter((c) => c.priority < optionalFrom).every((c) => attempt.some((a) => a.id === c.id));
  return essential ? attempt : fitColumns(columns, width);
}
