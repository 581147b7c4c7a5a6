// The OpenBao source's pure parts (records, roles in words, the nonce-change detection, the token), its error
// sentences, the seal rule and rung 4's verdict, and the unseal action's share handling (never journaled, wiped).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../../src/actions/executor.js';
import { looksLikeShare, trimShare, unsealAction } from '../../src/actions/primitives/unseal.js';
import { secretBuffers } from '../../src/actions/secret-buffers.js';
import { unsealErrorSentence } from '../../src/actions/unseal-errors.js';
import { Journal } from '../../src/journal/journal.js';
import { evaluateLadder } from '../../src/ladder/index.js';
import { vaultVerdict } from '../../src/ladder/vault-verdict.js';
import { baoSettings } from '../../src/session/bao-env.js';
import { describeBaoError } from '../../src/sources/openbao/errors.js';
import { replicaRecord, roleOf, roleWords, sealStatusOf, tokenRecord, ttlWords, unreachableRecord, unsealNotices } from '../../src/sources/openbao/records.js';
import type { BaoReplica, OpenbaoData } from '../../src/store/openbao-slice.js';
import { boxState, crashing, workload } from './ladder-helpers.js';

const NOW = Date.parse('2026-11-24T02:00:00Z');
const sealedRec = (progress: number, nonce = progress ? 'n-1' : ''): BaoReplica => replicaRecord('openbao-0', { sealed: true, initialized: true, t: 3, n: 5, progress, nonce, version: '2.1.0', type: 'shamir' }, { sealed: true, initialized: true }, undefined, NOW);
const openRec = (name = 'openbao-0', standby = false): BaoReplica => replicaRecord(name, { sealed: false, initialized: true, t: 3, n: 5, progress: 0, nonce: '', version: '2.1.0', cluster_name: 'box' }, { sealed: false, initialized: true, standby }, { ha_enabled: true, is_self: !standby, leader_address: 'https://openbao-0.openbao-internal:8200' }, NOW);
const ob = (...replicas: BaoReplica[]): OpenbaoData => ({ addr: 'https://127.0.0.1:8200', replicas: Object.fromEntries(replicas.map((r) => [r.name, r])), notices: [], synced: true });

describe('OpenBao records', () => {
  it('a replica record keeps what seal-status, health and leader said; roles in words', () => {
    expect(sealedRec(1)).toMatchObject({ name: 'openbao-0', reachable: true, sealed: true, t: 3, n: 5, progress: 1, nonce: 'n-1', role: 'sealed', leader: false, version: '2.1.0', sealType: 'shamir' });
    expect(roleWords(sealedRec(1))).toBe('sealed, 1/3 shares');
    expect(openRec()).toMatchObject({ role: 'active', leader: true, haEnabled: true, clusterName: 'box' });
    expect(openRec('openbao-1', true)).toMatchObject({ role: 'standby', leader: false });
    expect(roleOf({ initialized: false }, undefined)).toBe('not initialized');
    expect(roleOf({ sealed: false }, { standby: false, performance_standby: true })).toBe('performance standby');
    expect(sealStatusOf({ sealed: 'yes', t: 3, extra: 1 })).toEqual({ t: 3 });
    const gone = unreachableRecord('openbao-0', 'openbao-0 is unreachable.', sealedRec(2));
    expect(gone).toMatchObject({ reachable: false, role: 'unreachable', progress: 2, error: 'openbao-0 is unreachable.' });
    expect(roleWords(gone)).toBe('unreachable');
  });

  it('calls out a changed nonce, a progress reset and shares entered by someone else, but not our own shares', () => {
    expect(unsealNotices(sealedRec(2, 'n-1'), sealedRec(1, 'n-2'), NOW)).toEqual([expect.objectContaining({ kind: 'nonce-changed', text: expect.stringContaining('someone reset the unseal and started again') })]);
    expect(unsealNotices(sealedRec(2), sealedRec(0), NOW)).toEqual([expect.objectContaining({ kind: 'progress-reset', text: 'openbao-0: unseal progress went back from 2/3 to 0/3: someone reset it (or the pod restarted); enter the shares again.' })]);
    expect(unsealNotices(sealedRec(1), sealedRec(2), NOW)).toEqual([expect.objectContaining({ kind: 'progress-by-other' })]);
    expect(unsealNotices(sealedRec(1), sealedRec(2), NOW, true)).toEqual([]);
    expect(unsealNotices(sealedRec(2), openRec(), NOW)).toEqual([]);
    expect(unsealNotices(undefined, sealedRec(1), NOW)).toEqual([]);
  });

  it('the token: validity and time to live', () => {
    const t = tokenRecord({ data: { ttl: 7500, expire_time: '2026-11-24T04:05:00Z', display_name: 'root', policies: ['root'] } }, NOW, 'BAO_TOKEN');
    expect(t).toMatchObject({ state: 'valid', ttlSeconds: 7500, from: 'BAO_TOKEN', policies: ['root'] });
    expect(ttlWords(t)).toBe('valid, expires in 2h 5m');
    expect(ttlWords(tokenRecord({ data: { ttl: 0 } }, NOW))).toBe('valid, never expires');
  });
});

