// Text helpers for fixed-width panes: ages like kubectl, truncation with an ellipsis, padding.

/** kubectl-style short age: 45s, 12m, 5h, 3d, 2y. */
export function formatAge(iso: string | undefined, now: number): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 730) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

/** Cuts `text` to `width` columns, marking the cut with '…'. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width === 1) return '…';
  return text.slice(0, width - 1) + '…';
}

/** Exactly `width` columns: truncated, then padded (left or right aligned). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const t = truncate(text, width);
  return align === 'right' ? t.padStart(width) : t.padEnd(width);
}

/** HH:MM in local time (the clock ticks once a minute so that an idle screen writes nothing). */
export function formatClock(now: number): string {
  const d = new Date(now);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** A filter string compiled to a case-insensitive RegExp, or the sentence saying why it is not one. */
export function compileFilter(filter: string): { re?: RegExp; error?: string } {
  if (!filter) return {};
  try {
    return { re: new RegExp(filter, 'i') };
  } catch (err) {
    const why = (err as Error).message.replace(/^Invalid regular expression: /, '');
    return { error: `Invalid filter regex: ${why}; Esc clears it` };
  }
}
