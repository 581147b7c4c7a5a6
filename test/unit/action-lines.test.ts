// The action dialog's lines against the flow's states: the typed-confirmation wording is the engine's (and
// matches what the dialog does with a wrong name), and a cancelled result reads as cancelled, not as a failure.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confirmationFor } from '../../src/actions/tiers.js';
import type { Action, ActionResult, Outcome } from '../../src/actions/types.js';
import { Journal } from '../../src/journal/journal.js';
import { createWriters } from '../../src/actions/writers/index.js';
import type { KubeClients } from '../../src/kube/client.js';
import { createActionFlow } from '../../src/runbooks/flow.js';
import type { FlowState } from '../../src/runbooks/flow-state.js';
import { actionView } from '../../screens/modals/action-lines.js';

function deleteAction(): Action {
  return {
    id: 'cert-delete',
    verb: 'delete',
    title: 'Delete ingress/pingora-tls',
    target: { kind: 'Certificate', namespace: 'ingress', name: 'pingora-tls' },
    tier: 'destructive',
    confirmation: confirmationFor('destructive', 'pingora-tls'),
    params: [],
    steps: [{ title: 'Delete', tier: 'destructive', calls: [], dryRunnable: true, run: async () => ({ ok: true, message: 'deleted' }) }],
  };
}

function done(outcome: Outcome, message: string): FlowState {
  const result: ActionResult = {
    outcome,
    message,
    dryRun: false,
    durationMs: 1200,
    steps: [
      { title: 'Delete', outcome: 'succeeded', message: 'deleted' },
      { title: 'Wait for the new certificate', outcome, message },
    ],
  };
  return { step: 'done', action: deleteAction(), result };
}

describe('typed confirmation: the engine says what the dialog does', () => {
  it("the flow's prompt is the dialog's line; a wrong name keeps the confirmation with a hint", async () => {
    const flow = createActionFlow({ clients: { kube: {} as KubeClients }, writers: createWriters({ kube: {} as KubeClients }), journal: new Journal({ dir: '/nonexistent-unused' }), readOnly: false });
    await flow.startAction(deleteAction());
    const s = flow.state;
    expect(s).toMatchObject({ step: 'confirm', prompt: 'Type pingora-tls to confirm (a wrong name does nothing; Esc cancels):' });
    const v = actionView(s, 'pingora', false, []);
    expect(v.tail.map((l) => l.text)).toContain('Type pingora-tls to confirm (a wrong name does nothing; Esc cancels):');
    expect(v.tail.map((l) => l.text).join('\n')).not.toContain('anything else cancels');
    await flow.confirm('pingora');
    expect(flow.state.step).toBe('confirm');
    expect(actionView(flow.state, 'pingora', false, []).tail.map((l) => l.text)).toContain('Type pingora-tls exactly, or Esc to cancel.');
    flow.cancel();
    expect(flow.state.step).toBe('idle');
  });
});

describe('result lines', () => {
  it('a cancelled run reads as cancelled in the muted tone, with no ✗', () => {
    const v = actionView(done('cancelled', 'Cancelled while waiting for the certificate; what was sent stays sent.'), '', false, []);
    expect(v.head[0]).toMatchObject({ text: '· Cancelled: Cancelled while waiting for the certificate; what was sent stays sent.', tone: 'muted' });
    expect(v.border).toBe('muted');
    expect(v.middle.find((l) => l.text.includes('Wait for the new certificate'))).toMatchObject({ text: expect.stringMatching(/^· /), tone: 'muted' });
    expect([...v.head, ...v.middle].some((l) => l.text.includes('✗'))).toBe(false);
  });

  it('a failed run is still ✗ in the failing tone; a success ✓ ok', () => {
    const failed = actionView(done('failed', 'the certificate did not become Ready'), '', false, []);
    expect(failed.head[0]).toMatchObject({ text: '✗ Failed: the certificate did not become Ready', tone: 'failing' });
    expect(failed.border).toBe('failing');
    const ok = actionView(done('succeeded', 'Ready again'), '', false, []);
    expect(ok.head[0]).toMatchObject({ text: '✓ Succeeded: Ready again', tone: 'ok' });
    expect(ok.border).toBe('ok');
  });
});

describe('after a dry run', () => {
  it('reconfirm goes back to the confirmation of the same planned action; not after a real run', async () => {
    const journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sbc-lines-')) });
    const flow = createActionFlow({ clients: { kube: {} as KubeClients }, writers: createWriters({ kube: {} as KubeClients }), journal, readOnly: false });
    const action = deleteAction();
    await flow.startAction(action);
    await flow.dryRun();
    expect(flow.state).toMatchObject({ step: 'done', result: { dryRun: true } });
    expect(await flow.reconfirm()).toBe(true);
    expect(flow.state).toMatchObject({ step: 'confirm', prompt: 'Type pingora-tls to confirm (a wrong name does nothing; Esc cancels):' });
    expect(flow.state.step === 'confirm' && flow.state.action).toBe(action);
    await flow.confirm('pingora-tls');
    expect(flow.state).toMatchObject({ step: 'done', result: { dryRun: false, outcome: 'succeeded' } });
    expect(await flow.reconfirm()).toBe(false);
    expect(flow.state.step).toBe('done');
  });
});
