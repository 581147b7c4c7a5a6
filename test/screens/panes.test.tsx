import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { colorEnabled } from '../../screens/theme.js';
import { PANES } from '../../screens/panes/registry.js';
import { DEFAULT_BOX_NAMES } from '../../src/ladder/box-graph.js';
import { RUNG_TABLE } from '../../src/ladder/rung-table.js';
import { createAppStore } from '../../src/store/index.js';
import { scopesFor } from '../../src/keymap/index.js';
import { boxStore, pod, postgresDownLadder } from './fixtures.js';
import { KEY, press, settle } from './helpers.js';

afterEach(() => cleanup());

function mount(size = { columns: 100, rows: 30 }) {
  const store = boxStore();
  store.getState().actions.applyKube([
    { collection: 'pgBackups', upsert: [{ key: 'data/postgres-daily-20261120020000', namespace: 'data', name: 'postgres-daily-20261120020000', cluster: 'postgres', method: 'barmanObjectStore', phase: 'completed', startedAt: '2026-11-20T02:00:00Z', stoppedAt: '2026-11-20T02:04:00Z', created: '2026-11-20T02:00:00Z' }] },
  ]);
  const r = render(<Console store={store} evaluate={() => postgresDownLadder()} quit={vi.fn()} size={size} />);
  return { ...r, store };
}

