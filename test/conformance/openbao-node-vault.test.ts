// node-vault (the real client, unmodified) against the simulator's OpenBao: over BAO_ADDR (the openbao
// Service) and per replica through the Kubernetes API's pod proxy, which is how a sealed replica is reached.
// Status, health codes and overrides, unseal progress with three of the five shares, a wrong share refused,
// reset, KV put/get with a CAS conflict, 403 on a wrong token, and three replicas in HA.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import vault from 'node-vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { kubectl } from './kubectl-helper.js';

type Client = ReturnType<typeof vault>;

function kubeToken(sim: SimHandle): string {
  return parse(readFileSync(sim.kubeconfigPath, 'utf8')).users[0].user.token;
}

/** node-vault on BAO_ADDR, as a shell with `sim`'s exports would set it up. */
function viaService(sim: SimHandle, token = sim.env.BAO_TOKEN!): Client {
  return vault({ endpoint: sim.env.BAO_ADDR, token, requestOptions: { ca: readFileSync(sim.env.BAO_CACERT!, 'utf8') } } as never);
}

/** node-vault on one replica through the pod proxy, with the Kubernetes bearer token for the API server. */
function viaPodProxy(sim: SimHandle, replica: string, token = sim.env.BAO_TOKEN!): Client {
  return vault({
    endpoint: `${sim.url}/api/v1/namespaces/openbao/pods/https:${replica}:8200/proxy`,
    token,
    requestOptions: { ca: sim.caPem, headers: { Authorization: `Bearer ${kubeToken(sim)}` } },
  } as never);
}

async function rejection(p: Promise<unknown>): Promise<{ message: string; response: { statusCode: number; body: { errors: string[] } } }> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err, 'the call should have been refused').toBeInstanceOf(Error);
  return err as never;
}

