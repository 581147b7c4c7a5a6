// Display widths, not string lengths: what a terminal cell count is for a piece of text (a CJK character or an
// emoji takes two cells, a combining mark none), measured the way Ink measures it (string-width), and cuts
// that never split a grapheme (a surrogate pair, an emoji with its modifiers, a wide character).
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The cells `text` takes on a terminal. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** The graphemes of `text` (what a user sees as one character each). */
export function graphemesOf(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** `text` without its last grapheme (what Backspace erases: a whole emoji or wide character, never half of one). */
export function withoutLast(text: string): string {
  const gs = graphemesOf(text);
  return gs.slice(0, -1).join('');
}

/** The longest head of `text` that takes at most `width` cells (whole graphemes only). */
export function headToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const g of graphemesOf(text)) {
    const w = displayWidth(g);
    if (used + w > width) break;
    out += g;
    used += w;
  }
  return out;
}

/** The longest tail of `text` that takes at most `width` cells (whole graphemes only). */
export function tailToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  const gs = graphemesOf(text);
  let out = '';
  let used = 0;
  for (let i = gs.length - 1; i >= 0; i--) {
    const w = displayWidth(gs[i]!);
    if (used + w > width) break;
    out = gs[i]! + out;
    used += w;
  }
  return out;
}

/** `text` padded with spaces to `width` cells (left or right aligned); never cut. */
export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? pad + text : text + pad;
}

/**
 * A one-line text input as it fits in `width` cells: the prompt, the text and the cursor block at its end. When
 * the text is too long, its start gives way ('…' then the tail), so the cursor and the end of what was typed
 * always show.
 */
export function inputLine(prompt: string, text: string, width: number, cursor = '█'): string {
  const whole = `${prompt}${text}${cursor}`;
  if (displayWidth(whole) <= width) return whole;
  const room = width - displayWidth(prompt) - displayWidth(cursor) - 1;
  if (room <= 0) return tailToWidth(whole, width);
  return `${prompt}…${tailToWidth(text, room)}${cursor}`;
}

/**
 * Breaks `text` into lines of at most `width` cells, at spaces where it can and hard (at a grapheme) where a
 * word is longer than a line; each '\n' starts a new line. `indent` starts every continuation line.
 */
export function wrapToWidth(text: string, width: number, indent = ''): string[] {
  const w = Math.max(1, width);
  const cont = displayWidth(indent) * 2 < w ? indent : '';
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let start = true;
    const flush = () => {
      out.push(line.trimEnd());
      line = cont;
      start = false;
    };
    for (let tok of para.split(/(\s+)/)) {
      if (!tok) continue;
      if (/^\s+$/.test(tok)) {
        if (start && !line) line = tok;
        else if (displayWidth(line + tok) <= w) line += tok;
        else flush();
        continue;
      }
      if (displayWidth(line + tok) <= w) {
        line += tok;
        continue;
      }
      if (line.trim()) flush();
      while (displayWidth(line + tok) > w) {
        const head = headToWidth(tok, w - displayWidth(line)) || graphemesOf(tok)[0]!;
        line += head;
        tok = tok.slice(head.length);
        flush();
      }
      line += tok;
    }
    out.push(line.trimEnd());
  }
  return out;
}