describe('rung panes', () => {
  it('rung 6 says it is not connected and gives the command that answers the step by hand; rung 7 without Loki says how to connect it; rung 3 says how to follow a service; never data', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '6');
    let f = r.lastFrame() ?? '';
    expect(f).toContain('not connected — set ALERTMANAGER_URL');
    expect(f).toContain('kubectl exec -n monitoring alertmanager-0 -- amtool');
    expect(f).toContain('By hand meanwhile:');
    expect(f).not.toMatch(/Nothing firing|CRITICAL|Silences/);
    await press(r.stdin, '7');
    f = r.lastFrame() ?? '';
    expect(f).toContain('not connected — set LOKI_ADDR');
    expect(f).not.toMatch(/error lines in the last/);
    await press(r.stdin, '3');
    f = r.lastFrame() ?? '';
    expect(f).toContain('Nothing followed yet.');
    expect(f).toContain(':logs NAMESPACE/SERVICE follows a service');
  });

  it('rung 4 without an OpenBao source says it is not connected and how to connect it, never a seal state', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '4');
    const f = r.lastFrame() ?? '';
    expect(f).toContain('not connected — set BAO_ADDR (or VAULT_ADDR) and BAO_TOKEN, or try --demo.');
    expect(f).not.toMatch(/UNSEALED|SEALED ·/);
  });

  it('rung 5 shows the CloudNativePG cluster, barman and backups from Kubernetes', async () => {
    const r = mount();
    await settle();
    await press(r.stdin, '5');
    const f = r.lastFrame() ?? '';
    expect(f).toContain('data/postgres  0/2 ready  Failing over');
    expect(f).toContain('Not connected: set SUNBEAM_PG_DSN');
    // The rest is below: G scrolls to the end (backups, barman, the playbook's known gap).
    await press(r.stdin, 'G');
    const end = r.lastFrame() ?? '';
    expect(end).toContain('data/barman-0');
    expect(end).toContain('postgres-daily-20261120020000');
    expect(end).toContain('Known gap: 30-day backup retention does not meet the 7-year cold-storage');
  });

  it('rung 5 finds the barman pods by the Box\'s barman selector', async () => {
    const store = createAppStore({ names: { ...DEFAULT_BOX_NAMES, barman: { ...DEFAULT_BOX_NAMES.barman, namespace: 'db', pod: 'backup-0', selector: 'role=backup,tier=db' } } });
    store.getState().actions.applyKube([
      {
        collection: 'pods',
        replace: true,
        upsert: [pod('db', 'backup-0', { labels: { role: 'backup', tier: 'db' } }), pod('data', 'barman-0', { labels: { app: 'barman' } }), pod('db', 'backup-lookalike', { labels: { role: 'backup' } })],
      },
    ]);
    const r = render(<Console store={store} evaluate={() => postgresDownLadder()} quit={vi.fn()} size={{ columns: 100, rows: 30 }} />);
    await settle();
    await press(r.stdin, '5');
    const f = r.lastFrame() ?? '';
    expect(f).toContain('BARMAN PODS (1)');
    expect(f).toContain('db/backup-0');
    expect(f).not.toContain('data/barman-0');
  });

  it('at 200x60 the second pane previews the selected workload', async () => {
    const r = mount({ columns: 200, rows: 60 });
    await settle();
    const rows = r.lastFrame() ?? '';
    expect(rows).toContain("2 Check · What's unhealthy?");
    // Down to cluster/postgres (nodes group, node, data group, cluster).
    await press(r.stdin, KEY.down, KEY.down, KEY.down);
    const f = r.lastFrame() ?? '';
    expect(f).toContain('Cluster data/postgres (Failing over)');
    expect(f).toContain('PODS (2)');
  });

  it('every rung names a registered pane, with the playbook question as its title', async () => {
    for (const r of RUNG_TABLE) expect(PANES[r.pane], `pane ${r.pane} of rung ${r.id}`).toBeDefined();
    // The kinds are the keymap's view kinds: a list pane gets list keys, the placeholder global ones only.
    expect(scopesFor('status')).toContain('list');
    expect(scopesFor('placeholder')).toEqual(['global']);
    const r = mount();
    await settle();
    await press(r.stdin, '4');
    expect(r.lastFrame()).toContain('4 Vault · Is OpenBao sealed? (breaks everything if yes)');
    await press(r.stdin, '6');
    expect(r.lastFrame()).toContain('6 Alerts · Check AlertManager for firing alerts');
    await press(r.stdin, '7');
    expect(r.lastFrame()).toContain('7 Errors · Check recent logs across everything');
  });

  it('the emergency table is a ruled ink-table that fits 80x24, whole, with the cursor row kept in view', async () => {
    const r = mount({ columns: 80, rows: 24 });
    await settle();
    r.store.getState().actions.openModal({ id: 'emergency', kind: 'emergency', props: { cursor: 0 } });
    await settle();
    let f = r.lastFrame() ?? '';
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(f).toMatch(/SITUATION\s+WHAT TO DO/);
    expect(f).toMatch(/─{20,}/);
    // Every line of the dialog is written edge to edge (the pane beneath never shows through).
    const top = lines.findIndex((l) => l.includes('╭'));
    const bottom = lines.findIndex((l) => l.includes('╰'));
    const left = lines[top]!.indexOf('╭');
    const right = lines[top]!.indexOf('╮');
    for (let i = top; i <= bottom; i++) expect(lines[i]!.slice(left, right + 1)).toMatch(/^[│╭╰].*[│╮╯]$/);
    expect(f).toContain('Server unreachable');
    // The last row, selected, is in view (the window follows the cursor when not all rows fit).
    r.store.getState().actions.openModal({ id: 'emergency', kind: 'emergency', props: { cursor: 6 } });
    await settle();
    f = r.lastFrame() ?? '';
    expect(f).toContain('Certs expired');
    expect(f).toContain('Delete cert resource');
    // The row marks that carry the cursor and colours through ink-table never reach the terminal.
    expect(f).not.toMatch(/[\ue000-\ue0ff]/);
  });

  it('the certificates table drops the renewal column at 80 columns and keeps the names whole', async () => {
    const r = mount({ columns: 80, rows: 24 });
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString();
    r.store.getState().actions.applyKube([
      { collection: 'certificates', replace: true, upsert: [{ key: 'ingress/pingora-tls', namespace: 'ingress', name: 'pingora-tls', ready: 'True', secretName: 'pingora-tls', issuerKind: 'ClusterIssuer', issuerName: 'letsencrypt', notAfter: soon, renewalTime: soon, dnsNames: ['sunbeam.example.org'], issuing: false, created: '2026-09-01T00:00:00Z' }] },
    ]);
    r.store.getState().actions.markSynced('certificates');
    r.store.getState().actions.openModal({ id: 'certs', kind: 'certs', props: { cursor: 0 } });
    await settle();
    const f = r.lastFrame() ?? '';
    expect(f).toMatch(/CERTIFICATE\s+READY\s+NOT AFTER\s+EXPIRES/);
    expect(f).not.toContain('RENEWAL');
    expect(f).toMatch(/ingress\/pingora-tls\s+True\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+in [45] days/);
    expect(f).not.toMatch(/[\ue000-\ue0ff]/);
  });

  it('honours NO_COLOR', () => {
    expect(colorEnabled({ NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({})).toBe(true);
  });
});
