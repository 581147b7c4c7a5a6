// The runbook views on the real console screen (ink-testing-library): the certificates view, the emergency
// table into the picker and a runbook's dialog, and the :pitr params step. Everything that reads the cluster
// reads the simulator (the real flow, planners, preflight and journal; nothing of ours is replaced).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { kubeClients, loadKubeConfig, type KubeClients } from '../../src/kube/client.js';
import { flowStateOf } from '../../src/runbooks/flow-state.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import type { CertificateRecord } from '../../src/store/index.js';
import { armed, boxStore, consoleFor, postgresDownLadder } from './fixtures.js';
import { KEY, press, settle, type, waitUntil } from './helpers.js';

let sim: SimHandle;
let clients: KubeClients;
let dir: string;

beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy', speed: 50 });
  clients = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }));
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sbc-views-'));
});
afterEach(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const DAY = 86_400_000;

function cert(ns: string, name: string, over: Partial<CertificateRecord>): CertificateRecord {
  return {
    key: `${ns}/${name}`,
    namespace: ns,
    name,
    ready: 'True',
    secretName: `${name}-secret`,
    issuerKind: 'ClusterIssuer',
    issuerName: 'letsencrypt',
    dnsNames: [`${name}.example.org`],
    issuing: false,
    created: '2026-09-01T00:00:00Z',
    ...over,
  };
}

function mount(certs: CertificateRecord[] = []) {
  const store = boxStore();
  if (certs.length) {
    store.getState().actions.applyKube([{ collection: 'certificates', replace: true, upsert: certs }]);
    store.getState().actions.markSynced('certificates');
  }
  const ops = consoleFor(store, { dir, clients });
  const r = render(<Console store={store} evaluate={() => postgresDownLadder()} console={ops} quit={() => {}} size={{ columns: 120, rows: 40 }} />);
  return {
    ...r,
    store,
    get flowState() {
      return flowStateOf(store.getState());
    },
  };
}

const frame = (r: { lastFrame(): string | undefined }) => r.lastFrame() ?? '';

/** Waits (settling the event loop) until `test` holds; generous, fails with a sentence when it does not. */
const until = (test: () => boolean, ms = 10_000) => waitUntil(test, ms);

async function command(r: { stdin: { write(s: string): void } }, text: string) {
  await press(r.stdin, ':');
  await type(r.stdin, text);
  await press(r.stdin, KEY.enter);
}

const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

describe(':certs', () => {
  it('lists the certificates with Ready, notAfter and renewal time, soonest expiry first', async () => {
    const now = Date.now();
    const soon = cert('ingress', 'pingora-tls', { notAfter: new Date(now + 5 * DAY).toISOString(), renewalTime: new Date(now - DAY).toISOString() });
    const fine = cert('gitea', 'gitea-tls', { notAfter: new Date(now + 80 * DAY).toISOString(), renewalTime: new Date(now + 50 * DAY).toISOString() });
    const broken = cert('mail', 'mail-tls', { ready: 'False', reason: 'Failed' });
    const r = mount([fine, soon, broken]);
    await command(r, 'certs');
    await until(() => frame(r).includes('Certificates'));
    const lines = frame(r).split('\n');
    expect(frame(r)).toMatch(/CERTIFICATE\s+READY\s+NOT AFTER\s+RENEWAL\s+EXPIRES/);
    const row = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    expect(row('ingress/pingora-tls')).toContain('True');
    expect(row('ingress/pingora-tls')).toContain(minute(soon.notAfter!));
    expect(row('ingress/pingora-tls')).toContain(minute(soon.renewalTime!));
    expect(row('ingress/pingora-tls')).toMatch(/in [45] days/);
    expect(row('gitea/gitea-tls')).toContain(minute(fine.notAfter!));
    expect(row('gitea/gitea-tls')).toContain(minute(fine.renewalTime!));
    expect(row('mail/mail-tls')).toContain('False');
    expect(row('mail/mail-tls')).toContain('never issued');
    // Soonest expiry first (a never-issued one has no notAfter and sorts before).
    const at = (name: string) => lines.findIndex((l) => l.includes(name));
    expect(at('ingress/pingora-tls')).toBeLessThan(at('gitea/gitea-tls'));
    await press(r.stdin, KEY.esc);
    expect(r.store.getState().ui.modals).toEqual([]);
  });
});

describe('emergency table', () => {
  it('Enter on a row offers its runbooks; Enter in the picker starts one (its dialog, title and tier)', async () => {
    const r = mount();
    await press(r.stdin, 'e');
    await until(() => frame(r).includes('Emergency'));
    expect(frame(r)).toContain('Database down');
    await press(r.stdin, KEY.down, KEY.down);
    await press(r.stdin, KEY.enter);
    await until(() => frame(r).includes('Database down: Check CloudNativePG operator logs'));
    const picker = frame(r);
    expect(picker).toContain('CloudNativePG operator logs');
    expect(picker).toContain('Restart PostgreSQL (data/postgres)');
    expect(picker).not.toContain('Restart Sol');
    expect(r.store.getState().ui.modals.map((m) => m.kind)).toContain('picker');
    // The picker lists them in the runbooks' order: the restart first, the cursor on it.
    expect(picker.indexOf('(restart-postgres)')).toBeGreaterThan(0);
    expect(picker.indexOf('(restart-postgres)')).toBeLessThan(picker.indexOf('(postgres-operator-logs)'));
    await press(r.stdin, KEY.enter);
    await until(() => frame(r).includes('[y/N]'));
    const f = frame(r);
    expect(f).toContain('Restart PostgreSQL (data/postgres)? [y/N]');
    expect(f).toContain('Target: Cluster data/postgres');
    expect(f).toContain('Tier:   change');
    expect(f).toMatch(/Instances: \d\/2 ready/);
    // The picker closed; the emergency table stays underneath, and Esc on the dialog goes back to it.
    expect(r.store.getState().ui.modals.map((m) => m.kind)).toEqual(['emergency', 'action']);
    await press(r.stdin, KEY.esc);
    await until(() => r.store.getState().ui.modals.length === 1);
    expect(r.store.getState().ui.modals.map((m) => m.kind)).toEqual(['emergency']);
  });
});

async function firstRecoverability(): Promise<number> {
  const c: any = await clients.custom.getNamespacedCustomObject({ group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters', namespace: 'data', name: 'postgres' });
  return Date.parse(c.status.firstRecoverabilityPoint);
}

const pitrClusters = async () => {
  const l: any = await clients.custom.listNamespacedCustomObject({ group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters', namespace: 'data' });
  return (l.items as any[]).map((c) => c.metadata.name as string).filter((n) => n.includes('-pitr-'));
};

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe(':pitr params step', () => {
  it('typing a target time, Enter: the preflight and the recovery manifest, typed-name confirmation', async () => {
    const first = await firstRecoverability();
    const target = iso(Math.min(first + 3_600_000, Date.now() - 60_000));
    const r = mount();
    await command(r, 'pitr');
    await until(() => frame(r).includes('the recovery target time'));
    expect(frame(r)).toContain('the recovery target time (RFC 3339, UTC) (e.g. 2026-11-23T18:00:00Z):');
    await type(r.stdin, target);
    expect(frame(r)).toContain(`> ${target}`);
    await press(r.stdin, KEY.enter);
    await until(() => frame(r).includes('to confirm'));
    const f = frame(r);
    expect(f).toContain('Tier:   destructive');
    expect(f).toMatch(/✓ First recoverability point: \d{4}-/);
    expect(f).toContain('is within the recoverability window');
    expect(f).toMatch(/Type postgres-pitr-\S+ to confirm/);
    expect(f).not.toContain('Blocked');
    // The recovery manifest is the dialog's detail (below the preflight; PgDn scrolls to it).
    await press(r.stdin, KEY.pgdn);
    await until(() => frame(r).includes('recoveryTarget'));
    const m = frame(r);
    expect(m).toContain('recoveryTarget');
    expect(m).toContain(`targetTime: ${target}`);
    expect(m).toContain('source: postgres');
    expect(await pitrClusters()).toEqual([]);
    await press(r.stdin, KEY.esc);
    await until(() => r.store.getState().ui.modals.length === 0);
  });

  it('a time before the first recoverability point blocks: one blocking line, no confirmation', async () => {
    const first = await firstRecoverability();
    const target = iso(first - 2 * DAY);
    const r = mount();
    await command(r, 'pitr');
    await until(() => frame(r).includes('the recovery target time'));
    await type(r.stdin, target);
    await press(r.stdin, KEY.enter);
    await until(() => frame(r).includes('Blocked'));
    const f = frame(r);
    expect(f).toMatch(/✗ Target time: \S+ is before the first recoverability point/);
    expect(f).toContain('Blocked: Target time:');
    expect(f).toContain('confirmation disabled while a preflight check blocks');
    expect(f).not.toContain('to confirm');
    const name = /postgres-pitr-[0-9a-z-]+/.exec(r.flowState.step === 'confirm' ? r.flowState.action.target.name : '')?.[0] ?? '';
    expect(name).not.toBe('');
    await type(r.stdin, name);
    await press(r.stdin, KEY.enter, '\u0004');
    await settle(20);
    expect(r.flowState.step).toBe('confirm');
    expect(await pitrClusters()).toEqual([]);
  });

  it('after a dry run, Esc goes back to the confirmation with the same target time (and the same new cluster)', async () => {
    const first = await firstRecoverability();
    const target = iso(Math.min(first + 7_200_000, Date.now() - 60_000));
    const r = mount();
    await command(r, 'pitr');
    await until(() => frame(r).includes('the recovery target time'));
    await type(r.stdin, target);
    await press(r.stdin, KEY.enter);
    await until(() => frame(r).includes('to confirm') && armed(r.store));
    const before = r.flowState.step === 'confirm' ? r.flowState.action : undefined;
    expect(before?.target.name).toMatch(/^postgres-pitr-/);
    expect(before?.detail).toContain(`targetTime: ${target}`);
    expect(frame(r)).toContain('Ctrl-D dry run');
    await press(r.stdin, '\u0004');
    await until(() => frame(r).includes('Dry run: the server would create Cluster'));
    expect(frame(r)).toContain('Esc/Enter back to the confirmation');
    await press(r.stdin, KEY.esc);
    await until(() => frame(r).includes('to confirm'));
    const f = frame(r);
    expect(r.store.getState().ui.modals.map((m) => m.kind)).toEqual(['action']);
    expect(f).toContain('is within the recoverability window');
    expect(f).toContain(`Type ${before!.target.name} to confirm`);
    const after = r.flowState.step === 'confirm' ? r.flowState.action : undefined;
    expect(after?.target.name).toBe(before!.target.name);
    expect(after?.detail).toContain(`targetTime: ${target}`);
    expect(await pitrClusters()).toEqual([]);
    await press(r.stdin, KEY.esc);
    await until(() => r.store.getState().ui.modals.length === 0);
    expect(r.store.getState().ui.modals).toEqual([]);
  });
});
