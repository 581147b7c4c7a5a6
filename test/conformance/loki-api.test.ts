// The simulated Loki's HTTP API over the wire (HTTPS with the run's CA, as logcli or Grafana would call it,
// and curl): query_range's shape, direction, limit and bounds, the instant query, labels, values, series,
// /ready, Loki's limits and its text/plain 400s, and the error burst of the sol-crashloop scenario.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { curl, lokiGet } from './loki-helpers.js';

let sim: SimHandle;
beforeAll(async () => {
  sim = await startSim({ scenario: 'sol-crashloop', loki: { maxEntriesLimitPerQuery: 5000 } });
});
afterAll(() => sim?.stop());

const nowNs = () => `${Date.now()}000000`;

describe('simulated Loki: query_range', () => {
  it('hands out LOKI_ADDR and LOKI_CA_CERT_PATH (the CA of BAO_CACERT), and /ready answers ready', async () => {
    expect(sim.env.LOKI_ADDR).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.env.LOKI_CA_CERT_PATH).toBe(sim.env.BAO_CACERT);
    const r = await curl(['--cacert', sim.env.LOKI_CA_CERT_PATH!, '-i', `${sim.env.LOKI_ADDR}/ready`]);
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(r.stdout).toMatch(/content-type: text\/plain; charset=utf-8/i);
    expect(r.stdout.endsWith('\r\n\r\nready\n')).toBe(true);
  });

  it('streams, newest first by default, with ns-epoch string timestamps, the stream labels and a stats object', async () => {
    const r = await lokiGet(sim, '/loki/api/v1/query_range', { query: '{namespace="matrix", app="sol"}', limit: '50' }, { 'X-Scope-OrgID': 'tenant-1', Authorization: 'Bearer ignored' });
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json');
    expect(r.json.status).toBe('success');
    expect(r.json.data.resultType).toBe('streams');
    expect(typeof r.json.data.stats.summary.totalLinesProcessed).toBe('number');
    const streams = r.json.data.result as { stream: Record<string, string>; values: [string, string][] }[];
    expect(streams.length).toBeGreaterThan(0);
    for (const s of streams) {
      expect(Object.keys(s.stream).sort()).toEqual(['app', 'container', 'level', 'namespace', 'pod', 'service_name']);
      expect(s.stream).toMatchObject({ namespace: 'matrix', app: 'sol', service_name: 'sol' });
      for (const [ts] of s.values) expect(ts).toMatch(/^\d{19}$/);
    }
    const all = streams.flatMap((s) => s.values.map(([ts]) => ts));
    expect(all.length).toBe(50);
    for (const s of streams) for (let i = 1; i < s.values.length; i++) expect(s.values[i - 1]![0] > s.values[i]![0]).toBe(true);
  });

  it('direction=forward gives the oldest lines of the window, oldest first; start is inclusive and end exclusive', async () => {
    const start = `${Date.now() - 10 * 60_000}000000`;
    const fwd = await lokiGet(sim, '/loki/api/v1/query_range', { query: '{app="pingora"}', start, end: nowNs(), limit: '5', direction: 'forward' });
    const values = (fwd.json.data.result as { values: [string, string][] }[]).flatMap((s) => s.values).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(values).toHaveLength(5);
    for (const [ts] of values) expect(ts >= start).toBe(true);
    // the first line's own timestamp as start returns it; as end excludes it
    const first = values[0]![0];
    const incl = await lokiGet(sim, '/loki/api/v1/query_range', { query: '{app="pingora"}', start: first, end: nowNs(), limit: '1', direction: 'forward' });
    expect(incl.json.data.result[0].values[0][0]).toBe(first);
    const excl = await lokiGet(sim, '/loki/api/v1/query_range', { query: '{app="pingora"}', start, end: first, limit: '100' });
    expect((excl.json.data.result as { values: [string, string][] }[]).flatMap((s) => s.values).every(([ts]) => ts < first)).toBe(true);
    // RFC3339 and float seconds are times too
    const rfc = await lokiGet(sim, '/loki/api/v1/query_range', { query: '{app="pingora"}', start: new Date(Date.now() - 60_000).toISOString(), end: String(Date.now() / 1000), limit: '3' });
    expect(rfc.status).toBe(200);
    const since = await lokiGet(sim, '/loki/api/v1/query_range', { query: '{app="pingora"}', since: '5m', limit: '1' });
    expect(since.status).toBe(200);
  });

  it('the sol-crashloop error burst: level=error lines of app sol in the last 15 minutes, several a minute, as a matrix too', async () => {
    const start = `${Date.now() - 15 * 60_000}000000`;
    const r = await lokiGet(sim, '/loki/api/v1/query_range', { query: '{level="error"}', start, end: nowNs(), limit: '1000' });
    const sol = (r.json.data.result as { stream: Record<string, string>; values: [string, string][] }[]).filter((s) => s.stream.app === 'sol');
    const count = sol.reduce((n, s) => n + s.values.length, 0);
    expect(count).toBeGreaterThanOrEqual(30);
    const m = await lokiGet(sim, '/loki/api/v1/query_range', { query: 'sum by (app) (count_over_time({level="error"}[1m]))', start, end: nowNs(), step: '60' });
    expect(m.json.data.resultType).toBe('matrix');
    const solSeries = (m.json.data.result as { metric: Record<string, string>; values: [number, string][] }[]).find((s) => s.metric.app === 'sol');
    expect(solSeries).toBeDefined();
    expect(Object.keys(solSeries!.metric)).toEqual(['app']);
    expect(typeof solSeries!.values[0]![0]).toBe('number');
    expect(Math.max(...solSeries!.values.map(([, v]) => Number(v)))).toBeGreaterThanOrEqual(3);
    const v = await lokiGet(sim, '/loki/api/v1/query', { query: 'sum by (app) (count_over_time({level="error", app="sol"}[15m]))' });
    expect(v.json.data.resultType).toBe('vector');
    expect(Number(v.json.data.result[0].value[1])).toBe(count);
  });

  it('labels, label values and series', async () => {
    const labels = await lokiGet(sim, '/loki/api/v1/labels');
    expect(labels.json).toEqual({ status: 'success', data: ['app', 'container', 'level', 'namespace', 'pod', 'service_name'] });
    const ns = await lokiGet(sim, '/loki/api/v1/label/namespace/values');
    expect(ns.json.data).toEqual(expect.arrayContaining(['matrix', 'data', 'openbao', 'ingress']));
    expect([...ns.json.data].sort()).toEqual(ns.json.data);
    const levels = await lokiGet(sim, '/loki/api/v1/label/level/values', { query: '{app="sol"}' });
    expect(levels.json.data).toContain('error');
    const series = await lokiGet(sim, '/loki/api/v1/series', { 'match[]': ['{app="sol", level="error"}', '{app="postgres"}'] });
    expect(series.json.status).toBe('success');
    expect(series.json.data.length).toBeGreaterThan(1);
    for (const s of series.json.data) expect(s.app === 'postgres' || (s.app === 'sol' && s.level === 'error')).toBe(true);
  });

  it('refuses as Loki does: text/plain 400s with its messages', async () => {
    const t = Date.now();
    const cases: [Record<string, string>, string, string?][] = [
      [{ query: '{app="sol"}}' }, 'parse error at line 1, col 12: syntax error: unexpected }\n'],
      [{ query: '{app=~".*"}' }, 'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will\n'],
      [{ query: '{app="sol"}', limit: '5001' }, 'max entries limit per query exceeded, limit > max_entries_limit_per_query (5001 > 5000)\n'],
      [{ query: '{app="sol"}', start: `${t - 722 * 3_600_000}000000`, end: `${t}000000`, step: '3600' }, 'the query time range exceeds the limit (query length: 722h0m0s, limit: 30d1h)\n'],
      [{ query: '{app="sol"}', direction: 'sideways' }, "invalid direction 'sideways'\n"],
      [{ query: '{app="sol"}', limit: '0' }, 'limit must be a positive value\n'],
      [{ query: '{app="sol"}', start: 'yesterday' }, 'could not parse \'start\' parameter: strconv.ParseInt: parsing "yesterday": invalid syntax\n'],
      [{ query: '{app="sol"}', start: nowNs(), end: `${Date.now() - 60_000}000000` }, 'end timestamp must not be before or equal to start time\n'],
      [{ query: '{app="sol"}' }, 'log queries are not supported as an instant query type, please change your query to a range query type\n', '/loki/api/v1/query'],
    ];
    for (const [params, message, path] of cases) {
      const r = await lokiGet(sim, path ?? '/loki/api/v1/query_range', params);
      expect({ params, status: r.status, type: r.type, text: r.text }).toEqual({ params, status: 400, type: 'text/plain; charset=utf-8', text: message });
    }
    const lengthNow = await lokiGet(sim, '/loki/api/v1/query_range', { query: '{app="sol"}', start: `${Date.now() - 720 * 3_600_000}000000`, step: '3600', limit: '1' });
    expect(lengthNow.status).toBe(200);
  });
});
