// The ladder is a function of the slices its rules and rungs read: a change to one of them re-evaluates it at
// once (no waiting for the 10-s tick), a change to anything else (the UI) does not, and an equal result is
// dropped (the same object comes back).
import { describe, expect, it, vi } from 'vitest';
import { createLadderMemo, evaluateLadder, LADDER_READS } from '../../src/ladder/index.js';
import { RULES } from '../../src/ladder/rules/index.js';
import { boxState, NOW } from './ladder-helpers.js';

describe('ladder memo', () => {
  it('every rule declares the slices it reads, and the ladder listens to all of them', () => {
    for (const r of RULES) expect(r.reads.length).toBeGreaterThan(0);
    expect([...LADDER_READS].sort()).toEqual(['alerts', 'kube', 'loki', 'openbao', 'postgres', 'sol', 'sources']);
  });

  it('re-evaluates when a slice it reads changes, and not when the UI does', () => {
    const s0 = boxState();
    const evaluate = vi.fn(evaluateLadder);
    const memo = createLadderMemo(evaluate, LADDER_READS);
    const first = memo.get(s0, NOW);
    expect(evaluate).toHaveBeenCalledTimes(1);
    expect(first.rungs[3]!.verdict).toBe('not-connected');

    // UI state (cursor, rung, modals, filter) is read by no rule: nothing is evaluated.
    const s1 = { ...s0, ui: { ...s0.ui, rung: 2 as const, cursor: { status: 3 }, filter: 'post', modals: [{ id: 'help', kind: 'help' }] } };
    expect(memo.get(s1, NOW)).toBe(first);
    expect(evaluate).toHaveBeenCalledTimes(1);

    // A source's health is read by the rungs: the Vault rung changes at once, on the same tick.
    const s2 = { ...s1, sources: { ...s1.sources, openbao: { state: 'unreachable' as const, lastError: 'OpenBao is unreachable.' } } };
    const second = memo.get(s2, NOW);
    expect(evaluate).toHaveBeenCalledTimes(2);
    expect(second.rungs[3]).toMatchObject({ verdict: 'unknown', summary: 'unreachable' });

    // The kube slice: a record change re-evaluates too.
    const { ['matrix/sol-6f7d8c9b5-ccccc']: _gone, ...pods } = s2.kube.pods;
    const s3 = { ...s2, kube: { ...s2.kube, pods } };
    expect(memo.get(s3, NOW).rungs[0]!.summary).toBe('8/8 pods ready');
    expect(evaluate).toHaveBeenCalledTimes(3);

    // The tick re-evaluates (ages, grace periods).
    memo.get(s3, NOW + 10_000);
    expect(evaluate).toHaveBeenCalledTimes(4);
  });

  it('drops a result equal to the last one: the same object comes back', () => {
    const s0 = boxState();
    const evaluate = vi.fn(evaluateLadder);
    const memo = createLadderMemo(evaluate, LADDER_READS);
    const first = memo.get(s0, NOW);
    // A heartbeat moves lastSuccess only: the slice changed (evaluated again), the ladder did not.
    const s1 = { ...s0, sources: { kubernetes: { state: 'ok' as const, lastSuccess: NOW } } };
    expect(memo.get(s1, NOW)).toBe(first);
    expect(evaluate).toHaveBeenCalledTimes(2);
  });
});