describe('node-vault against the simulated OpenBao, one replica', () => {
  let sim: SimHandle;
  beforeAll(async () => {
    sim = await startSim({ scenario: 'healthy' });
  });
  afterAll(() => sim?.stop());

  it('status, health, token lookup over BAO_ADDR', async () => {
    const v = viaService(sim);
    expect(await v.status()).toMatchObject({ type: 'shamir', initialized: true, sealed: false, t: 3, n: 5, progress: 0, version: '2.1.0', storage_type: 'raft' });
    const h = await v.health();
    expect(h).toMatchObject({ initialized: true, sealed: false, standby: false, version: '2.1.0' });
    expect(h.cluster_id).toMatch(/^[0-9a-f-]{36}$/);
    const me = await v.tokenLookupSelf();
    expect(me.data).toMatchObject({ id: sim.env.BAO_TOKEN, policies: ['root'], ttl: 0, display_name: 'root' });
  });

  it('KV v2: put, get, versions, a CAS conflict, list and delete', async () => {
    const v = viaService(sim);
    const w1 = await v.write('secret/data/sunbeam/test', { data: { a: '1' }, options: { cas: 0 } });
    expect(w1.data).toMatchObject({ version: 1, destroyed: false, deletion_time: '' });
    const conflict = await rejection(v.write('secret/data/sunbeam/test', { data: { a: 'x' }, options: { cas: 0 } }));
    expect(conflict.message).toBe('check-and-set parameter did not match the current version');
    expect(conflict.response.statusCode).toBe(400);
    expect((await v.write('secret/data/sunbeam/test', { data: { a: '2' }, options: { cas: 1 } })).data.version).toBe(2);
    expect((await v.read('secret/data/sunbeam/test')).data).toMatchObject({ data: { a: '2' }, metadata: { version: 2 } });
    expect((await v.read('secret/data/sunbeam/test?version=1')).data.data).toEqual({ a: '1' });
    expect((await v.read('secret/metadata/sunbeam/test')).data).toMatchObject({ current_version: 2, oldest_version: 1, versions: { '1': { destroyed: false }, '2': { destroyed: false } } });
    expect((await v.list('secret/metadata/sunbeam')).data.keys).toEqual(['test']);
    expect((await v.list('secret/metadata/')).data.keys).toEqual(expect.arrayContaining(['messages/', 'monitoring/', 'sunbeam/']));
    await v.delete('secret/data/sunbeam/test');
    const gone = await rejection(v.read('secret/data/sunbeam/test'));
    expect(gone.response.statusCode).toBe(404);
    await v.delete('secret/metadata/sunbeam/test');
    expect((await rejection(v.read('secret/metadata/sunbeam/test'))).response.body).toEqual({ errors: [] });
  });

  it('a wrong token gets 403 "permission denied", as OpenBao answers', async () => {
    const bad = viaService(sim, 's.not-a-token');
    const err = await rejection(bad.read('secret/data/messages/django-secret'));
    expect(err.message).toBe('permission denied');
    expect(err.response.statusCode).toBe(403);
    expect((await rejection(bad.tokenLookupSelf())).response.statusCode).toBe(403);
    // sys/seal-status and sys/health need no token
    expect((await bad.status()).sealed).toBe(false);
  });

  it('seal, then unseal through the pod proxy: progress with three of five shares, a repeated, a malformed and a wrong share, reset', async () => {
    const v = viaPodProxy(sim, 'openbao-0');
    await v.seal();
    expect((await v.status()).sealed).toBe(true);
    // health's sealed code and its override
    expect(await v.health()).toMatchObject({ sealed: true });
    const direct = await fetchStatus(sim, '/v1/sys/health');
    expect(direct.status).toBe(503);
    expect((await fetchStatus(sim, '/v1/sys/health?sealedcode=299')).status).toBe(299);
    // a sealed node refuses what needs the barrier
    expect((await rejection(v.read('secret/data/messages/django-secret'))).message).toBe('Vault is sealed');
    const shares = sim.unsealKeys;
    let st = await v.unseal({ key: shares[3] });
    expect(st).toMatchObject({ sealed: true, t: 3, n: 5, progress: 1 });
    const nonce = st.nonce;
    expect(nonce).toMatch(/^[0-9a-f-]{36}$/);
    st = await v.unseal({ key: shares[3] });
    expect(st).toMatchObject({ progress: 1, nonce });
    const malformed = await rejection(v.unseal({ key: 'not a share!' }));
    expect(malformed.message).toBe("'key' must be a valid hex or base64 string");
    expect((await rejection(v.unseal({}))).message).toBe("'key' must be specified in request body as JSON, or 'reset' set to true");
    // hex works as well as base64
    st = await v.unseal({ key: Buffer.from(shares[1]!, 'base64').toString('hex') });
    expect(st.progress).toBe(2);
    st = await v.unseal({ reset: true });
    expect(st).toMatchObject({ sealed: true, progress: 0, nonce: '' });
    // three wrong shares: refused at the threshold, progress back to 0. A share's last byte is its x-coordinate:
    // random shares get distinct ones (1, 2, 3), or a repeated x would fail as "duplicate part" instead (1 run in ~90).
    const wrongShare = (x: number) => Buffer.concat([randomBytes(32), Buffer.from([x])]).toString('base64');
    await v.unseal({ key: wrongShare(1) });
    await v.unseal({ key: wrongShare(2) });
    const wrong = await rejection(v.unseal({ key: wrongShare(3) }));
    expect(wrong.message).toBe('unable to retrieve stored keys: invalid key: failed to decrypt keys from storage: cipher: message authentication failed');
    expect((await v.status()).progress).toBe(0);
    // three genuine ones open it
    for (const [i, key] of [shares[0], shares[2]].entries()) expect((await v.unseal({ key })).progress).toBe(i + 1);
    st = await v.unseal({ key: shares[4] });
    expect(st).toMatchObject({ sealed: false, progress: 0 });
    expect(st.cluster_name).toBeTruthy();
    expect((await rejection(v.unseal({ reset: true }))).message).toBe('vault is unsealed');
    expect((await viaService(sim).health()).sealed).toBe(false);
  });

  it('the pod proxy through kubectl get --raw, as a real API server offers it', async () => {
    const ok = await kubectl(sim.kubeconfigPath, ['get', '--raw', '/api/v1/namespaces/openbao/pods/https:openbao-0:8200/proxy/v1/sys/seal-status']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ type: 'shamir', sealed: false });
    // plain http to OpenBao's TLS listener gets Go's answer
    const plain = await kubectl(sim.kubeconfigPath, ['get', '--raw', '/api/v1/namespaces/openbao/pods/openbao-0:8200/proxy/v1/sys/seal-status']);
    expect(plain.code).not.toBe(0);
    expect(plain.stderr).toContain('BadRequest');
    expect(await fetchStatus(sim, '/v1/sys/seal-status', 'openbao-0', 'http')).toEqual({ status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n' });
    // nothing listens on a port the pod does not serve: the API server's refused dial
    const nothing = await kubectl(sim.kubeconfigPath, ['get', '--raw', '/api/v1/namespaces/openbao/pods/https:openbao-0:9999/proxy/']);
    expect(nothing.stderr).toMatch(/ServiceUnavailable|connection refused/);
    const missing = await kubectl(sim.kubeconfigPath, ['get', '--raw', '/api/v1/namespaces/openbao/pods/https:openbao-7:8200/proxy/v1/sys/health']);
    expect(missing.stderr).toContain('pods "openbao-7" not found');
  });
});

/** A raw GET through the pod proxy (status codes node-vault would hide). */
async function fetchStatus(sim: SimHandle, path: string, replica = 'openbao-0', scheme = 'https'): Promise<{ status: number; body: string }> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(`${sim.url}/api/v1/namespaces/openbao/pods/${scheme}:${replica}:8200/proxy${path}`, { ca: sim.caPem, headers: { Authorization: `Bearer ${kubeToken(sim)}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('node-vault against three replicas (HA with Raft)', () => {
  let sim: SimHandle;
  beforeAll(async () => {
    sim = await startSim({ scenario: 'healthy', openbaoReplicas: 3 });
  });
  afterAll(() => sim?.stop());

  it('a leader and two standbys: sys/leader, standby health 429 and its overrides, standbys forward', async () => {
    const lead = await viaPodProxy(sim, 'openbao-0').read('sys/leader');
    expect(lead).toMatchObject({ ha_enabled: true, is_self: true, leader_address: 'https://openbao-0.openbao-internal:8200' });
    const fromStandby = await viaPodProxy(sim, 'openbao-1').read('sys/leader');
    expect(fromStandby).toMatchObject({ is_self: false, leader_address: 'https://openbao-0.openbao-internal:8200', active_time: '0001-01-01T00:00:00Z' });
    expect((await fetchStatus(sim, '/v1/sys/health', 'openbao-0')).status).toBe(200);
    const standby = await fetchStatus(sim, '/v1/sys/health', 'openbao-1');
    expect(standby.status).toBe(429);
    expect(JSON.parse(standby.body)).toMatchObject({ standby: true, sealed: false });
    expect((await fetchStatus(sim, '/v1/sys/health?standbyok=true', 'openbao-1')).status).toBe(200);
    expect((await fetchStatus(sim, '/v1/sys/health?standbycode=204', 'openbao-2')).status).toBe(204);
    expect((await fetchStatus(sim, '/v1/sys/health?activecode=abc', 'openbao-0')).status).toBe(400);
    // node-vault resolves a non-2xx health as data
    expect(await viaPodProxy(sim, 'openbao-2').health()).toMatchObject({ standby: true });
    // a standby forwards KV reads to the active node
    expect((await viaPodProxy(sim, 'openbao-2').read('secret/data/messages/django-secret')).data.metadata.version).toBe(1);
    // a standby cannot seal itself
    expect((await rejection(viaPodProxy(sim, 'openbao-1').seal())).message).toBe('vault cannot seal when in standby mode; please restart instead');
  });

  it('sealing the leader moves the lead; each replica has its own seal and unseal progress', async () => {
    await viaPodProxy(sim, 'openbao-0').seal();
    expect((await viaPodProxy(sim, 'openbao-1').read('sys/leader')).is_self).toBe(true);
    expect((await viaService(sim).status()).sealed).toBe(false);
    await viaPodProxy(sim, 'openbao-0').unseal({ key: sim.unsealKeys[0] });
    expect((await viaPodProxy(sim, 'openbao-0').status()).progress).toBe(1);
    expect((await viaPodProxy(sim, 'openbao-2').status()).progress).toBe(0);
    await viaPodProxy(sim, 'openbao-0').unseal({ key: sim.unsealKeys[1] });
    expect((await viaPodProxy(sim, 'openbao-0').unseal({ key: sim.unsealKeys[2] })).sealed).toBe(false);
    expect((await viaPodProxy(sim, 'openbao-0').read('sys/leader')).is_self).toBe(false);
  });
});

describe('node-vault against vault-token-expired', () => {
  it('the exported BAO_TOKEN is refused with 403 "permission denied"; what needs no token still answers', async () => {
    const sim = await startSim({ scenario: 'vault-token-expired' });
    try {
      const v = viaService(sim);
      expect((await v.status()).sealed).toBe(false);
      const err = await rejection(v.tokenLookupSelf());
      expect(err.response).toMatchObject({ statusCode: 403, body: { errors: ['permission denied'] } });
      expect((await rejection(v.write('secret/data/messages/django-secret', { data: { DJANGO_SECRET_KEY: 'x' } }))).response.statusCode).toBe(403);
    } finally {
      await sim.stop();
    }
  });
});
