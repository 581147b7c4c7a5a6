// Esc while an action is being planned (src/runbooks/flow.ts): the planning's signal is aborted and its
// answer, when it comes, is dropped: no confirmation waits, nothing runs.
import { describe, expect, it, vi } from 'vitest';
import { confirmationFor } from '../../src/actions/tiers.js';
import type { Action } from '../../src/actions/types.js';
import { Journal } from '../../src/journal/journal.js';
import { createWriters } from '../../src/actions/writers/index.js';
import type { KubeClients } from '../../src/kube/client.js';
import { createActionFlow } from '../../src/runbooks/flow.js';

function readAction(run: () => Promise<{ ok: boolean; message: string }>): Action {
  return { id: 'r', verb: 'check', title: 'Check', target: { kind: 'Namespace', namespace: '', name: 'data' }, tier: 'read', confirmation: confirmationFor('read', 'data'), params: [], steps: [{ title: 'Read', tier: 'read', calls: [], dryRunnable: true, run }] };
}

describe('cancel while planning', () => {
  it('aborts the planner and drops its answer', async () => {
    const flow = createActionFlow({ clients: { kube: {} as KubeClients }, writers: createWriters({ kube: {} as KubeClients }), journal: new Journal({ dir: '/nonexistent-unused' }), readOnly: false });
    const run = vi.fn(async () => ({ ok: true, message: 'read' }));
    let release: (a: Action) => void = () => {};
    let signal: AbortSignal | undefined;
    const planned = flow.plan('Check data', (s) => {
      signal = s;
      return new Promise<Action>((r) => (release = r));
    });
    expect(flow.state).toEqual({ step: 'planning', title: 'Check data' });
    flow.cancel();
    expect(flow.state.step).toBe('idle');
    expect(signal?.aborted).toBe(true);
    release(readAction(run));
    await planned;
    expect(flow.state.step).toBe('idle');
    expect(run).not.toHaveBeenCalled();
  });
});

describe('a secret-tier runbook', () => {
  it('asks its secret once, as the confirmation after the preflight, not also in the params step', async () => {
    const { builtinRunbooks } = await import('../../src/runbooks/engine.js');
    const flow = createActionFlow({ clients: { kube: {} as KubeClients }, writers: createWriters({ kube: {} as KubeClients }), journal: new Journal({ dir: '/nonexistent-unused' }), readOnly: false });
    const rotate = builtinRunbooks().find((r) => r.id === 'secret-rotate')!;
    expect(rotate.tier).toBe('secret');
    await flow.start(rotate);
    const s = flow.state;
    expect(s.step).toBe('params');
    if (s.step !== 'params') return;
    // app and key are asked; the value is typed hidden at the confirmation.
    expect(s.params.map((p) => p.name)).toEqual(['app', 'key']);
    flow.cancel();
    const unseal = builtinRunbooks().find((r) => r.id === 'vault-unseal')!;
    const planned = flow.start(unseal);
    // The share is the confirmation: the flow goes straight to planning, with no params step.
    expect(flow.state.step).toBe('planning');
    flow.cancel();
    await planned.catch(() => undefined);
  });
});
