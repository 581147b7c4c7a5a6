// The simulator's OpenBao in the Box, on a ManualClock: sealed replicas are not Ready and drop out, the
// workloads whose credentials come through the Vault Secrets Operator fail with its words and recover after
// the unseal; `bao status` via exec says what the HTTP API says; a KV write reaches its Secret within 30 s
// and restarts the Deployments that use it; database credentials rotate every 5 minutes.
import { describe, expect, it } from 'vitest';
import type { Box } from '../../src/sim/box/index.js';
import { ManualClock } from '../../src/sim/box/clock.js';
import { VAULT_VERSION, VSO_RESTARTED_AT } from '../../src/sim/box/vso.js';
import { SPEED, boot, podsOf, ready, stepping, unsealWith, until } from './sim-box-helpers.js';

async function baoStatus(box: Box, clock: ManualClock, pod: string): Promise<{ code: number; rows: Record<string, string> }> {
  let out = '';
  const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t), signal: new AbortController().signal };
  const code = await stepping(clock, box.exec.run({ namespace: 'openbao', pod, container: 'openbao', command: ['bao', 'status'] }, io));
  const rows = Object.fromEntries(out.trim().split('\n').slice(2).map((l) => [l.slice(0, l.search(/\s{3}/)).trim(), l.slice(l.search(/\s{3}/)).trim()]));
  return { code, rows };
}


describe('OpenBao sealed: causes and recovery', () => {
  it('vault-sealed: openbao-0 not Ready, VSO-credentialed apps crash with "Vault is sealed"; bao status via exec agrees; three shares heal all', async () => {
    const clock = new ManualClock();
    const { store, box } = boot('vault-sealed', true, clock);
    expect(ready(store.get('pods', 'openbao', 'openbao-0'))).toBe(false);
    const ep = store.get('endpoints', 'openbao', 'openbao')!;
    expect(ep.subsets[0].addresses).toBeUndefined();
    expect(ep.subsets[0].notReadyAddresses).toHaveLength(1);
    const app = podsOf(store, 'messages', 'messages')[0]!;
    await until('messages to log why it cannot start', () => box.logs.history('messages', app.metadata.name, app.spec.containers[0].name, false)?.some((l) => l.text.includes('Vault is sealed')));
    let st = await baoStatus(box, clock, 'openbao-0');
    expect(st.code).toBe(2);
    expect(st.rows).toMatchObject({ Sealed: 'true', 'Total Shares': '5', Threshold: '3', 'Unseal Progress': '0/3', 'Unseal Nonce': 'n/a' });
    const shares = await box.world.bao.init();
    await box.world.bao.submitShare('openbao-0', Buffer.from(shares[4]!, 'base64'));
    st = await baoStatus(box, clock, 'openbao-0');
    expect(st.rows).toMatchObject({ 'Unseal Progress': '1/3', 'Unseal Nonce': box.world.bao.view('openbao-0')!.nonce });
    await unsealWith(box, 'openbao-0', [0, 1]);
    st = await baoStatus(box, clock, 'openbao-0');
    expect(st.code).toBe(0);
    expect(st.rows).toMatchObject({ Sealed: 'false', 'HA Enabled': 'true', 'HA Mode': 'active' });
    await until('openbao-0 Ready', () => ready(store.get('pods', 'openbao', 'openbao-0')));
    await until('every VSO-credentialed pod Ready', () => ['messages', 'sol', 'gitea', 'drive', 'synapse'].every((a) => store.list('pods').filter((p) => p.metadata.labels?.app === a).every(ready)), 30_000);
  });

  it('vault-replica-sealed: three replicas, openbao-2 sealed alone and out of the Service; the leader serves and nothing else breaks', async () => {
    const clock = new ManualClock();
    const { store, box } = boot('vault-replica-sealed', true, clock);
    expect(store.get('statefulsets.apps', 'openbao', 'openbao')!.spec.replicas).toBe(3);
    await until('openbao-0 and openbao-1 Ready', () => ready(store.get('pods', 'openbao', 'openbao-0')) && ready(store.get('pods', 'openbao', 'openbao-1')));
    expect(ready(store.get('pods', 'openbao', 'openbao-2'))).toBe(false);
    expect(box.world.sealed).toBe(false);
    expect(podsOf(store, 'messages', 'messages').every(ready)).toBe(true);
    expect((await baoStatus(box, clock, 'openbao-0')).rows['HA Mode']).toBe('active');
    const standby = await baoStatus(box, clock, 'openbao-1');
    expect(standby).toMatchObject({ code: 0, rows: { 'HA Mode': 'standby', 'Active Node Address': 'https://openbao-0.openbao-internal:8200' } });
    expect((await baoStatus(box, clock, 'openbao-2')).code).toBe(2);
    await unsealWith(box, 'openbao-2');
    await until('openbao-2 Ready', () => ready(store.get('pods', 'openbao', 'openbao-2')));
  });

  it('a restarted leader comes back sealed and Raft moves the lead to a standby; the apps keep their credentials', async () => {
    const clock = new ManualClock();
    const { store, box } = boot('healthy', true, clock, { openbaoReplicas: 3 });
    expect(box.world.bao.leader).toBe('openbao-0');
    const old = store.get('pods', 'openbao', 'openbao-0')!;
    store.delete('pods', 'openbao', 'openbao-0', { graceful: true });
    expect(box.world.bao.leader).toBe('openbao-1');
    await until('a new openbao-0, running and sealed', () => {
      const p = store.get('pods', 'openbao', 'openbao-0');
      return p && p.metadata.uid !== old.metadata.uid && p.status.containerStatuses?.[0]?.state?.running && box.world.bao.view('openbao-0')!.sealed;
    });
    expect(box.world.sealed).toBe(false);
    expect(ready(store.get('pods', 'openbao', 'openbao-0'))).toBe(false);
    expect(podsOf(store, 'matrix', 'sol').every(ready)).toBe(true);
  });
});