describe('OpenBao settings and error sentences', () => {
  it('BAO_* first, VAULT_* as the fallback, ~/.vault-token last; nothing without an address', () => {
    const home = mkdtempSync(join(tmpdir(), 'sc-bao-home-'));
    expect(baoSettings({ HOME: home })).toBeUndefined();
    expect(baoSettings({ VAULT_ADDR: 'https://v:8200/', VAULT_TOKEN: 'vt', BAO_SKIP_VERIFY: 'true', HOME: home })).toMatchObject({ addr: 'https://v:8200', addrFrom: 'VAULT_ADDR', token: 'vt', tokenFrom: 'VAULT_TOKEN', skipVerify: true });
    expect(baoSettings({ BAO_ADDR: 'https://b:8200', VAULT_ADDR: 'https://v:8200', BAO_TOKEN: 'bt', VAULT_TOKEN: 'vt', HOME: home })).toMatchObject({ addr: 'https://b:8200', token: 'bt', tokenFrom: 'BAO_TOKEN' });
    expect(baoSettings({ BAO_ADDR: 'https://b:8200', BAO_CACERT: join(home, 'nope.pem'), HOME: home })!.problem).toMatch(/^BAO_CACERT names .*nope\.pem, which cannot be read \(ENOENT\); fix it or unset it\.$/);
  });

  it('one sentence with what to do next: a 403, an expired token, unreachable, the pod proxy, a wrong or malformed share', () => {
    const res = (statusCode: number, body: unknown) => Object.assign(new Error('x'), { response: { statusCode, body } });
    expect(describeBaoError(res(403, { errors: ['permission denied'] }), 'OpenBao at https://b:8200', 'BAO_TOKEN').sentence).toBe(
      'OpenBao at https://b:8200 refused the token (from BAO_TOKEN) (403: permission denied): it is expired, revoked or lacks a policy; log in again (bao login) or set BAO_TOKEN to a token allowed to do this.',
    );
    expect(describeBaoError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'OpenBao at https://b:8200').sentence).toBe('OpenBao at https://b:8200 is unreachable (connection refused); is OpenBao running, and is BAO_ADDR right?');
    expect(describeBaoError(res(403, { kind: 'Status', code: 403, message: 'pods "openbao-0" is forbidden' }), 'openbao-0').kind).toBe('proxy-forbidden');
    expect(unsealErrorSentence(res(500, { errors: ['unable to retrieve stored keys: invalid key: failed to decrypt keys from storage: cipher: message authentication failed'] }), 'openbao-0', undefined, 3)).toBe(
      'The shares entered do not open openbao-0: one of them is wrong or belongs to another cluster; OpenBao discarded this attempt, so start again with 3 correct shares.',
    );
    expect(unsealErrorSentence(res(400, { errors: ["'key' must be a valid hex or base64 string"] }), 'openbao-0')).toMatch(/^openbao-0 did not take that: it is not a key share/);
    expect(unsealErrorSentence(res(400, { errors: ['vault is unsealed'] }), 'openbao-0')).toBe('openbao-0 is already unsealed; nothing to do.');
  });
});

