// AlertManager's label matchers, as amtool takes them (prometheus/alertmanager pkg/labels/parse.go): `name=value`,
// `name!=value`, `name=~regex`, `name!~regex`, a value in double quotes with Go escapes (\" \\ \n), several in
// braces separated by commas (`{severity="critical",namespace=~"data|matrix"}`), and a bare first word meaning
// `alertname=WORD` (amtool's `amtool silence add Watchdog`). A regex matches the whole value (anchored, as
// AlertManager does). Pure: the one-shots, the console's silence dialog and the simulator all use it.
import type { SilenceMatcher } from '../store/alerts-slice.js';

export class MatcherError extends Error {}

const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const OP = /^(=~|!~|!=|=)/;

function unquote(raw: string, whole: string): string {
  if (!raw.startsWith('"')) return raw;
  if (raw.length < 2 || !raw.endsWith('"')) throw new MatcherError(`"${whole}": its quoted value is not closed.`);
  try {
    return JSON.parse(raw) as string;
  } catch {
    throw new MatcherError(`"${whole}": its quoted value has a bad escape.`);
  }
}

/** Splits `a="x,y",b=~"z"` on the commas outside quotes. */
function splitList(inner: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '\\' && quoted) {
      cur += ch + (inner[++i] ?? '');
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** One `name op value` matcher; throws MatcherError with one sentence. */
export function parseMatcher(text: string): SilenceMatcher {
  const s = text.trim();
  const m = /^([^=!~\s]+)\s*(=~|!~|!=|=)\s*(.*)$/.exec(s);
  if (!m) throw new MatcherError(`"${s}" is not a matcher; write name=value, name!=value, name=~regex or name!~regex.`);
  const [, name, op, rawValue] = m as unknown as [string, string, string, string];
  if (!NAME.test(name)) throw new MatcherError(`"${s}": "${name}" is not a label name (letters, digits and underscores, not starting with a digit).`);
  const value = unquote(rawValue.trim(), s);
  const isRegex = op.includes('~');
  if (isRegex) {
    try {
      new RegExp(`^(?:${value})$`);
    } catch {
      throw new MatcherError(`"${s}": "${value}" is not a valid regular expression.`);
    }
  }
  return { name, value, isRegex, isEqual: !op.startsWith('!') };
}

/** amtool's arguments: matchers, a `{...}` list, and a bare first word as the alertname. */
export function parseMatchers(args: readonly string[]): SilenceMatcher[] {
  const out: SilenceMatcher[] = [];
  args.forEach((arg, i) => {
    const a = arg.trim();
    if (!a) return;
    if (a.startsWith('{')) {
      if (!a.endsWith('}')) throw new MatcherError(`"${a}": the list of matchers is not closed with }.`);
      for (const part of splitList(a.slice(1, -1))) out.push(parseMatcher(part));
      return;
    }
    if (i === 0 && !OP.test(a.replace(/^[^=!~]*/, ''))) {
      if (!NAME.test(a) && !/^[^\s"{}]+$/.test(a)) throw new MatcherError(`"${a}" is not an alert name or a matcher.`);
      out.push({ name: 'alertname', value: a, isRegex: false, isEqual: true });
      return;
    }
    out.push(parseMatcher(a));
  });
  return out;
}

/** amtool's way of writing a matcher back: `severity="critical"`, `namespace=~"data|matrix"`. */
export function formatMatcher(m: SilenceMatcher): string {
  const op = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return `${m.name}${op}${JSON.stringify(m.value)}`;
}

const compiled = new Map<string, RegExp>();

function regex(value: string): RegExp {
  let r = compiled.get(value);
  if (!r) {
    r = new RegExp(`^(?:${value})$`);
    if (compiled.size > 500) compiled.clear();
    compiled.set(value, r);
  }
  return r;
}

/** Whether one matcher matches a label set (a missing label is the empty string, as in AlertManager). */
export function matcherMatches(m: SilenceMatcher, labels: Readonly<Record<string, string>>): boolean {
  const v = labels[m.name] ?? '';
  const hit = m.isRegex ? regex(m.value).test(v) : v === m.value;
  return m.isEqual ? hit : !hit;
}

/** Whether every matcher matches (a silence's or a filter's). */
export function matchesAll(matchers: readonly SilenceMatcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((m) => matcherMatches(m, labels));
}
