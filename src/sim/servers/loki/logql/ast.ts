// The LogQL the simulated Loki evaluates, as parse.ts builds it from @grafana/lezer-logql's syntax tree.

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
  /** For =~ and !~: the regex, anchored at both ends as Loki and Prometheus anchor label regexes. */
  re?: RegExp;
}

export type NumberOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

export type LabelFilter =
  | { kind: 'match'; matcher: LabelMatcher }
  | { kind: 'number'; name: string; op: NumberOp; value: number }
  | { kind: 'and' | 'or'; left: LabelFilter; right: LabelFilter };

export type Stage =
  /** |= != |~ !~ with `or` alternatives; regexes are not anchored. */
  | { kind: 'line'; op: '|=' | '!=' | '|~' | '!~'; values: string[]; res?: RegExp[] }
  | { kind: 'json' }
  | { kind: 'logfmt' }
  | { kind: 'label'; filter: LabelFilter };

export interface LogQuery {
  kind: 'log';
  selector: LabelMatcher[];
  stages: Stage[];
}

export type RangeOp = 'count_over_time' | 'rate' | 'bytes_over_time' | 'bytes_rate';
export type VectorOp = 'sum' | 'count' | 'max' | 'min' | 'avg';

export type MetricQuery =
  | { kind: 'range'; op: RangeOp; log: LogQuery; rangeMs: number }
  | { kind: 'vector'; op: VectorOp; by?: string[]; without?: string[]; inner: MetricQuery };

export type Query = LogQuery | MetricQuery;
