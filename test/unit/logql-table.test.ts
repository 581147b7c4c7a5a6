// LogQL as the simulated Loki evaluates it, over a fixed log store (no Box, no server): each query with the
// exact lines it must return, newest first as Loki's backward direction gives them, and the 400 messages of
// the queries Loki refuses, in Loki's words.
import { describe, expect, it } from 'vitest';
import { LokiError } from '../../src/sim/servers/loki/errors.js';
import type { LogQuery, MetricQuery } from '../../src/sim/servers/loki/logql/ast.js';
import { type Stream, evalLogQuery, evalMetricRange } from '../../src/sim/servers/loki/logql/engine.js';
import { parseLogQL } from '../../src/sim/servers/loki/logql/parse.js';

const T0 = 1_796_000_000_000; // ms
const ns = (sec: number) => `${T0 + sec * 1000}000001`;

const sol = { app: 'sol', container: 'sol', namespace: 'matrix', pod: 'sol-7d9f8b6c4-x2k9p', service_name: 'sol' };
const pg = { app: 'postgres', container: 'postgres', namespace: 'data', pod: 'postgres-1', service_name: 'postgres' };
const prom = { app: 'prometheus', container: 'prometheus', namespace: 'monitoring', pod: 'prometheus-0', service_name: 'prometheus' };

const SOL_INFO = '{"time":"2026-12-02T01:00:00.000Z","level":"info","logger":"sol.mistral","message":"chat completion","model":"mistral-large-latest","ttft_ms":412,"status":200}';
const SOL_ERR = '{"time":"2026-12-02T01:00:01.500Z","level":"error","logger":"sol.mistral","message":"Mistral API request failed: httpx.ConnectError: [Errno 111] Connection refused (https://api.mistral.ai/v1/chat/completions)"}';
const SOL_CRIT = '{"time":"2026-12-02T01:00:01.500Z","level":"critical","logger":"sol","message":"fatal: cannot reach the Mistral API; exiting"}';
const SOL_SLOW = '{"time":"2026-12-02T01:00:03.000Z","level":"info","logger":"sol.mistral","message":"chat completion","model":"mistral-large-latest","ttft_ms":1900,"status":200,"http.route":"/v1/chat"}';
const PG_LOG = '2026-12-02 01:00:02.000 UTC [21] LOG:  database system is ready to accept connections';
const PG_FATAL = '2026-12-02 01:00:04.000 UTC [25] FATAL:  could not open file "pg_wal/000000010000000A0000003C": No such file or directory';
const PROM = 'ts=2026-12-02T01:00:05.000Z caller=head.go:1327 level=info component=tsdb msg="Head GC completed" duration=42ms';
const PROM_WARN = 'ts=2026-12-02T01:00:06.000Z caller=db.go:1011 level=warn component=tsdb msg="Deleting obsolete block" duration=9ms';

const STORE: Stream[] = [
  { labels: { ...sol, level: 'info' }, entries: [{ ns: ns(0), line: SOL_INFO }, { ns: ns(3), line: SOL_SLOW }] },
  { labels: { ...sol, level: 'error' }, entries: [{ ns: ns(1), line: SOL_ERR }, { ns: ns(1.5), line: SOL_CRIT }] },
  { labels: { ...pg, level: 'info' }, entries: [{ ns: ns(2), line: PG_LOG }] },
  { labels: { ...pg, level: 'error' }, entries: [{ ns: ns(4), line: PG_FATAL }] },
  { labels: { ...prom, level: 'info' }, entries: [{ ns: ns(5), line: PROM }] },
  { labels: { ...prom, level: 'warn' }, entries: [{ ns: ns(6), line: PROM_WARN }] },
];

function lines(query: string, opts: { limit?: number; direction?: 'forward' | 'backward'; start?: number; end?: number } = {}): string[] {
  const q = parseLogQL(query) as LogQuery;
  expect(q.kind).toBe('log');
  const r = evalLogQuery(q, STORE, { startNs: ns(opts.start ?? -10), endNs: ns(opts.end ?? 100), limit: opts.limit ?? 100, direction: opts.direction ?? 'backward' });
  return r.streams.flatMap((s) => s.values).sort((a, b) => (opts.direction === 'forward' ? (a[0] < b[0] ? -1 : 1) : a[0] < b[0] ? 1 : -1)).map(([, l]) => l);
}

function refusal(query: string): string {
  try {
    parseLogQL(query);
  } catch (err) {
    expect(err).toBeInstanceOf(LokiError);
    expect((err as LokiError).status).toBe(400);
    return (err as LokiError).message;
  }
  throw new Error(`${query} was accepted`);
}

