// Sol's brain as a ladder finding (src/ladder/rules/sol.ts), from hand-made states: nothing while not connected,
// connecting or ok; the 401, 429 and stall sentences; a 429 alone is a warning; with Sol crash-looping the
// finding is failing and the crash loop's finding follows from it ("because Sol's brain (the Mistral API) does
// not answer"), Sol's brain then the root cause of `check matrix`.
import { describe, expect, it } from 'vitest';
import { checkNamespace, evaluateFindings } from '../../src/ladder/index.js';
import { SOL_BRAIN_FINDING, solRules } from '../../src/ladder/rules/sol.js';
import type { State } from '../../src/store/index.js';
import type { SolCheck } from '../../src/store/sol-slice.js';
import { boxState, crashing, NOW } from './ladder-helpers.js';

function withSol(s: State, last: SolCheck | undefined, health: State['sources'][string] = { state: last?.ok === false ? 'degraded' : 'ok' }): State {
  return { ...s, sources: { ...s.sources, mistral: health }, sol: { ...s.sol, base: 'https://api.mistral.ai', ...(last ? { last, history: [last] } : {}) } };
}

const fail = (over: Partial<SolCheck>): SolCheck => ({ at: NOW - 5_000, ok: false, model: 'mistral-small-latest', ...over });

describe("Sol's brain rule", () => {
  it('nothing when the check is not connected, still connecting, or answers', () => {
    expect(solRules(withSol(boxState(), undefined, { state: 'not-connected', lastError: 'not connected: set MISTRAL_API_KEY' }))).toEqual([]);
    expect(solRules(withSol(boxState(), fail({ failure: 'unauthorized', error: 'x' }), { state: 'connecting' }))).toEqual([]);
    expect(solRules(withSol(boxState(), { at: NOW, ok: true, ttftMs: 200, totalMs: 240 }))).toEqual([]);
    expect(solRules(boxState())).toEqual([]);
  });

  it('a 401 is failing, named on Deployment matrix/sol', () => {
    const [f] = solRules(withSol(boxState(), fail({ status: 401, failure: 'unauthorized', error: 'Mistral API 401 (the API key is refused)' }), { state: 'unauthorized' }));
    expect(f).toMatchObject({ id: SOL_BRAIN_FINDING, severity: 'failing', namespace: 'matrix', rule: 'sol-brain', target: { kind: 'Deployment', namespace: 'matrix', name: 'sol' }, title: "Sol's brain does not answer: Mistral API 401 (the API key is refused)" });
    expect(f!.detail).toContain('nothing from the incident is sent');
  });

  it('a stalled stream is failing with its sentence', () => {
    const [f] = solRules(withSol(boxState(), fail({ status: 200, failure: 'stalled', error: 'Mistral API stream stalled: no token within 10s after its headers' })));
    expect(f).toMatchObject({ severity: 'failing', title: "Sol's brain does not answer: Mistral API stream stalled: no token within 10s after its headers" });
  });

  it('a 429 while Sol runs is a warning with its retry', () => {
    const [f] = solRules(withSol(boxState(), fail({ status: 429, failure: 'rate-limited', retryAfterS: 90, error: 'Mistral API 429 (rate limited), retry in 90s' })));
    expect(f).toMatchObject({ severity: 'warn', title: "Sol's brain does not answer: Mistral API 429 (rate limited), retry in 90s" });
  });

  it("with Sol crash-looping: failing, and the crash loop follows from Sol's brain", () => {
    const s = withSol(boxState({ pods: [crashing('matrix', 'sol-6f7d8c9b5-ccccc', 'sol')] }), fail({ status: 429, failure: 'rate-limited', retryAfterS: 90, error: 'Mistral API 429 (rate limited), retry in 90s' }));
    const all = evaluateFindings(s, NOW);
    const brain = all.find((f) => f.id === SOL_BRAIN_FINDING)!;
    expect(brain.severity).toBe('failing');
    expect(brain.blockedBy ?? []).toEqual([]);
    const crash = all.find((f) => f.rule === 'crash-loop' && f.namespace === 'matrix')!;
    expect(crash.blockedBy).toEqual([SOL_BRAIN_FINDING]);
    expect(crash.because).toBe("because Sol's brain (the Mistral API) does not answer");
    expect(checkNamespace(s, 'matrix', NOW)[0]!.id).toBe(SOL_BRAIN_FINDING);
  });
});
