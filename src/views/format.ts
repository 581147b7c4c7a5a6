// Text helpers for fixed-width panes: ages like kubectl (../ladder/age.ts), truncation with an ellipsis, padding.
// Every width here is a display width (terminal cells, ./text-width.ts), never a string length.
import { displayWidth, headToWidth, padToWidth } from './text-width.js';

/** kubectl's AGE column (the one age formatter lives in the ladder, which the views build on). */
export { formatAge } from '../ladder/age.js';

/** Cuts `text` to `width` cells, marking the cut with '…' (never inside a grapheme or a wide character). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  if (width === 1) return '…';
  return headToWidth(text, width - 1) + '…';
}

/** Exactly `width` cells: truncated, then padded (left or right aligned). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  return padToWidth(truncate(text, width), width, align);
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
