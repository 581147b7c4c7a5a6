// A query's text as the console may show it: every string literal becomes '?' (a query can hold a password:
// ALTER ROLE x PASSWORD '...'), numbers stay, comments go, whitespace is collapsed, and it is cut to 200
// characters. A literal the server already cut off (track_activity_query_size) is masked to the end. Literals
// are read as PostgreSQL reads them: '...' with '' inside (standard_conforming_strings), E'...' with backslash
// escapes, $tag$...$tag$; quoted identifiers ("...") are kept as they are.

export const QUERY_SHOWN = 200;

const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$/y;

/** The end (exclusive) of the quoted run starting at `start` (a quote), or the text's length if it never ends. */
function endOfQuoted(text: string, start: number, quote: string, backslash: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (backslash && c === '\\') i += 2;
    else if (c === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

/** Literals masked, comments dropped, whitespace collapsed; not cut. */
export function maskLiterals(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      out += ' ';
    } else if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < text.length && depth > 0) {
        if (text[i] === '/' && text[i + 1] === '*') (depth++, (i += 2));
        else if (text[i] === '*' && text[i + 1] === '/') (depth--, (i += 2));
        else i++;
      }
      out += ' ';
    } else if (c === '"') {
      const end = endOfQuoted(text, i, '"', false);
      out += text.slice(i, end);
      i = end;
    } else if (c === "'") {
      // A prefix glued to the quote (E, B, X, U&, N) belongs to the literal: E'...' takes backslash escapes.
      const prefix = /(?:[eE]|[uU]&|[bBxXnN])$/.exec(out)?.[0] ?? '';
      const glued = prefix !== '' && !/[A-Za-z0-9_$]/.test(out[out.length - prefix.length - 1] ?? '');
      if (glued) out = out.slice(0, out.length - prefix.length);
      i = endOfQuoted(text, i, "'", glued && /^[eE]$/.test(prefix));
      out += "'?'";
    } else if (c === '$' && !/[A-Za-z0-9_$]/.test(out[out.length - 1] ?? '')) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(text);
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? text.length : close + tag[0].length;
        out += "'?'";
      } else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** What a session's query shows: masked and cut to QUERY_SHOWN characters ("…" when cut). */
export function maskQuery(text: string | null | undefined, max = QUERY_SHOWN): string {
  const masked = maskLiterals(text ?? '');
  return masked.length > max ? `${masked.slice(0, max - 1)}…` : masked;
}
