// LogQL for the simulated Loki: @grafana/lezer-logql (the grammar Grafana publishes) parses the query and
// this file walks its syntax tree into ast.ts; no regular expression reads LogQL. What the simulator does
// not evaluate is refused with a 400 that says so; a syntax error is refused as Loki refuses it (its
// wording: grafana/loki pkg/logqlmodel/error.go ParseError, pkg/logql/syntax/lex.go Error, where the column
// is the 1-based column of the token that failed; goyacc's "syntax error: unexpected X" names the token by
// its text, or STRING, NUMBER, IDENTIFIER, DURATION, or $end at the end of the query).
import { parser } from '@grafana/lezer-logql';
import { LokiError, badRequest, parseError } from '../errors.js';
import type { LabelFilter, LabelMatcher, LogQuery, MatchOp, MetricQuery, NumberOp, Query, RangeOp, Stage, VectorOp } from './ast.js';

type Node = ReturnType<typeof parser.parse>['topNode'];

/** grafana/loki pkg/logql/syntax/parser.go errAtleastOneEqualityMatcherRequired, returned without a position. */
const EMPTY_COMPATIBLE =
  'queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will';

/** grafana/loki pkg/logql/syntax/parser.go maxInputSize. */
const MAX_INPUT = 131072;

const TWO_CHAR_TOKENS = ['|=', '!=', '|~', '!~', '=~', '>=', '<=', '==', '|>', '!>'];
const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

function lineCol(q: string, pos: number): [number, number] {
  const before = q.slice(0, pos);
  const line = before.split('\n').length;
  return [line, pos - (before.lastIndexOf('\n') + 1) + 1];
}

/** The token goyacc would name at a position, as Loki's parse error names it. */
function tokenAt(q: string, pos: number): { pos: number; name: string } {
  let p = pos;
  while (p < q.length && /\s/.test(q[p]!)) p++;
  if (p >= q.length) return { pos: p, name: '$end' };
  const rest = q.slice(p);
  if (rest[0] === '"' || rest[0] === '`') return { pos: p, name: 'STRING' };
  const num = /^\d+(\.\d+)?([a-zµ]+)?/.exec(rest);
  if (num) return { pos: p, name: num[2] ? 'DURATION' : 'NUMBER' };
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
  if (word) return { pos: p, name: KEYWORDS.has(word[0]) ? word[0] : 'IDENTIFIER' };
  const two = TWO_CHAR_TOKENS.find((t) => rest.startsWith(t));
  return { pos: p, name: two ?? rest[0]! };
}

const KEYWORDS = new Set([
  'by', 'without', 'and', 'or', 'unless', 'bool', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'json', 'logfmt', 'regexp',
  'pattern', 'unpack', 'unwrap', 'line_format', 'label_format', 'decolorize', 'drop', 'keep', 'ip', 'sum', 'avg', 'count', 'max', 'min',
  'stddev', 'stdvar', 'bottomk', 'topk', 'sort', 'sort_desc', 'count_over_time', 'rate', 'rate_counter', 'bytes_over_time', 'bytes_rate',
  'avg_over_time', 'sum_over_time', 'min_over_time', 'max_over_time', 'stddev_over_time', 'stdvar_over_time', 'quantile_over_time',
  'first_over_time', 'last_over_time', 'absent_over_time', 'vector', 'label_replace',
]);

class Walker {
  constructor(private readonly q: string) {}

  text(n: Node): string {
    return this.q.slice(n.from, n.to);
  }

