// Rung 6 on the console screen: the Alerts pane from the alerts slice (grouping, states, ages, 80 and 200
// columns, the header that cannot tell, the detail, the silences, the muted toggle) and its keys (S silence with
// the alerts it matches and the amtool command, a comment required, X expire, read-only refusing both).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { createWriters } from '../../src/actions/writers/index.js';
import type { AlertmanagerWriter, NewSilence } from '../../src/actions/writers/alertmanager.js';
import { setClients } from '../../src/console/context.js';
import type { AlertmanagerClient } from '../../src/sources/alertmanager/client.js';
import type { KubeClients } from '../../src/kube/client.js';
import { evaluateLadder } from '../../src/ladder/index.js';
import type { SourceHealth } from '../../src/store/records.js';
import { drillAlerts } from './alerts-fixtures.js';
import { armed, boxStore, consoleFor } from './fixtures.js';
import { KEY, press, settle, type, waitUntil } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sbc-alerts-'));
});
afterEach(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function mount(opts: { columns?: number; rows?: number; health?: SourceHealth; readOnly?: boolean; empty?: boolean } = {}) {
  const now = Date.now();
  const store = boxStore();
  const a = store.getState().actions;
  a.setSource('alertmanager', opts.health ?? { state: 'ok', lastSuccess: now });
  const data = drillAlerts(now);
  a.setAlerts(opts.empty ? { ...data, alerts: [], silences: [] } : data);
  if (opts.readOnly) store.setState({ ui: { ...store.getState().ui, readOnly: true } });
  const created: NewSilence[] = [];
  const expired: string[] = [];
  const writer: AlertmanagerWriter = {
    dryRun: false,
    createSilence: vi.fn(async (s: NewSilence) => {
      created.push(s);
      return { silenceID: 'd4e5f6a7-0000-4000-8000-000000000004' };
    }),
    expireSilence: vi.fn(async (id: string) => {
      expired.push(id);
    }),
  };
  const ctx = consoleFor(store, { dir, evaluate: evaluateLadder });
  const kube = {} as KubeClients;
  const writers = createWriters({ kube });
  // The pane's keys reach AlertManager only through the writer (faked above); the client's reads are the source's.
  const never = () => Promise.reject(new Error('the screen test reads no AlertManager'));
  const fakeClient: AlertmanagerClient = { url: 'http://127.0.0.1:9093', flavour: 'alertmanager', from: 'ALERTMANAGER_URL', alerts: never, silences: never, status: never, metrics: never, send: never, requests: () => 0 };
  setClients(ctx, { kube, alertmanager: fakeClient }, (o) => ({ ...writers(o), alertmanager: writer }));
  const r = render(<Console store={store} evaluate={evaluateLadder} console={ctx} quit={vi.fn()} size={{ columns: opts.columns ?? 100, rows: opts.rows ?? 30 }} />);
  return { ...r, store, created, expired, writer };
}

const frame = (r: { lastFrame(): string | undefined }) => r.lastFrame() ?? '';
const main = (r: { lastFrame(): string | undefined }) =>
  frame(r)
    .split('\n')
    .map((l) => l.split('│').slice(1).join('│'))
    .join('\n');

describe('the Alerts pane', () => {
  it('groups the firing alerts by severity then alertname, with counts, ages, states, where and summary, at 80x24', async () => {
    const r = mount({ columns: 80, rows: 24 });
    await settle();
    await press(r.stdin, '6');
    const f = main(r);
    // The header wraps (never cut): which AlertManager and how old its answer is come first.
    expect(f).toContain('AlertManager 0.25.0 · checked 3s ago ·');
    expect(f).toContain('http://127.0.0.1:9093 · cluster ready');
    const lines = f.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('CRITICAL PostgresDown (2)')).toBeGreaterThan(0);
    expect(at('WARNING KubePodCrashLooping (1)')).toBeGreaterThan(at('CRITICAL PostgresDown (2)'));
    expect(at('NONE Watchdog (1)')).toBeGreaterThan(at('WARNING KubePodCrashLooping (1)'));
    expect(f).toMatch(/5m {4}active {4}data\/postgres-1 +PostgreSQL instance/);
    expect(f).toMatch(/12m {3}active {4}messages\/message/);
    expect(f).toMatch(/3h {4}active {4}- +The dead man switch/);
    // postgres-1 sorts before postgres-2 (same start): the cursor starts on the first critical alert.
    expect(at('data/postgres-1')).toBeLessThan(at('data/postgres-2'));
    for (const l of frame(r).split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('at 200x60 shows the summaries whole, the muted alerts below the firing ones, and the silences', async () => {
    const r = mount({ columns: 200, rows: 60 });
    await settle();
    await press(r.stdin, '6');
    // Beside the Check pane: each line's first column after the ladder is the Alerts pane's.
    const f = frame(r);
    expect(f).toContain('PostgreSQL instance postgres-1 is down');
    expect(f).toContain('Silenced and inhibited (1 silenced, 1 inhibited) · m hides them');
    const lines = f.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('WARNING CertManagerCertExpirySoon (1)')).toBeGreaterThan(at('NONE Watchdog'));
    expect(f).toMatch(/silenced {2}ingress\/pingora +Certificate pingora-tls/);
    expect(f).toMatch(/inhibited matrix\/synapse-0/);
    expect(f).toContain('Silences (2 active or pending, 1 expired not listed)');
    expect(f).toMatch(/active {2}ends in 58m {5}alertname="CertManagerCertExpirySoon" · alice: renewal in progr/);
    expect(f).toMatch(/pending starts in 119m {2}namespace=~"drive\|gitea" · bob: maintenance window/);
    expect(f).not.toContain('carol');
    for (const l of frame(r).split('\n')) expect(l.length).toBeLessThanOrEqual(200);
  });

  it('m hides the silenced and inhibited alerts, and shows them again', async () => {
    const r = mount({ columns: 120, rows: 50 });
    await settle();
    await press(r.stdin, '6', 'm');
    expect(main(r)).toContain('1 silenced, 1 inhibited hidden · m shows them');
    expect(main(r)).not.toContain('CertManagerCertExpirySoon (1)');
    await press(r.stdin, 'm');
    expect(main(r)).toContain('CertManagerCertExpirySoon (1)');
    expect(main(r)).not.toContain('carol');
  });

  it('says why it cannot tell and how old the last data is, keeps showing it, and never says "nothing firing"', async () => {
    const r = mount({ health: { state: 'unreachable', lastSuccess: Date.now() - 120_000, lastError: 'AlertManager at http://127.0.0.1:9093 does not answer (connection refused).' } });
    r.store.getState().actions.setAlerts({ checkedAt: Date.now() - 120_000 });
    await settle();
    await press(r.stdin, '6');
    const f = main(r);
    expect(f).toContain('AlertManager at http://127.0.0.1:9093 does not answer (connection refused).');
    expect(f).toMatch(/The last data is 2m\d*s? old: cannot tell what fires now\./);
    expect(f).toContain('CRITICAL PostgresDown (2)');
    // With nothing in the last data either: still no "Nothing firing".
    r.store.getState().actions.setAlerts({ alerts: [] });
    await settle();
    expect(main(r)).toContain('Nothing was firing in the last data.');
    expect(main(r)).not.toContain('Nothing firing');
    // A 401: the source's sentence, not a green pane.
    r.store.getState().actions.setSource('alertmanager', { state: 'unauthorized', lastError: "Grafana refused GRAFANA_TOKEN (401): check the service account's token." });
    await settle();
    expect(main(r)).toContain('Grafana refused GRAFANA_TOKEN (401)');
  });

  it('says "Nothing firing." only when AlertManager answers now, and "not connected" without a source', async () => {
    const r = mount({ empty: true });
    await settle();
    await press(r.stdin, '6');
    expect(main(r)).toContain('Nothing firing.');
    r.store.getState().actions.setSource('alertmanager', { state: 'connecting' });
    await settle();
    expect(main(r)).not.toContain('Nothing firing.');
    expect(main(r)).toContain('Asking AlertManager 0.25.0 at http://127.0.0.1:9093…');
    r.store.getState().actions.setSource('alertmanager', { state: 'not-connected' });
    await settle();
    expect(main(r)).toContain('not connected — set ALERTMANAGER_URL');
  });

  it('Enter opens the alert in full: labels, annotations, generator, receivers and the affected pods', async () => {
    const r = mount({ columns: 120, rows: 50 });
    await settle();
    await press(r.stdin, '6', KEY.enter);
    const f = frame(r);
    expect(f).toContain('CRITICAL · PostgresDown · active');
    expect(f).toContain('pod="postgres-1"');
    expect(f).toContain('runbook_url: https://runbooks.example/postgres-down');
    expect(f).toContain('description: The CloudNativePG instance has not answered for 5 minutes.');
    expect(f).toContain('Generator: http://prometheus.monitoring:9090/graph?g0.expr=cnpg_pg_up+%3D%3D+0');
    expect(f).toContain('Receivers: matrix-ops');
    expect(f).toContain('Affected pods (Status rung)');
    expect(f).toMatch(/data\/postgres-1 · CrashLoopBackOff · 0\/1 ready · 4 restarts/);
  });

  it('Enter on a silenced alert names the silence, by whom and why', async () => {
    const r = mount({ columns: 120, rows: 50 });
    await settle();
    await press(r.stdin, '6');
    // Four firing alerts, the inhibited critical one, then the silenced warning.
    await press(r.stdin, 'j', 'j', 'j', 'j', 'j', KEY.enter);
    expect(frame(r)).toContain('Silenced by a1b2c3d4-0000-4000-8000-000000000001');
    const modal = r.store.getState().ui.modals.at(-1) as { props: { lines: string[] } };
    expect(modal.props.lines).toContain(`Silenced by a1b2c3d4-0000-4000-8000-000000000001: alertname="CertManagerCertExpirySoon" · alice: renewal in progress, OPS-42 · ends in 58m`);
  });

  it('the top bar and the ladder count the firing critical alerts', async () => {
    const r = mount({ columns: 120, rows: 30 });
    await settle();
    expect(frame(r)).toContain('2 critical firing');
  });
});

describe('the Alerts pane keys', () => {
  it('S opens the silence dialog from the alert labels, shows what it matches and the amtool command, and y makes it', async () => {
    const r = mount({ columns: 120, rows: 50 });
    await settle();
    await press(r.stdin, '6', 'S');
    await waitUntil(() => frame(r).includes('Matchers'), 5000, 'the matchers field');
    // The alert's labels minus the volatile ones (severity, instance of... kept: alertname, namespace, pod, job, instance).
    expect(frame(r)).toContain('> alertname="PostgresDown" namespace="data" pod="postgres-1" job="cnpg" instance="10.0.0.11:9187"█');
    // Widen it to both instances: drop pod and instance.
    for (let i = 0; i < ' pod="postgres-1" job="cnpg" instance="10.0.0.11:9187"'.length; i++) await press(r.stdin, KEY.backspace);
    await press(r.stdin, KEY.enter);
    await waitUntil(() => frame(r).includes('> 1h█'), 5000, 'the duration field');
    await press(r.stdin, KEY.enter);
    await waitUntil(() => frame(r).includes('Comment (required'), 5000, 'the comment field');
    await type(r.stdin, 'restoring from barman, OPS-7');
    await press(r.stdin, KEY.enter);
    await waitUntil(() => frame(r).includes('[y/N]') && armed(r.store), 5000, 'the confirmation');
    const f = frame(r);
    expect(f).toContain('It would silence, now:');
    expect(f).toContain('critical PostgresDown data/postgres-1 (active)');
    expect(f).toContain('critical PostgresDown data/postgres-2 (active)');
    expect(f).not.toContain('KubePodCrashLooping messages');
    // The equivalent, exactly as typed in a shell (the dialog wraps it to its width).
    const command = `amtool silence add --alertmanager.url=http://127.0.0.1:9093 --author=sunbeam-console --duration=1h --comment='restoring from barman, OPS-7' 'alertname="PostgresDown"' 'namespace="data"'`;
    const flow = r.store.getState().flow.state as { action?: { steps: { calls: { equivalent: { command: string } }[] }[] } };
    expect(flow.action?.steps[0]!.calls[0]!.equivalent.command).toBe(command);
    const unwrapped = f.split('\n').map((l) => l.replace(/^.*?│ ?/, '').replace(/ *│.*$/, '').trim()).join(' ');
    expect(unwrapped).toContain(`$ ${command}`);
    await press(r.stdin, 'y');
    await waitUntil(() => r.created.length === 1 && frame(r).includes('Succeeded'), 5000, 'the silence made');
    const s = r.created[0]!;
    expect(s.matchers).toEqual([
      { name: 'alertname', value: 'PostgresDown', isRegex: false, isEqual: true },
      { name: 'namespace', value: 'data', isRegex: false, isEqual: true },
    ]);
    expect(s.comment).toBe('restoring from barman, OPS-7');
    expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(3_600_000);
    expect(frame(r)).toContain('Silence d4e5f6a7-0000-4000-8000-000000000004 made for 1h');
  });

  it('a silence without a comment is not made: Enter on an empty comment goes nowhere', async () => {
    const r = mount({ columns: 120, rows: 50 });
    await settle();
    await press(r.stdin, '6', 'S');
    await waitUntil(() => frame(r).includes('Matchers'), 5000, 'the matchers field');
    await press(r.stdin, KEY.enter);
    await waitUntil(() => frame(r).includes('> 1h█'), 5000, 'the duration field');
    await press(r.stdin, KEY.enter);
    await waitUntil(() => frame(r).includes('Comment (required'), 5000, 'the comment field');
    await type(r.stdin, '   ');
    await press(r.stdin, KEY.enter, KEY.enter);
    expect(frame(r)).toContain('Comment (required');
    expect(frame(r)).not.toContain('[y/N]');
    expect(r.created).toEqual([]);
  });

  it('bad matchers or a bad duration give one sentence and make nothing', async () => {
    const r = mount({ columns: 120, rows: 50 });
    await settle();
    await press(r.stdin, '6', 'S');
    await waitUntil(() => frame(r).includes('Matchers'), 5000, 'the matchers field');
    await press(r.stdin, KEY.enter);
    await waitUntil(() => frame(r).includes('> 1h█'), 5000, 'the duration field');
    await press(r.stdin, KEY.backspace, KEY.backspace);
    await type(r.stdin, 'soon');
    await press(r.stdin, KEY.enter);
    await type(r.stdin, 'why');
    await press(r.stdin, KEY.enter);
    await waitUntil(() => frame(r).includes('"soon" is not a duration; write 1h, 30m, 2h30m or 1d. Nothing was silenced.'), 5000, 'the sentence');
    expect(r.created).toEqual([]);
  });

  it('X on a silence asks y/N with the amtool command and expires it', async () => {
    const r = mount({ columns: 120, rows: 50 });
    await settle();
    await press(r.stdin, '6', 'G');
    // G goes to the last row: the pending silence; k the active one (expired ones are not listed).
    await press(r.stdin, 'k', 'X');
    await waitUntil(() => frame(r).includes('[y/N]') && armed(r.store), 5000, 'the confirmation');
    expect(frame(r)).toContain('$ amtool silence expire --alertmanager.url=http://127.0.0.1:9093 a1b2c3d4-0000-4000-8000-000000000001');
    await press(r.stdin, 'y');
    await waitUntil(() => r.expired.length === 1, 5000, 'the silence expired');
    expect(r.expired).toEqual(['a1b2c3d4-0000-4000-8000-000000000001']);
  });

  it('S on a silence and X on an alert say what to select instead', async () => {
    const r = mount({ columns: 120, rows: 50 });
    await settle();
    await press(r.stdin, '6', 'X');
    expect(r.store.getState().ui.flash?.text).toBe('Select a silence (below the alerts) to expire it.');
    await press(r.stdin, 'G', 'S');
    expect(r.store.getState().ui.flash?.text).toBe('Select an alert to silence (S), or a silence to expire (X).');
    expect(r.store.getState().ui.modals).toEqual([]);
  });

  it('read-only: S and X are not offered, and refuse in one sentence without a dialog', async () => {
    const r = mount({ columns: 120, rows: 50, readOnly: true });
    await settle();
    await press(r.stdin, '6');
    const bar = frame(r).split('\n').at(-1) ?? '';
    expect(bar).not.toContain('S silence');
    await press(r.stdin, 'S');
    expect(r.store.getState().ui.flash?.text).toMatch(/^Read-only mode: silence is a change; start without --read-only to run it\.$/);
    await press(r.stdin, 'G', 'X');
    expect(r.store.getState().ui.flash?.text).toMatch(/^Read-only mode: expire a silence is a change/);
    expect(r.store.getState().ui.modals).toEqual([]);
    expect(r.created).toEqual([]);
    expect(r.expired).toEqual([]);
  });

  it('f filters the alerts by matchers as amtool takes them', async () => {
    const r = mount({ columns: 120, rows: 50 });
    await settle();
    await press(r.stdin, '6', 'f');
    await type(r.stdin, 'severity=warning');
    await press(r.stdin, KEY.enter);
    const f = main(r);
    expect(f).toContain('KubePodCrashLooping (1)');
    expect(f).not.toContain('PostgresDown (2)');
  });
});
