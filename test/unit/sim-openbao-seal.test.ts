// The simulator's OpenBao seal: real Shamir shares of a real key (shamir-secret-sharing), per replica, with
// OpenBao's answers for wrong, repeated and malformed shares, and Raft's quorum for the leader.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BaoCluster, type BaoEvent } from '../../src/sim/box/openbao/cluster.js';
import { SealKeys, UnsealError } from '../../src/sim/box/openbao/keys.js';

const b64 = (s: string) => Buffer.from(s, 'base64');

function cluster(size = 1): { bao: BaoCluster; events: BaoEvent[] } {
  const events: BaoEvent[] = [];
  const bao = new BaoCluster(size, () => new Date(), (e) => events.push(e));
  return { bao, events };
}

async function rejection(p: Promise<unknown>): Promise<UnsealError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UnsealError);
  return err as UnsealError;
}

describe('the Shamir seal', () => {
  it('splits a random key into five 33-byte shares; any three genuine ones open it, two do not', async () => {
    const { keys, shares } = await SealKeys.init();
    expect(shares).toHaveLength(5);
    for (const s of shares) expect(b64(s)).toHaveLength(33);
    expect(new Set(shares).size).toBe(5);
    for (const combo of [[0, 1, 2], [0, 2, 4], [1, 3, 4], [4, 3, 2]]) await keys.open(combo.map((i) => b64(shares[i]!)));
    const two = await rejection(keys.open([b64(shares[0]!), b64(shares[1]!)]));
    expect(two.status).toBe(500);
    expect(two.message).toBe('unable to retrieve stored keys: invalid key: failed to decrypt keys from storage: cipher: message authentication failed');
  });

  it('shares of another cluster (another init) fail as OpenBao fails: cipher: message authentication failed', async () => {
    const a = await SealKeys.init();
    const b = await SealKeys.init();
    const err = await rejection(a.keys.open(b.shares.slice(0, 3).map(b64)));
    expect(err).toMatchObject({ status: 500, message: expect.stringContaining('cipher: message authentication failed') });
  });
});

describe('one replica unsealing', () => {
  it('counts progress with a nonce, ignores a repeated share, and opens at three genuine shares', async () => {
    const { bao } = cluster();
    const shares = await bao.init();
    bao.seal('openbao-0');
    expect(bao.leader).toBeUndefined();
    await bao.submitShare('openbao-0', b64(shares[2]!));
    const first = bao.view('openbao-0')!;
    expect(first).toMatchObject({ sealed: true, progress: 1 });
    expect(first.nonce).toMatch(/^[0-9a-f-]{36}$/);
    await bao.submitShare('openbao-0', b64(shares[2]!));
    expect(bao.view('openbao-0')).toMatchObject({ progress: 1, nonce: first.nonce });
    await bao.submitShare('openbao-0', b64(shares[0]!));
    expect(bao.view('openbao-0')!.progress).toBe(2);
    await bao.submitShare('openbao-0', b64(shares[4]!));
    expect(bao.view('openbao-0')).toMatchObject({ sealed: false, progress: 0, nonce: '', active: true });
    expect(bao.leader).toBe('openbao-0');
  });

  it('three wrong shares fail at the threshold and reset the progress; a reset forgets shares and the next attempt has a new nonce', async () => {
    const { bao } = cluster();
    const shares = await bao.init();
    bao.seal('openbao-0');
    // random shares with distinct x-coordinates (the last byte): a repeated x fails as "duplicate part" instead
    const wrong = (x: number) => Buffer.concat([randomBytes(32), Buffer.from([x])]);
    for (let i = 0; i < 2; i++) await bao.submitShare('openbao-0', wrong(i + 1));
    const err = await rejection(bao.submitShare('openbao-0', wrong(3)));
    expect(err.message).toContain('cipher: message authentication failed');
    expect(bao.view('openbao-0')).toMatchObject({ sealed: true, progress: 0, nonce: '' });
    // two genuine shares and a wrong one fail too: only genuine shares open it
    await bao.submitShare('openbao-0', b64(shares[0]!));
    await bao.submitShare('openbao-0', b64(shares[1]!));
    await rejection(bao.submitShare('openbao-0', randomBytes(33)));
    await bao.submitShare('openbao-0', b64(shares[0]!));
    const nonce = bao.view('openbao-0')!.nonce;
    bao.resetUnseal('openbao-0');
    expect(bao.view('openbao-0')).toMatchObject({ progress: 0, nonce: '' });
    await bao.submitShare('openbao-0', b64(shares[1]!));
    expect(bao.view('openbao-0')!.nonce).not.toBe(nonce);
    expect(bao.view('openbao-0')!.sealed).toBe(true);
  });

  it('refuses a share of the wrong length before counting it', async () => {
    const { bao } = cluster();
    await bao.init();
    bao.seal('openbao-0');
    expect(await rejection(bao.submitShare('openbao-0', randomBytes(8)))).toMatchObject({ status: 400, message: 'invalid key: key is shorter than minimum 16 bytes' });
    expect(await rejection(bao.submitShare('openbao-0', randomBytes(40)))).toMatchObject({ status: 400, message: 'invalid key: key is longer than maximum 33 bytes' });
    expect(bao.view('openbao-0')!.progress).toBe(0);
  });
});

describe('three replicas with Raft', () => {
  it('elects a leader only with a quorum unsealed; each replica has its own seal; a restarted leader gives way', async () => {
    const { bao, events } = cluster(3);
    const shares = await bao.init();
    expect(bao.leader).toBe('openbao-0');
    bao.sealAll();
    expect(bao.leader).toBeUndefined();
    const unseal = async (r: string) => {
      for (const s of shares.slice(1, 4)) await bao.submitShare(r, b64(s));
    };
    await unseal('openbao-1');
    expect(bao.view('openbao-1')).toMatchObject({ sealed: false, active: false });
    expect(bao.leader).toBeUndefined();
    await unseal('openbao-2');
    expect(bao.leader).toBe('openbao-1');
    expect(bao.view('openbao-0')!.sealed).toBe(true);
    bao.restarted('openbao-1');
    expect(bao.view('openbao-1')!.sealed).toBe(true);
    expect(bao.leader).toBeUndefined();
    await unseal('openbao-0');
    expect(bao.leader).toBe('openbao-0');
    // sealing one by one, leadership moved to openbao-1 before the quorum was lost
    expect(events.filter((e) => e.kind === 'leader').map((e) => (e as { leader?: string }).leader)).toEqual(['openbao-0', 'openbao-1', undefined, 'openbao-1', undefined, 'openbao-0']);
  });
});