  kids(n: Node): Node[] {
    const out: Node[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }

  child(n: Node, ...names: string[]): Node | undefined {
    return this.kids(n).find((c) => names.includes(c.name));
  }

  unsupported(n: Node, what = this.text(n)): LokiError {
    const [line, col] = lineCol(this.q, n.from);
    return badRequest(`the simulated Loki does not evaluate ${JSON.stringify(what.split(/[\s(]/)[0])} (line ${line}, col ${col}); it supports stream selectors, line filters, | json, | logfmt, label filters, and count_over_time, rate, bytes_over_time, bytes_rate under sum, count, min, max, avg`);
  }

  string(n: Node): string {
    const raw = this.text(n);
    if (raw.startsWith('`')) return raw.slice(1, -1);
    const v = unquote(raw.slice(1, -1));
    if (v === undefined) {
      const [line, col] = lineCol(this.q, n.from);
      throw parseError('invalid char escape', line, col);
    }
    return v;
  }

  query(top: Node): Query {
    const expr = this.child(top, 'Expr');
    const inner = expr && this.kids(expr)[0];
    if (!inner) throw parseError('syntax error: unexpected $end', 1, 1);
    if (inner.name === 'LogExpr') return this.logExpr(inner);
    if (inner.name === 'MetricExpr') return this.metricExpr(inner);
    throw this.unsupported(inner);
  }

  logExpr(n: Node): LogQuery {
    const selector = this.child(n, 'Selector');
    if (!selector) throw this.unsupported(n);
    const pipeline = this.child(n, 'PipelineExpr');
    return { kind: 'log', selector: this.selector(selector), stages: pipeline ? this.pipeline(pipeline) : [] };
  }

  selector(n: Node): LabelMatcher[] {
    const out: LabelMatcher[] = [];
    const walk = (m: Node) => {
      for (const c of this.kids(m)) {
        if (c.name === 'Matchers') walk(c);
        else if (c.name === 'Matcher') out.push(this.matcher(c));
      }
    };
    const matchers = this.child(n, 'Matchers');
    if (matchers) walk(matchers);
    return out;
  }

  matcher(n: Node): LabelMatcher {
    const [id, opNode, str] = this.kids(n);
    if (!id || !opNode || !str || str.name !== 'String') throw this.unsupported(n);
    const op = this.text(opNode) as MatchOp;
    const value = this.string(str);
    if (op === '=~' || op === '!~') {
      try {
        return { name: this.text(id), op, value, re: goRegExp(value, true) };
      } catch (err) {
        throw parseError(`error parsing regexp: ${(err as Error).message}`, ...lineCol(this.q, str.from));
      }
    }
    return { name: this.text(id), op, value };
  }

  pipeline(n: Node): Stage[] {
    const out: Stage[] = [];
    for (const c of this.kids(n)) {
      if (c.name === 'PipelineExpr') out.push(...this.pipeline(c));
      else if (c.name === 'PipelineStage') out.push(...this.stage(c));
    }
    return out;
  }

  stage(n: Node): Stage[] {
    const kids = this.kids(n).filter((c) => c.name !== 'Pipe');
    const first = kids[0];
    if (!first) throw this.unsupported(n);
    switch (first.name) {
      case 'LineFilters':
        return this.lineFilters(first);
      case 'LabelParser': {
        const p = this.kids(first)[0];
        if (p?.name === 'Json' && this.kids(first).length === 1) return [{ kind: 'json' }];
        throw this.unsupported(first);
      }
      case 'LogfmtParser':
        if (this.child(first, 'LogfmtParserFlags')) throw this.unsupported(first, 'logfmt flags');
        return [{ kind: 'logfmt' }];
      case 'LabelFilter':
        return [{ kind: 'label', filter: this.labelFilter(first) }];
      default:
        throw this.unsupported(first);
    }
  }

  lineFilters(n: Node): Stage[] {
    const out: Stage[] = [];
    for (const c of this.kids(n)) {
      if (c.name === 'LineFilters') out.push(...this.lineFilters(c));
      else if (c.name === 'LineFilter') out.push(this.lineFilter(c));
    }
    return out;
  }

  lineFilter(n: Node): Stage {
    const filter = this.child(n, 'Filter');
    const opNode = filter && this.kids(filter)[0];
    if (!opNode || !['PipeExact', 'PipeMatch', 'Neq', 'Nre'].includes(opNode.name)) throw this.unsupported(filter ?? n, filter ? this.text(filter) : undefined);
    if (this.child(n, 'FilterOp')) throw this.unsupported(n, 'ip');
    const strings: Node[] = [];
    const collect = (m: Node) => {
      for (const c of this.kids(m)) {
        if (c.name === 'String') strings.push(c);
        else if (c.name === 'OrFilter') collect(c);
      }
    };
    collect(n);
    const op = this.text(opNode) as '|=' | '!=' | '|~' | '!~';
    const values = strings.map((s) => this.string(s));
    if (op === '|~' || op === '!~') {
      const res = values.map((v, i) => {
        try {
          return goRegExp(v, false);
        } catch (err) {
          throw parseError(`error parsing regexp: ${(err as Error).message}`, ...lineCol(this.q, strings[i]!.from));
        }
      });
      return { kind: 'line', op, values, res };
    }
    return { kind: 'line', op, values };
  }

  labelFilter(n: Node): LabelFilter {
    const kids = this.kids(n);
    const subs = kids.filter((c) => c.name === 'LabelFilter');
    if (subs.length) {
      let acc = this.labelFilter(subs[0]!);
      for (let i = 1; i < subs.length; i++) {
        const between = kids.slice(kids.indexOf(subs[i - 1]!) + 1, kids.indexOf(subs[i]!));
        const kind = between.some((c) => c.name === 'Or') ? 'or' : 'and';
        acc = { kind, left: acc, right: this.labelFilter(subs[i]!) };
      }
      return acc;
    }
    const first = kids[0];
    if (first?.name === 'Matcher') return { kind: 'match', matcher: this.matcher(first) };
    if (first?.name === 'NumberFilter') {
      const [id, opNode, lit] = this.kids(first);
      if (!id || !opNode || !lit) throw this.unsupported(first);
      const value = Number(this.text(lit).replace(/\s+/g, ''));
      if (!Number.isFinite(value)) throw this.unsupported(lit);
      return { kind: 'number', name: this.text(id), op: this.text(opNode) as NumberOp, value };
    }
    throw this.unsupported(first ?? n);
  }

  metricExpr(n: Node): MetricQuery {
    const kids = this.kids(n);
    const inner = kids[0];
    if (!inner) throw this.unsupported(n);
    if (inner.name === 'RangeAggregationExpr') return this.rangeAgg(inner);
    if (inner.name === 'VectorAggregationExpr') return this.vectorAgg(inner);
    if (inner.name === 'MetricExpr' && kids.length === 1) return this.metricExpr(inner);
    throw this.unsupported(inner);
  }

  rangeAgg(n: Node): MetricQuery {
    const opNode = this.child(n, 'RangeOp');
    const op = opNode && this.text(opNode);
    if (!opNode || !['count_over_time', 'rate', 'bytes_over_time', 'bytes_rate'].includes(op!)) throw this.unsupported(opNode ?? n);
    if (this.child(n, 'Grouping', 'Number')) throw this.unsupported(this.child(n, 'Grouping', 'Number')!);
    const range = this.child(n, 'LogRangeExpr');
    if (!range) throw this.unsupported(n);
    const selector = this.child(range, 'Selector');
    const rangeNode = this.child(range, 'Range');
    const extra = this.kids(range).find((c) => !['Selector', 'PipelineExpr', 'Range'].includes(c.name));
    if (extra) throw this.unsupported(extra);
    if (!selector || !rangeNode) throw this.unsupported(range);
    const pipeline = this.child(range, 'PipelineExpr');
    const durNode = this.child(rangeNode, 'Duration');
    const rangeMs = durNode ? parseDurationMs(this.text(durNode)) : undefined;
    if (rangeMs === undefined || rangeMs <= 0) throw this.unsupported(rangeNode);
    return { kind: 'range', op: op as RangeOp, rangeMs, log: { kind: 'log', selector: this.selector(selector), stages: pipeline ? this.pipeline(pipeline) : [] } };
  }

  vectorAgg(n: Node): MetricQuery {
    const opNode = this.child(n, 'VectorOp');
    const op = opNode && this.text(opNode);
    if (!opNode || !['sum', 'count', 'max', 'min', 'avg'].includes(op!)) throw this.unsupported(opNode ?? n);
    if (this.child(n, 'Number')) throw this.unsupported(this.child(n, 'Number')!);
    const inner = this.child(n, 'MetricExpr');
    if (!inner) throw this.unsupported(n);
    const out: MetricQuery = { kind: 'vector', op: op as VectorOp, inner: this.metricExpr(inner) };
    const grouping = this.child(n, 'Grouping');
    if (grouping) {
      const labels: string[] = [];
      const labelsNode = this.child(grouping, 'Labels');
      const walk = (m: Node) => {
        for (const c of this.kids(m)) {
          if (c.name === 'Identifier') labels.push(this.text(c));
          else if (c.name === 'Labels') walk(c);
        }
      };
      if (labelsNode) walk(labelsNode);
      if (this.child(grouping, 'Without')) out.without = labels;
      else out.by = labels;
    }
    return out;
  }
}

/**
 * A Go (RE2) regex as JavaScript runs it: leading flag groups such as (?i) become flags. Label regexes are
 * anchored and match newlines with `.`, as Prometheus compiles them (`^(?s:...)$`); line filters are not.
 */
function goRegExp(src: string, anchored: boolean): RegExp {
  let flags = anchored ? 's' : '';
  let body = src;
  for (let m = /^\(\?([imsU]+)\)/.exec(body); m; m = /^\(\?([imsU]+)\)/.exec(body)) {
    for (const f of m[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
    body = body.slice(m[0].length);
  }
  return new RegExp(anchored ? `^(?:${body})$` : body, flags);
}

/** A Go duration or a Prometheus one (1h30m, 5m, 90s, 1d, 500ms), in milliseconds. */
export function parseDurationMs(s: string): number | undefined {
  const parts = [...s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w|y)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== s) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * DURATION_UNITS[p[2]!]!, 0);
}

/** Go's strconv.Unquote for the inside of a double-quoted string; undefined for an invalid escape. */
function unquote(s: string): string | undefined {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = s[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
    if (e !== undefined && e in simple) {
      out += simple[e];
      continue;
    }
    const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hex) {
      const h = s.slice(i + 1, i + 1 + hex);
      if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(h)) return undefined;
      out += String.fromCodePoint(parseInt(h, 16));
      i += hex;
      continue;
    }
    const oct = s.slice(i, i + 3);
    if (/^[0-7]{3}$/.test(oct)) {
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
      continue;
    }
    return undefined;
  }
  return out;
}

