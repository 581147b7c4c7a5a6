// The Logs pane's rows, pure: JSON lines as level + message, the level of the Box's own line formats, the
// filters, short pod names, and the rows a pane of a given height shows (newest at the bottom; paused and
// scrolled views keep their lines while new ones arrive; wrap; highlight).
import { describe, expect, it } from 'vitest';
import { LogRing } from '../../src/logs/ring.js';
import type { LogRecord } from '../../src/logs/record.js';
import { defaultLogDisplay } from '../../src/store/logs-slice.js';
import { compileFilters, jsonLine, lineDetail, lineLevel, logRows, podLabels } from '../../src/views/log-lines.js';
import { sparkline, errorServiceRows } from '../../src/views/error-services.js';

const rec = (i: number, text = `line ${i}`, pod = 'sol-7d9c-abcde'): LogRecord => ({ time: 1_000 + i, nano: 0, namespace: 'matrix', pod, container: 'sol', text });
const ring = (n: number) => {
  const r = new LogRing(1000);
  r.push(Array.from({ length: n }, (_, i) => rec(i)));
  return r;
};
const texts = (rows: ReturnType<typeof logRows>['rows']) => rows.map((r) => r.segments.filter((s) => s.kind === 'text' || s.kind === 'match').map((s) => s.text).join(''));

describe('log line reading', () => {
  it('reads JSON lines: level and message from the usual keys', () => {
    expect(jsonLine('{"level":"error","message":"boom","x":1}')).toEqual({ level: 'error', message: 'boom', fields: { level: 'error', message: 'boom', x: 1 } });
    expect(jsonLine('{"lvl":"WARN","msg":"slow"}')).toMatchObject({ level: 'warn', message: 'slow' });
    expect(jsonLine('{"severity":"critical","message":"down"}')!.level).toBe('error');
    expect(jsonLine('not json')).toBeUndefined();
    expect(jsonLine('{broken')).toBeUndefined();
    expect(jsonLine('[1,2]')).toBeUndefined();
  });

  it("reads the level of the Box's text formats", () => {
    expect(lineLevel('2026-12-02 01:00:00.000 UTC [25] FATAL:  could not open file')).toBe('error');
    expect(lineLevel('E1202 01:00:00.000000       1 volume_loading.go:87] load volume 17')).toBe('error');
    expect(lineLevel('2026-12-02T01:00:00.000Z [WARN]  failed to unseal core')).toBe('warn');
    expect(lineLevel('time="2026-12-02T01:00:00Z" level=error msg="failed"')).toBe('error');
    expect(lineLevel('2026-12-02 01:00:00,000 - synapse.storage - 461 - ERROR - main - psycopg2')).toBe('error');
    expect(lineLevel('GET /health 200')).toBeUndefined();
  });

  it('compiles the filters case-insensitively and names a bad regex in one sentence', () => {
    const f = compileFilters({ include: 'get', exclude: '(', highlight: '' });
    expect(f.include!.test('GET /x')).toBe(true);
    expect(f.exclude).toBeUndefined();
    expect(f.errors).toEqual([expect.stringMatching(/^The exclude regex "\(" is not valid \(.+\)\.$/)]);
  });

  it("names each pod by what its name adds to the others', cut at a dash", () => {
    expect([...podLabels(['sol-7d9c-abcde', 'sol-7d9c-fghij'])]).toEqual([['sol-7d9c-abcde', 'abcde'], ['sol-7d9c-fghij', 'fghij']]);
    expect([...podLabels(['openbao-0', 'openbao-1', 'openbao-2']).values()]).toEqual(['0', '1', '2']);
    expect([...podLabels(['postgres-1'])]).toEqual([['postgres-1', 'postgres-1']]);
  });
});

