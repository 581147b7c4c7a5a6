// Rung 4 on the console screen: the Vault pane from the OpenBao slice, its keys (u unseal, U reset) in the bar,
// `u` when nothing is sealed, and the read-only console offering neither.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import type { BaoReplica } from '../../src/store/openbao-slice.js';
import { boxStore, consoleFor, postgresDownLadder } from './fixtures.js';
import { press, settle, type } from './helpers.js';

afterEach(() => cleanup());

const replica = (over: Partial<BaoReplica>): BaoReplica => ({ name: 'openbao-0', reachable: true, role: 'sealed', sealed: true, initialized: true, t: 3, n: 5, progress: 2, nonce: 'feedbeef00', version: '2.1.0', checkedAt: Date.now(), ...over });

function mount(r: BaoReplica, readOnly = false) {
  const store = boxStore();
  const a = store.getState().actions;
  a.setSource('openbao', { state: 'ok', lastSuccess: Date.now() });
  a.applyOpenbao({ addr: 'https://127.0.0.1:8200', replicas: [r], synced: true });
  if (readOnly) store.setState({ ui: { ...store.getState().ui, readOnly: true } });
  const ctx = consoleFor(store, { dir: mkdtempSync(join(tmpdir(), 'sbc-vault-')) });
  const out = render(<Console store={store} evaluate={() => postgresDownLadder()} console={ctx} quit={vi.fn()} size={{ columns: 100, rows: 30 }} />);
  return { ...out, store };
}

describe('the Vault pane', () => {
  it('shows the seal state and progress, and offers u unseal and U reset in the bar', async () => {
    const r = mount(replica({}));
    await settle();
    await press(r.stdin, '4');
    const f = r.lastFrame() ?? '';
    expect(f).toContain('SEALED · 2/3 key shares entered (of 5) · nonce feedbeef');
    expect(f).toMatch(/openbao-0 +sealed, 2\/3 shares/);
    expect(f).toContain('u unseal');
  });

  it('u with OpenBao unsealed says there is nothing to unseal and opens no dialog', async () => {
    const r = mount(replica({ sealed: false, role: 'active', progress: 0, nonce: '' }));
    await settle();
    await press(r.stdin, '4');
    expect(r.lastFrame()).toContain('UNSEALED');
    await press(r.stdin, 'u');
    expect(r.store.getState().ui.flash?.text).toBe('OpenBao is not sealed: there is nothing to unseal.');
    expect(r.store.getState().ui.modals).toEqual([]);
  });

  it('read-only: neither u nor U is offered, and :unseal is refused in one sentence', async () => {
    const r = mount(replica({}), true);
    await settle();
    await press(r.stdin, '4');
    const bar = (r.lastFrame() ?? '').split('\n').at(-1) ?? '';
    expect(bar).not.toContain('u unseal');
    expect(r.lastFrame()).not.toContain('u unseal:');
    await press(r.stdin, ':');
    await type(r.stdin, 'unseal');
    await press(r.stdin, '\r');
    expect(r.store.getState().ui.flash?.text).toMatch(/read-only/);
    expect(r.store.getState().ui.modals).toEqual([]);
  });
});

describe('the Check pane and the sealed OpenBao', () => {
  it('says "blocked by: OpenBao sealed" once, naming the root cause, not "blocked by X — blocked by: ..."', async () => {
    const store = boxStore();
    const base = postgresDownLadder();
    const root = base.findings[0]!;
    const ladder = { ...base, findings: base.findings.map((f, i) => (i === 1 ? { ...f, because: 'blocked by: OpenBao sealed', blockedBy: [root.id] } : f)) };
    const r = render(<Console store={store} evaluate={() => ladder} quit={vi.fn()} size={{ columns: 120, rows: 30 }} />);
    await settle();
    await press(r.stdin, '2');
    const f = r.lastFrame() ?? '';
    expect(f).toContain(`↳ blocked by: OpenBao sealed (${root.namespace}/${root.component})`);
    expect(f).not.toMatch(/blocked by \S+ — blocked by/);
  });
});
