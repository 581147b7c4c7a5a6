// The order an unseal goes to OpenBao's replicas (unsealOrder): the leader first, by its own word or as the
// others name it, then the rest by ordinal, stably; and the guided unseal's "still sealed" progress
// (unsealStillSealed): the dialog comes back for the next share only after a real, succeeded share that left
// OpenBao sealed, never once it is unsealed, on a failure, a dry run, or another action.
import { describe, expect, it } from 'vitest';
import { unsealOrder } from '../../src/actions/primitives/bao-replicas.js';
import { unsealAction, unsealResetAction } from '../../src/actions/primitives/unseal.js';
import type { Action, ActionResult, Outcome } from '../../src/actions/types.js';
import { unsealStillSealed } from '../../src/console/action-dialog.js';
import type { FlowState } from '../../src/runbooks/flow-state.js';
import type { LeaderBody } from '../../src/sources/openbao/records.js';

interface R {
  name: string;
  leader?: LeaderBody;
}
const addr = (name: string) => `https://${name}.openbao-internal:8200`;
const leader = (name: string): R => ({ name, leader: { ha_enabled: true, is_self: true, leader_address: addr(name) } });
const standby = (name: string, of: string): R => ({ name, leader: { ha_enabled: true, is_self: false, leader_address: addr(of) } });
const sealed = (name: string): R => ({ name });
const names = (rs: R[]) => rs.map((r) => r.name);

describe('unsealOrder', () => {
  it('puts the replica that says it leads first, wherever it is in the list', () => {
    expect(names(unsealOrder([sealed('openbao-0'), sealed('openbao-1'), leader('openbao-2')]))).toEqual(['openbao-2', 'openbao-0', 'openbao-1']);
    expect(names(unsealOrder([standby('openbao-0', 'openbao-1'), leader('openbao-1'), standby('openbao-2', 'openbao-1')]))).toEqual(['openbao-1', 'openbao-0', 'openbao-2']);
  });

  it('puts the replica the others name as leader first when it says nothing itself (sealed, or its sys/leader unread)', () => {
    expect(names(unsealOrder([standby('openbao-0', 'openbao-1'), sealed('openbao-1'), sealed('openbao-2')]))).toEqual(['openbao-1', 'openbao-0', 'openbao-2']);
    expect(names(unsealOrder([sealed('openbao-0'), standby('openbao-1', 'openbao-2'), sealed('openbao-2')]))).toEqual(['openbao-2', 'openbao-1', 'openbao-0']);
  });

  it('a leader by its own word goes before one only named by others', () => {
    expect(names(unsealOrder([standby('openbao-0', 'openbao-2'), sealed('openbao-2'), leader('openbao-1')]))).toEqual(['openbao-1', 'openbao-2', 'openbao-0']);
  });

  it('without a leader (every replica sealed), by ordinal, numerically (openbao-2 before openbao-10)', () => {
    expect(names(unsealOrder([sealed('openbao-2'), sealed('openbao-0'), sealed('openbao-1')]))).toEqual(['openbao-0', 'openbao-1', 'openbao-2']);
    expect(names(unsealOrder([sealed('openbao-10'), sealed('openbao-2'), sealed('openbao-1')]))).toEqual(['openbao-1', 'openbao-2', 'openbao-10']);
  });

  it('is stable (same rank and ordinal: the order given), returns a new array and keeps the records as they are', () => {
    const a = { name: 'service', tag: 'a' };
    const b = { name: 'service', tag: 'b' };
    const input = [b, a];
    const out = unsealOrder(input);
    expect(out).toEqual([b, a]);
    expect(out).not.toBe(input);
    expect(out[0]).toBe(b);
    expect(input).toEqual([b, a]);
    expect(unsealOrder([])).toEqual([]);
    const one = [leader('openbao-0')];
    expect(unsealOrder(one)).toEqual(one);
  });

  // Leader first, then standbys, then the rest: an unsealed standby before a sealed replica of a lower ordinal
  // (only the order of the lists differs: no share goes to a standby, it is unsealed).
  it('standbys go before the rest', () => {
    expect(names(unsealOrder([sealed('openbao-0'), standby('openbao-1', 'openbao-2'), leader('openbao-2')]))).toEqual(['openbao-2', 'openbao-1', 'openbao-0']);
  });
});

function done(action: Action, message: string, outcome: Outcome = 'succeeded', dryRun = false): FlowState {
  const result: ActionResult = { outcome, message, steps: [{ title: action.steps[0]!.title, outcome, message }], durationMs: 40, dryRun };
  return { step: 'done', action, result };
}

describe('unsealStillSealed', () => {
  const unseal = unsealAction(['openbao-0']);

  it('gives the progress for the next share after a share that left OpenBao sealed', () => {
    expect(unsealStillSealed(done(unseal, 'openbao-0: 1/3 shares (2 more to go)'))).toBe('1 of 3 entered, 2 more to go');
    expect(unsealStillSealed(done(unseal, 'openbao-0: 2/3 shares (1 more to go)'))).toBe('2 of 3 entered, 1 more to go');
  });

  it('reads the first replica of a multi-replica answer (the leader, as the unseal goes)', () => {
    const ha = unsealAction(['openbao-0', 'openbao-1', 'openbao-2']);
    expect(unsealStillSealed(done(ha, 'openbao-0: 1/3 shares (2 more to go); openbao-1: 1/3 shares (2 more to go); openbao-2: 1/3 shares (2 more to go)'))).toBe('1 of 3 entered, 2 more to go');
  });

  it('is undefined once unsealed', () => {
    expect(unsealStillSealed(done(unseal, 'openbao-0: unsealed'))).toBeUndefined();
    expect(unsealStillSealed(done(unsealAction(['openbao-0', 'openbao-1']), 'openbao-0: unsealed; openbao-1: unsealed'))).toBeUndefined();
    expect(unsealStillSealed(done(unseal, 'OpenBao is already unsealed (openbao-0); the share was not sent.'))).toBeUndefined();
  });

  it('is undefined on a failure, a cancel or a dry run, even with progress in the message', () => {
    expect(unsealStillSealed(done(unseal, 'openbao-0: 1/3 shares (2 more to go)', 'failed'))).toBeUndefined();
    expect(unsealStillSealed(done(unseal, 'openbao-0: 1/3 shares (2 more to go)', 'cancelled'))).toBeUndefined();
    expect(unsealStillSealed(done(unseal, 'openbao-0: 1/3 shares (2 more to go)', 'succeeded', true))).toBeUndefined();
    expect(unsealStillSealed(done(unseal, 'openbao-0: The shares entered do not open openbao-0: one of them is wrong or belongs to another cluster; OpenBao discarded this attempt, so start again with 3 correct shares.', 'failed'))).toBeUndefined();
  });

  it('is undefined for another action, and for any step but done', () => {
    expect(unsealStillSealed(done(unsealResetAction(['openbao-0']), 'openbao-0: 1/3 shares (2 more to go)'))).toBeUndefined();
    const restart: Action = { ...unseal, id: 'restart-deployment' };
    expect(unsealStillSealed(done(restart, 'openbao-0: 1/3 shares (2 more to go)'))).toBeUndefined();
    expect(unsealStillSealed({ step: 'idle' })).toBeUndefined();
    expect(unsealStillSealed({ step: 'error', message: 'openbao-0: 1/3 shares (2 more to go)' })).toBeUndefined();
    expect(unsealStillSealed({ step: 'confirm', action: unseal, preflight: [], prompt: 'Unseal key share' })).toBeUndefined();
  });
});
