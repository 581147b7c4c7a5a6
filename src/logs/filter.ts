// The include, exclude and highlight regexes of a log view (stern's -i, -e, -H; the Logs pane's filters):
// compiled once, each bad one reported as one sentence naming which flag it was. Pure. A regex starting with
// `(?i)` (as in Go's RE2, which stern's users type) matches ignoring case.

export type LogRegexRole = 'include' | 'exclude' | 'highlight';

export interface LogFilterSpec {
  /** Keep only lines matching one of these ('' or none: every line). */
  include?: string | readonly string[];
  /** Drop lines matching one of these. */
  exclude?: string | readonly string[];
  /** Mark what matches one of these. */
  highlight?: string | readonly string[];
}

export interface LogFilter {
  /** Whether a line's text passes include and exclude. */
  keep(text: string): boolean;
  /** The [start, end) ranges of the text the highlight regexes match, in order and not overlapping. */
  highlights(text: string): [number, number][];
  /** Whether any regex is set (a view without one can skip the work). */
  readonly active: boolean;
}

export type CompiledLogFilter = { ok: true; filter: LogFilter } | { ok: false; error: string };

const list = (v: string | readonly string[] | undefined): string[] => (typeof v === 'string' ? [v] : [...(v ?? [])]).filter((s) => s !== '');

/** One regex as a role uses it (ignoring case with a leading `(?i)`, or always when `caseless`, as the Logs pane does like k9s); one sentence when it is not valid. */
export function compileLogRegex(source: string, role: LogRegexRole, opts: { caseless?: boolean } = {}): { ok: true; re: RegExp } | { ok: false; error: string } {
  const prefixed = source.startsWith('(?i)');
  const caseless = prefixed || opts.caseless === true;
  const body = prefixed ? source.slice(4) : source;
  try {
    return { ok: true, re: new RegExp(body, caseless ? 'gi' : 'g') };
  } catch (err) {
    // V8: "Invalid regular expression: /(/g: Unterminated group": the reason is after the last ": ".
    const reason = String((err as Error).message).split(': ').pop() ?? 'not valid';
    return { ok: false, error: `The ${role} regex "${source}" is not valid (${reason.charAt(0).toLowerCase()}${reason.slice(1)}).` };
  }
}

function test(res: RegExp[], text: string): boolean {
  return res.some((re) => {
    re.lastIndex = 0;
    return re.test(text);
  });
}

export function compileLogFilter(spec: LogFilterSpec): CompiledLogFilter {
  const compiled: Record<LogRegexRole, RegExp[]> = { include: [], exclude: [], highlight: [] };
  for (const role of ['include', 'exclude', 'highlight'] as const) {
    for (const source of list(spec[role])) {
      const r = compileLogRegex(source, role);
      if (!r.ok) return r;
      compiled[role].push(r.re);
    }
  }
  const { include, exclude, highlight } = compiled;
  return {
    ok: true,
    filter: {
      active: include.length + exclude.length + highlight.length > 0,
      keep: (text) => (include.length === 0 || test(include, text)) && !test(exclude, text),
      highlights(text) {
        const found: [number, number][] = [];
        for (const re of highlight) {
          re.lastIndex = 0;
          for (let m = re.exec(text); m; m = re.exec(text)) {
            if (m[0] === '') {
              re.lastIndex++;
              continue;
            }
            found.push([m.index, m.index + m[0].length]);
          }
        }
        found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
        const merged: [number, number][] = [];
        for (const r of found) {
          const last = merged[merged.length - 1];
          if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
          else merged.push([r[0], r[1]]);
        }
        return merged;
      },
    },
  };
}
