// A log query's selector and pipeline over one line, as Loki evaluates them (grafana/loki pkg/logql/log):
// line filters, the json and logfmt parsers (extracted labels with sanitized names, `_extracted` when the
// stream already has the label, `__error__` when the line is not of that format), and label filters (a
// missing label is empty for string matchers and drops the line for numeric ones; a value that is not a
// number keeps the line with __error__="LabelFilterErr", as Loki does).
import type { LabelFilter, LabelMatcher, Stage } from './ast.js';

export type Labels = Record<string, string>;

export function matches(m: LabelMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return m.re!.test(value);
    case '!~':
      return !m.re!.test(value);
  }
}

export function selects(selector: LabelMatcher[], labels: Labels): boolean {
  return selector.every((m) => matches(m, labels[m.name] ?? ''));
}

/** grafana/loki pkg/logql/log/util.go sanitizeLabelKey: every character but [A-Za-z0-9_] becomes `_`, and a leading digit gets `_`. */
export function sanitizeLabelKey(key: string): string {
  const k = key.trim();
  if (!k) return k;
  return `${/^[0-9]/.test(k) ? '_' : ''}${k.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function flattenJson(o: Record<string, unknown>, prefix: string, out: [string, string][]): void {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}_${sanitizeLabelKey(k)}` : sanitizeLabelKey(k);
    if (v === null || Array.isArray(v) || key === '') continue;
    if (typeof v === 'object') flattenJson(v as Record<string, unknown>, key, out);
    else out.push([key, String(v)]);
  }
}

/** logfmt pairs (key=value, key="quoted \"value\""), or undefined when the line cannot be read as logfmt. */
export function parseLogfmt(line: string): [string, string][] | undefined {
  const out: [string, string][] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && line[i]! <= ' ') i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && line[i]! > ' ' && line[i] !== '=' && line[i] !== '"') i++;
    if (line[i] === '"') return undefined;
    const key = line.slice(keyStart, i);
    if (!key) return undefined;
    if (line[i] !== '=') continue;
    i++;
    let value = '';
    if (line[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const c = line[i]!;
        if (c === '\\' && i + 1 < n) {
          const e = line[i + 1]!;
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          i += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) return undefined;
    } else {
      const start = i;
      while (i < n && line[i]! > ' ') {
        if (line[i] === '"' || line[i] === '=') return undefined;
        i++;
      }
      value = line.slice(start, i);
    }
    if (value !== '') out.push([key, value]);
  }
  return out;
}

function filterPasses(f: LabelFilter, labels: Labels, setErr: (e: string) => void): boolean {
  switch (f.kind) {
    case 'match':
      return matches(f.matcher, labels[f.matcher.name] ?? '');
    case 'number': {
      const raw = labels[f.name];
      if (raw === undefined) return false;
      const v = Number(raw);
      if (raw.trim() === '' || Number.isNaN(v)) {
        setErr('LabelFilterErr');
        return true;
      }
      switch (f.op) {
        case '>': return v > f.value;
        case '>=': return v >= f.value;
        case '<': return v < f.value;
        case '<=': return v <= f.value;
        case '==': return v === f.value;
        case '!=': return v !== f.value;
      }
      return false;
    }
    case 'and':
      return filterPasses(f.left, labels, setErr) && filterPasses(f.right, labels, setErr);
    case 'or':
      return filterPasses(f.left, labels, setErr) || filterPasses(f.right, labels, setErr);
  }
}

function lineFilterPasses(s: Extract<Stage, { kind: 'line' }>, line: string): boolean {
  switch (s.op) {
    case '|=':
      return s.values.some((v) => line.includes(v));
    case '!=':
      return !s.values.some((v) => line.includes(v));
    case '|~':
      return s.res!.some((r) => r.test(line));
    case '!~':
      return !s.res!.some((r) => r.test(line));
  }
}

/** Runs the pipeline on one line of a stream: the labels it comes out with, or undefined when it is filtered out. */
export function runPipeline(stages: Stage[], stream: Labels, line: string): Labels | undefined {
  let labels: Labels | undefined;
  const own = (): Labels => (labels ??= { ...stream });
  const setErr = (e: string) => {
    const l = own();
    if (!l.__error__) l.__error__ = e;
  };
  const extract = (pairs: [string, string][]) => {
    const l = own();
    for (const [k, v] of pairs) {
      const key = sanitizeLabelKey(k);
      if (!key) continue;
      l[key in stream ? `${key}_extracted` : key] = v;
    }
  };
  for (const s of stages) {
    switch (s.kind) {
      case 'line':
        if (!lineFilterPasses(s, line)) return undefined;
        break;
      case 'json': {
        let o: unknown;
        try {
          o = JSON.parse(line);
        } catch {
          o = undefined;
        }
        if (o === null || typeof o !== 'object' || Array.isArray(o)) {
          setErr('JSONParserErr');
          break;
        }
        const pairs: [string, string][] = [];
        flattenJson(o as Record<string, unknown>, '', pairs);
        extract(pairs);
        break;
      }
      case 'logfmt': {
        const pairs = parseLogfmt(line);
        if (!pairs) setErr('LogfmtParserErr');
        else extract(pairs);
        break;
      }
      case 'label':
        if (!filterPasses(s.filter, labels ?? stream, setErr)) return undefined;
        break;
    }
  }
  return labels ?? stream;
}