describe('the Vault Secrets Operator', () => {
  it('a KV write reaches its Kubernetes Secret within 30 s and restarts the Deployments of its VaultStaticSecret', async () => {
    const clock = new ManualClock();
    const { store, box } = boot('healthy', true, clock);
    const vss = store.get('vaultstaticsecrets.secrets.hashicorp.com', 'messages', 'django-secret')!;
    expect(vss.spec.rolloutRestartTargets).toEqual([{ kind: 'Deployment', name: 'messages' }, { kind: 'Deployment', name: 'messages-worker' }]);
    const before = podsOf(store, 'messages', 'messages').map((p) => p.metadata.uid);
    const t0 = clock.now();
    const version = box.world.kv.write('messages/django-secret', { DJANGO_SECRET_KEY: 'ab'.repeat(32) }, 1);
    expect(version).toBe(2);
    await until('the Secret to hold version 2', () => store.get('secrets', 'messages', 'django-secret')!.metadata.annotations?.[VAULT_VERSION] === '2');
    // simulated seconds are clock milliseconds times the speed
    expect((clock.now() - t0) * SPEED).toBeLessThanOrEqual(30_000 + 250 * SPEED);
    expect(Buffer.from(store.get('secrets', 'messages', 'django-secret')!.data.DJANGO_SECRET_KEY, 'base64').toString()).toBe('ab'.repeat(32));
    for (const d of ['messages', 'messages-worker']) expect(store.get('deployments.apps', 'messages', d)!.spec.template.metadata.annotations[VSO_RESTARTED_AT]).toBeTruthy();
    await until('messages rolled to new Ready pods', () => {
      const pods = podsOf(store, 'messages', 'messages');
      return pods.length === 2 && pods.every((p) => ready(p) && !before.includes(p.metadata.uid));
    }, 30_000);
  });

  it('rotates the database credentials every 5 minutes, and not while OpenBao is sealed', async () => {
    const clock = new ManualClock();
    const { store, box } = boot('healthy', true, clock);
    const creds = () => JSON.stringify(store.get('secrets', 'messages', 'messages-db-creds')!.data);
    const first = creds();
    const t0 = clock.now();
    await until('a rotation', () => creds() !== first, 20_000);
    const took = (clock.now() - t0) * SPEED;
    expect(took).toBeGreaterThan(4 * 60_000);
    expect(took).toBeLessThanOrEqual(5 * 60_000 + 250 * SPEED);
    expect(store.get('vaultdynamicsecrets.secrets.hashicorp.com', 'messages', 'messages-db-creds')!.status.lastRenewalTime).toBeGreaterThan(0);
    box.world.seal();
    const sealed = creds();
    clock.advance((6 * 60_000) / SPEED);
    expect(creds()).toBe(sealed);
  });
});