/** Loki's validation after parsing: some matcher of the selector must not match the empty value. */
function validate(q: Query): void {
  const selectors = (m: Query): LabelMatcher[][] => (m.kind === 'log' ? [m.selector] : m.kind === 'range' ? [m.log.selector] : selectors(m.inner));
  for (const sel of selectors(q)) {
    const specific = sel.some((m) => (m.op === '=' && m.value !== '') || (m.op === '=~' && !m.re!.test('')));
    if (!specific) throw parseError(EMPTY_COMPATIBLE);
  }
}

/** Parses a LogQL query, or throws the LokiError (400) Loki would answer. */
export function parseLogQL(q: string): Query {
  if (q.length >= MAX_INPUT) throw parseError(`input size too long (${q.length} > ${MAX_INPUT})`);
  const tree = parser.parse(q);
  let errorAt: number | undefined;
  tree.iterate({
    enter(n) {
      if (errorAt !== undefined) return false;
      if (n.type.isError) {
        errorAt = n.from;
        return false;
      }
      return undefined;
    },
  });
  if (errorAt !== undefined) {
    const tok = tokenAt(q, errorAt);
    const [line, col] = lineCol(q, tok.pos);
    throw parseError(`syntax error: unexpected ${tok.name}`, line, col);
  }
  if (!q.trim()) throw parseError('syntax error: unexpected $end', 1, 1);
  const query = new Walker(q).query(tree.topNode);
  validate(query);
  return query;
}