describe('the seal in the ladder', () => {
  const sources = { kubernetes: { state: 'ok' as const, lastSuccess: NOW }, openbao: { state: 'ok' as const, lastSuccess: NOW } };

  it('rung 4: not connected without BAO_ADDR, unknown while it cannot tell, failing sealed, warn one replica sealed, ok unsealed', () => {
    expect(vaultVerdict(undefined, undefined)).toEqual({ verdict: 'not-connected', summary: 'not connected' });
    expect(vaultVerdict(ob(), { state: 'connecting' })).toEqual({ verdict: 'unknown', summary: 'connecting' });
    expect(vaultVerdict(ob(unreachableRecord('openbao-0', 'x')), { state: 'unreachable', lastError: 'x' })).toEqual({ verdict: 'unknown', summary: 'unreachable' });
    expect(vaultVerdict(ob(sealedRec(1)), sources.openbao)).toEqual({ verdict: 'failing', summary: 'sealed, 1/3 shares' });
    expect(vaultVerdict(ob(openRec(), { ...sealedRec(0), name: 'openbao-1' }), sources.openbao)).toEqual({ verdict: 'warn', summary: '1 sealed, 1/2 unsealed' });
    expect(vaultVerdict(ob(openRec()), sources.openbao)).toEqual({ verdict: 'ok', summary: 'unsealed' });
  });

  it('sealed is the root cause, first; the workloads that need it and the Vault Secrets Operator are blocked by it', () => {
    const vso = workload('Deployment', 'vault-secrets-operator', 'vault-secrets-operator-controller-manager', 1, 1);
    const s = { ...boxState({ sources, workloads: [vso], pods: [crashing('messages', 'messages-7d9f8b6c5d-x2kq9', 'messages')] }), openbao: ob(sealedRec(0)) };
    const l = evaluateLadder(s, NOW);
    expect(l.findings.find((f) => f.rule === 'vso-cannot-sync')).toMatchObject({ severity: 'warn', because: 'blocked by: OpenBao sealed', blockedBy: ['openbao-sealed:openbao/openbao'] });
    expect(l.rootCause).toMatchObject({ rule: 'openbao-sealed', title: 'openbao/openbao: OpenBao sealed, 0/3 key shares entered' });
    expect(l.findings[0]!.rule).toBe('openbao-sealed');
    expect(l.findings.find((f) => f.component === 'messages')).toMatchObject({ severity: 'failing', blockedBy: ['openbao-sealed:openbao/openbao'] });
    expect(l.findings.find((f) => f.component === 'messages')!.because).toContain('blocked by: OpenBao sealed');
    expect(l.rungs[3]).toMatchObject({ verdict: 'failing' });
    // Unsealed: no seal finding, and rung 4 is ok.
    const open = evaluateLadder({ ...boxState({ sources }), openbao: ob(openRec()) }, NOW);
    expect(open.findings.some((f) => f.rule.startsWith('openbao-'))).toBe(false);
    expect(open.rungs[3]!.verdict).toBe('ok');
    // Without the source, the ladder says nothing it cannot know.
    expect(evaluateLadder({ ...boxState(), openbao: ob(sealedRec(0)) }, NOW).findings.some((f) => f.rule === 'openbao-sealed')).toBe(false);
  });
});

describe('the unseal action and its share', () => {
  it('trims and checks a share as bytes; a malformed share is refused before anything is sent, and is wiped', async () => {
    expect(trimShare(Buffer.from('  abc \n')).toString()).toBe('abc');
    expect(looksLikeShare(Buffer.from('Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHg='))).toBe(true);
    expect(looksLikeShare(Buffer.from('"}, "reset": true, "x": "aaaaaaaa'))).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'sc-unseal-'));
    const journal = new Journal({ dir, user: 'oncall' });
    const share = Buffer.from('this is NOT a share " with a quote 0123456789');
    const copy = share.toString();
    const writes: string[] = [];
    const writers = () => ({ kube: {} as never, bao: { dryRun: false, unseal: async () => (writes.push('unseal'), {}), resetUnseal: async () => ({}), kvPut: async () => ({ version: 1 }) } });
    const clients = { kube: {} as never, bao: { addr: 'https://b:8200', hasToken: true } as never };
    const r = await execute(unsealAction(['openbao-0']), {}, { clients, writers, journal, readOnly: false, user: 'oncall', secrets: secretBuffers({ unsealKey: share }) });
    expect(r.outcome).toBe('failed');
    expect(r.message).toBe('That is not a key share (base64 or hex, one whole line): nothing was sent; check the copy and enter it again.');
    expect(writes).toEqual([]);
    expect(share.every((b) => b === 0)).toBe(true);
    const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(text).toContain('"action":"vault-unseal"');
    expect(text).toContain('oncall');
    expect(text).not.toContain(copy);
    expect(text).not.toContain('NOT a share');
  });

  it('a refused action (read-only) wipes the share it was given', async () => {
    const share = Buffer.from('Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHg=');
    const journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-unseal-ro-')), user: 'oncall' });
    const r = await execute(unsealAction(['openbao-0']), {}, { clients: { kube: {} as never }, writers: () => ({ kube: {} as never }), journal, readOnly: true, secrets: secretBuffers({ unsealKey: share }) });
    expect(r.outcome).toBe('refused');
    expect(share.every((b) => b === 0)).toBe(true);
  });
});