describe('LogQL: the lines each query returns', () => {
  const table: [string, string[]][] = [
    ['{app="sol"}', [SOL_SLOW, SOL_CRIT, SOL_ERR, SOL_INFO]],
    ['{level="error"}', [PG_FATAL, SOL_CRIT, SOL_ERR]],
    ['{level!="info", namespace="monitoring"}', [PROM_WARN]],
    ['{app=~"sol|postgres", level="error"}', [PG_FATAL, SOL_CRIT, SOL_ERR]],
    // label regexes are anchored: "sol" does not match "postgres-1" nor "so" match "sol"
    ['{app=~"so"}', []],
    ['{pod=~"postgres-.*"}', [PG_FATAL, PG_LOG]],
    ['{namespace=~".+", app!~"sol|postgres"}', [PROM_WARN, PROM]],
    ['{app="sol"} |= "Mistral"', [SOL_CRIT, SOL_ERR]],
    ['{app="sol"} != "Mistral"', [SOL_SLOW, SOL_INFO]],
    ['{app="sol"} |= "chat" != "1900"', [SOL_ERR, SOL_INFO]],
    ['{app="sol"} |~ "Errno \\\\d+"', [SOL_ERR]],
    ['{app="sol"} |~ `(?i)FATAL`', [SOL_CRIT]],
    ['{app="sol"} !~ "chat completion|fatal"', [SOL_ERR]],
    ['{namespace=~"data|matrix"} |= "FATAL" or "fatal"', [PG_FATAL, SOL_CRIT]],
    ['{app="sol"} | json | ttft_ms > 1000', [SOL_SLOW]],
    ['{app="sol"} | json | ttft_ms <= 412', [SOL_INFO]],
    ['{app="sol"} | json | logger="sol"', [SOL_CRIT]],
    // the stream already has `level`: the JSON field comes out as level_extracted, as in Loki
    ['{app="sol"} | json | level_extracted="critical"', [SOL_CRIT]],
    ['{app="sol"} | json | logger=~"sol\\\\.m.*" and status == 200', [SOL_SLOW, SOL_INFO]],
    ['{app="sol"} | json | logger="sol" or ttft_ms > 1000', [SOL_SLOW, SOL_CRIT]],
    // names are sanitized: "http.route" becomes http_route
    ['{app="sol"} | json | http_route="/v1/chat"', [SOL_SLOW]],
    ['{app="prometheus"} | logfmt | msg="Head GC completed"', [PROM]],
    ['{app="prometheus"} | logfmt | component="tsdb", caller=~"db.*"', [PROM_WARN]],
    // a line that is not JSON keeps going with __error__, and can be dropped with __error__=""
    ['{app="postgres"} | json', [PG_FATAL, PG_LOG]],
    ['{app="postgres"} | json | __error__=""', []],
    ['{app="postgres"} | json | __error__="JSONParserErr"', [PG_FATAL, PG_LOG]],
  ];
  for (const [query, want] of table) {
    it(query, () => {
      expect(lines(query)).toEqual(want);
    });
  }

  it('limit keeps the newest lines going backward and the oldest going forward; start is inclusive, end exclusive', () => {
    expect(lines('{namespace=~".+"}', { limit: 2 })).toEqual([PROM_WARN, PROM]);
    expect(lines('{namespace=~".+"}', { limit: 2, direction: 'forward' })).toEqual([SOL_INFO, SOL_ERR]);
    expect(lines('{namespace=~".+"}', { start: 2, end: 4 })).toEqual([SOL_SLOW, PG_LOG]);
  });

  it('json adds its labels to the stream, and the __error__ label to lines it cannot read', () => {
    const q = parseLogQL('{app=~"sol|postgres"} |= "FATAL" or "fatal" | json') as LogQuery;
    const r = evalLogQuery(q, STORE, { startNs: ns(-10), endNs: ns(100), limit: 100, direction: 'backward' });
    expect(r.streams.map((s) => s.stream)).toEqual([
      { ...pg, level: 'error', __error__: 'JSONParserErr' },
      { ...sol, level: 'error', level_extracted: 'critical', logger: 'sol', message: 'fatal: cannot reach the Mistral API; exiting', time: '2026-12-02T01:00:01.500Z' },
    ].map((l) => Object.fromEntries(Object.entries(l).sort(([a], [b]) => (a < b ? -1 : 1)))));
  });

  it('sum by (app) (count_over_time({level="error"}[1m])) is a matrix of error counts per app', () => {
    const q = parseLogQL('sum by (app) (count_over_time({level="error"}[1m]))') as MetricQuery;
    const m = evalMetricRange(q, STORE, { startMs: T0, endMs: T0 + 60_000, stepMs: 30_000 });
    expect(m).toEqual([
      { metric: { app: 'postgres' }, values: [[(T0 + 30_000) / 1000, '1'], [(T0 + 60_000) / 1000, '1']] },
      { metric: { app: 'sol' }, values: [[(T0 + 30_000) / 1000, '2'], [(T0 + 60_000) / 1000, '2']] },
    ]);
    const rate = evalMetricRange(parseLogQL('sum(rate({app="sol"}[1m]))') as MetricQuery, STORE, { startMs: T0 + 10_000, endMs: T0 + 10_000, stepMs: 1000 });
    expect(rate).toEqual([{ metric: {}, values: [[(T0 + 10_000) / 1000, String(4 / 60)]] }]);
  });
});

describe('LogQL: the queries Loki refuses, with its 400 messages', () => {
  const table: [string, string][] = [
    ['{app="sol"}}', 'parse error at line 1, col 12: syntax error: unexpected }'],
    ['{app=}', 'parse error at line 1, col 6: syntax error: unexpected }'],
    ['{app="sol" |= "x"', 'parse error at line 1, col 12: syntax error: unexpected |='],
    ['count_over_time({app="sol"}[5m]', 'parse error at line 1, col 32: syntax error: unexpected $end'],
    ['{app=~".*"}', 'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will'],
    ['{app!="sol"}', 'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will'],
    ['{app="sol"} |= "\\q"', 'parse error at line 1, col 16: invalid char escape'],
  ];
  for (const [query, message] of table) {
    it(query, () => {
      expect(refusal(query)).toBe(message);
    });
  }

  it('says what the simulator does not evaluate, with where', () => {
    expect(refusal('{app="sol"} | line_format "{{.message}}"')).toMatch(/^the simulated Loki does not evaluate "line_format" \(line 1, col 15\)/);
    expect(refusal('topk(3, count_over_time({app="sol"}[1m]))')).toMatch(/does not evaluate "topk"/);
  });
});