describe('the rows a log pane shows', () => {
  it('the newest lines at the bottom, as many as fit', () => {
    const r = logRows({ ring: ring(50), display: defaultLogDisplay(), filters: compileFilters({ include: '', exclude: '', highlight: '' }), width: 80, height: 5 });
    expect(texts(r.rows)).toEqual(['line 45', 'line 46', 'line 47', 'line 48', 'line 49']);
    expect(r.rows.some((x) => x.cursor)).toBe(false);
  });

  it('paused: the same lines stay while new ones arrive, which are counted; the bottom line is the cursor', () => {
    const rg = ring(50);
    const display = { ...defaultLogDisplay(), follow: false, pausedAt: rg.total };
    rg.push([rec(50), rec(51), rec(52)]);
    const r = logRows({ ring: rg, display, filters: compileFilters({ include: '', exclude: '', highlight: '' }), width: 80, height: 3 });
    expect(texts(r.rows)).toEqual(['line 47', 'line 48', 'line 49']);
    expect(r.arrived).toBe(3);
    expect(r.rows.at(-1)!.cursor).toBe(true);
    expect(r.cursorIndex).toBe(49);
  });

  it('scrolled up by 10 and filtered: offsets count the lines that pass', () => {
    const display = { ...defaultLogDisplay(), offset: 2 };
    const r = logRows({ ring: ring(50), display, filters: compileFilters({ include: '[05]$', exclude: '^line 4', highlight: '' }), width: 80, height: 2 });
    expect(texts(r.rows)).toEqual(['line 20', 'line 25']);
  });

  it('wraps a long line onto rows of the pane width, or cuts it', () => {
    const rg = new LogRing(10);
    rg.push([rec(1, 'a'.repeat(30) + ' ' + 'b'.repeat(30))]);
    const cut = logRows({ ring: rg, display: defaultLogDisplay(), filters: compileFilters({ include: '', exclude: '', highlight: '' }), width: 40, height: 5 });
    expect(cut.rows).toHaveLength(1);
    const wrapped = logRows({ ring: rg, display: { ...defaultLogDisplay(), wrap: true }, filters: compileFilters({ include: '', exclude: '', highlight: '' }), width: 40, height: 5 });
    expect(wrapped.rows.length).toBeGreaterThan(1);
    expect(wrapped.rows.map((r) => r.segments.map((s) => s.text).join('')).join('')).toContain('b'.repeat(30));
  });

  it('a pod name longer than its column (a third of the width) keeps its end, marked as cut', () => {
    const rg = new LogRing(10);
    rg.push([rec(1, 'x', 'sol-x4gsjr2jcb-pqhnz')]);
    const r = logRows({ ring: rg, display: defaultLogDisplay(), filters: compileFilters({ include: '', exclude: '', highlight: '' }), width: 45, height: 5 });
    expect(r.rows[0]!.segments.find((s) => s.kind === 'pod')!.text).toBe('…gsjr2jcb-pqhnz ');
  });

  it('marks highlight matches and shows JSON lines as LEVEL message', () => {
    const rg = new LogRing(10);
    rg.push([rec(1, '{"level":"error","message":"Mistral API request failed"}'), rec(2, 'sync ok, sync done')]);
    const r = logRows({ ring: rg, display: defaultLogDisplay(), filters: compileFilters({ include: '', exclude: '', highlight: 'sync|mistral' }), width: 80, height: 5 });
    const first = r.rows[0]!.segments;
    expect(first.find((s) => s.kind === 'level')).toMatchObject({ text: 'ERROR ', level: 'error' });
    expect(first.filter((s) => s.kind === 'match').map((s) => s.text)).toEqual(['Mistral']);
    expect(r.rows[1]!.segments.filter((s) => s.kind === 'match').map((s) => s.text)).toEqual(['sync', 'sync']);
  });

  it("shows a line in full: its stamp, pod, container, labels and a JSON line's every field", () => {
    const d = lineDetail({ ...rec(1, '{"level":"warn","message":"slow","took_ms":950}'), labels: { app: 'sol', level: 'warn' } });
    expect(d[0]).toBe('1970-01-01T00:00:01.001Z · matrix/sol-7d9c-abcde · sol');
    expect(d).toContain('Labels: app="sol", level="warn"');
    expect(d).toContain('WARN slow');
    expect(d).toContain('took_ms: 950');
  });
});

describe("rung 7's services", () => {
  it('draws a sparkline scaled to the largest count, blank for none', () => {
    expect(sparkline([0, 1, 4, 8])).toBe(' ▁▄█');
    expect(sparkline([0, 0])).toBe('  ');
    expect(sparkline([3, 3])).toBe('██');
  });

  it('lists the busiest services first as given, and counts the ones that do not fit', () => {
    const s = (app: string, count: number) => ({ namespace: 'matrix', app, count, buckets: [0, count], lastAt: 0 });
    const rows = errorServiceRows([s('sol', 40), s('synapse', 3), s('a', 1), s('b', 1)], 80, 3);
    expect(rows.map((r) => r.text.split(/\s+/)[0])).toEqual(['matrix/sol', 'matrix/synapse', '…']);
    expect(rows.at(-1)!.text).toBe('… 2 more services with errors');
  });
});
