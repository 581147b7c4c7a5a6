import { describe, expect, it } from 'vitest';
import { buildStatusRows, compileFilter, fit, fitColumns, fitColumnsPreferring, formatAge, nextSort, statusRowIdFor, truncate } from '../../src/views/index.js';
import { boxStore } from '../screens/fixtures.js';

describe('views', () => {
  it('formats ages like kubectl', () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    expect(formatAge('2026-11-20T11:59:15Z', now)).toBe('45s');
    expect(formatAge('2026-11-20T11:00:00Z', now)).toBe('60m');
    expect(formatAge('2026-11-20T02:00:00Z', now)).toBe('10h');
    expect(formatAge('2026-11-15T12:00:00Z', now)).toBe('5d');
    expect(formatAge(undefined, now)).toBe('');
  });

  it('truncates with an ellipsis and pads to a fixed width', () => {
    expect(truncate('messages-7d9f8b6c5d-x2kq9', 10)).toBe('messages-…');
    expect(fit('ab', 4)).toBe('ab  ');
    expect(fit('7', 3, 'right')).toBe('  7');
  });

  it('drops columns by priority and gives the rest to the flexible one', () => {
    const cols = [
      { id: 'name', header: 'NAME', width: 10, priority: 0, flex: true },
      { id: 'status', header: 'STATUS', width: 8, priority: 1 },
      { id: 'node', header: 'NODE', width: 8, priority: 5 },
    ];
    expect(fitColumns(cols, 40).map((c) => c.id)).toEqual(['name', 'status', 'node']);
    const narrow = fitColumns(cols, 22);
    expect(narrow.map((c) => c.id)).toEqual(['name', 'status']);
    expect(narrow[0]!.size).toBe(13);
  });

  it('gives the name its preferred width by dropping only optional columns', () => {
    const cols = [
      { id: 'name', header: 'NAME', width: 10, priority: 0, flex: true },
      { id: 'status', header: 'STATUS', width: 8, priority: 1 },
      { id: 'age', header: 'AGE', width: 5, priority: 4 },
    ];
    const wide = fitColumnsPreferring(cols, 30, 20);
    expect(wide.map((c) => [c.id, c.size])).toEqual([['name', 21], ['status', 8]]);
    // When even the essential columns would go, fall back to the minimum name width.
    expect(fitColumnsPreferring(cols, 25, 30).map((c) => c.id)).toEqual(['name', 'status', 'age']);
  });

  it('compiles filters and explains invalid ones', () => {
    expect(compileFilter('post.*1').re?.test('data/postgres-1')).toBe(true);
    expect(compileFilter('([').error).toMatch(/^Invalid filter regex: .*; Esc clears it$/);
  });

  it('groups rows by namespace with workloads above their pods', () => {
    const kube = boxStore().getState().kube;
    const rows = buildStatusRows(kube);
    const ids = rows.map((r) => r.id);
    expect(ids.slice(0, 2)).toEqual(['group:nodes', 'node:sunbeam-1']);
    const g = ids.indexOf('group:data');
    expect(ids.slice(g, g + 4)).toEqual(['group:data', 'cluster:data/postgres', 'data/postgres-1', 'data/postgres-2']);
    expect(rows.find((r) => r.id === 'Deployment/messages/messages')).toMatchObject({ ready: '0/2', status: 'Unavailable', restarts: 14, health: 'failing' });
    const onlyData = buildStatusRows(kube, { namespace: 'data' });
    expect(onlyData.every((r) => r.namespace === 'data')).toBe(true);
    const filtered = buildStatusRows(kube, { filter: /x2kq9/ });
    expect(filtered.map((r) => r.id)).toEqual(['group:messages', 'Deployment/messages/messages', 'messages/messages-7d9f8b6c5d-x2kq9']);
    expect(filtered.map((r) => r.id)).toContain('messages/messages-7d9f8b6c5d-x2kq9');
    expect(filtered.map((r) => r.id)).not.toContain('data/postgres-1');
    const byRestarts = buildStatusRows(kube, { sort: 'restarts', namespace: 'data' });
    expect(byRestarts.map((r) => r.name).slice(1, 4)).toEqual(['cluster/postgres', 'postgres-1', 'postgres-2']);
    expect(nextSort('age')).toBe('name');
  });

  it('maps finding targets to Status rows', () => {
    const kube = boxStore().getState().kube;
    expect(statusRowIdFor(kube, { kind: 'Cluster', namespace: 'data', name: 'postgres' })).toBe('cluster:data/postgres');
    expect(statusRowIdFor(kube, { kind: 'Deployment', namespace: 'messages', name: 'messages' })).toBe('Deployment/messages/messages');
    expect(statusRowIdFor(kube, { kind: 'Certificate', namespace: 'ingress', name: 'pingora-tls' })).toBe('group:ingress');
  });
});
