// The Vault pane's lines (src/views/vault-lines.ts): what rung 4 says from the OpenBao slice, and that it never
// says "unsealed" from data it does not have.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/ladder/types.js';
import type { BaoReplica, OpenbaoData } from '../../src/store/openbao-slice.js';
import { vaultLines } from '../../src/views/vault-lines.js';

const NOW = Date.parse('2026-12-01T02:00:00Z');
const replica = (over: Partial<BaoReplica>): BaoReplica => ({ name: 'openbao-0', reachable: true, role: 'sealed', sealed: true, initialized: true, t: 3, n: 5, progress: 0, nonce: '', version: '2.1.0', checkedAt: NOW - 2_000, ...over });
const data = (replicas: BaoReplica[], over: Partial<OpenbaoData> = {}): OpenbaoData => ({ addr: 'https://127.0.0.1:8200', replicas: Object.fromEntries(replicas.map((r) => [r.name, r])), notices: [], synced: true, ...over });
const ok = { state: 'ok' as const, lastSuccess: NOW - 1_000 };
const text = (ls: { text: string }[]) => ls.map((l) => l.text).join('\n');

describe('the Vault pane lines', () => {
  it('sealed: progress t of n, the nonce, the version; each replica; what is blocked on it; how to unseal', () => {
    const blocked: Finding = { id: 'crash-loop:gitea/gitea', severity: 'failing', namespace: 'gitea', component: 'gitea', rule: 'crash-loop', title: 'gitea/gitea: 1 pod crash-looping', detail: '', blockedBy: ['openbao-sealed:openbao/openbao'] };
    const ls = vaultLines({ openbao: data([replica({ progress: 1, nonce: 'a1b2c3d4e5f6' })], { token: { state: 'valid', ttlSeconds: 0, from: 'BAO_TOKEN' } }), health: ok, findings: [blocked], demoKeys: '/tmp/x/unseal-keys', now: NOW });
    const t = text(ls);
    expect(ls[0]).toMatchObject({ text: 'SEALED · 1/3 key shares entered (of 5) · nonce a1b2c3d4 · OpenBao 2.1.0 · HA: off', tone: 'failing' });
    expect(t).toMatch(/openbao-0 +sealed, 1\/3 shares +2\.1\.0 +- +2s ago/);
    expect(t).toContain('Token: valid, never expires (BAO_TOKEN)');
    expect(t).toContain('BLOCKED ON IT (1)');
    expect(t).toContain('gitea/gitea: 1 pod crash-looping');
    expect(t).toContain('u unseal');
    expect(t).toContain('Demo: the simulated OpenBao\'s five key shares are in /tmp/x/unseal-keys');
  });

  it('three replicas, one sealed: unsealed with that one named, the leader shown, others\' notices called out', () => {
    const rs = [replica({ name: 'openbao-0', role: 'active', sealed: false, leader: true, haEnabled: true }), replica({ name: 'openbao-1', role: 'standby', sealed: false, haEnabled: true }), replica({ name: 'openbao-2', haEnabled: true })];
    const ls = vaultLines({ openbao: data(rs, { notices: [{ replica: 'openbao-2', kind: 'nonce-changed', text: 'openbao-2: the unseal nonce changed: someone else started or reset an unseal', at: NOW - 5_000 }] }), health: ok, findings: [], now: NOW });
    expect(ls[0]).toMatchObject({ text: 'UNSEALED, but openbao-2 sealed · OpenBao 2.1.0 · HA: leader openbao-0', tone: 'warn' });
    expect(text(ls)).toMatch(/openbao-0 +active +2\.1\.0 +yes/);
    expect(text(ls)).toContain('! openbao-2: the unseal nonce changed: someone else started or reset an unseal (5s ago)');
  });

  it('cannot tell when the source is down (with the age of its data), not connected without BAO_ADDR, never "unsealed"', () => {
    const down = vaultLines({ openbao: data([replica({ sealed: false, role: 'active' })]), health: { state: 'unreachable', lastSuccess: NOW - 180_000, lastError: 'OpenBao is unreachable.' }, findings: [], now: NOW });
    expect(down[0]!.text).toBe('Cannot tell whether OpenBao is sealed: OpenBao unreachable (data 3m old).');
    expect(text(down)).not.toMatch(/^UNSEALED/m);
    const none = vaultLines({ openbao: data([]), health: undefined, findings: [], now: NOW });
    expect(text(none)).toBe('not connected — set BAO_ADDR (or VAULT_ADDR) and BAO_TOKEN, or try --demo.');
    const silent = vaultLines({ openbao: data([replica({ reachable: false, error: 'timed out' })]), health: ok, findings: [], now: NOW });
    expect(silent[0]!.text).toBe('Cannot tell: no replica answers.');
  });

  it('read-only: no unseal hint', () => {
    expect(text(vaultLines({ openbao: data([replica({})]), health: ok, findings: [], readOnly: true, now: NOW }))).not.toContain('u unseal');
  });
});

describe('the Vault pane lines, narrow and sealed', () => {
  it('at a 61-column pane each replica row fits one line; the token is "cannot be checked" while every replica is sealed', () => {
    const ls = vaultLines({ openbao: data([replica({})], { token: { state: 'unknown', from: 'BAO_TOKEN', error: 'OpenBao at https://x is unreachable (ECONNRESET); check the address and the network.' } }), health: ok, findings: [], now: NOW, width: 61 });
    const rows = ls.filter((l) => l.key === 'h-r' || l.key.startsWith('r-'));
    for (const r of rows) expect(r.text.length, r.text).toBeLessThanOrEqual(61);
    expect(rows[1]!.text).toMatch(/^openbao-0 +sealed, 0\/3 shares +2\.1\.0 +- +2s ago$/);
    expect(text(ls)).toContain('Token: cannot be checked while OpenBao is sealed (BAO_TOKEN)');
    expect(text(ls)).not.toContain('check the address');
  });
});
