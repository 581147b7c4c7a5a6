// The top bar says what the API's failure is, in the words of the rungs and the panes: "API refused our
// credentials" for a 401 (not "API unreachable"), "API timing out", with the age of the last data.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { evaluateLadder } from '../../src/ladder/index.js';
import { boxStore } from './fixtures.js';
import { waitFor } from '../helpers/wait-for.js';
import { settle } from './helpers.js';

afterEach(() => cleanup());

describe('top bar: the kind of API failure', () => {
  it('a wrong token: "API refused our credentials", the same words as the ladder column', async () => {
    const store = boxStore();
    store.getState().actions.setSource('kubernetes', { state: 'unauthorized', lastSuccess: Date.now() - 5 * 60_000, lastError: "The Kubernetes API refused our credentials (401 Unauthorized); check the kubeconfig's token." });
    const r = render(<Console store={store} evaluate={evaluateLadder} quit={vi.fn()} size={{ columns: 160, rows: 30 }} />);
    await waitFor(async () => (await settle(), (r.lastFrame() ?? '').includes('API refused our credentials, data 5m old')), { timeoutMs: 5_000, message: 'the top bar words' });
    const top = (r.lastFrame() ?? '').split('\n')[0]!;
    expect(top).toContain('API refused our credentials');
    expect(top).not.toContain('unreachable');
    expect(top).not.toContain('unauthorized');
  });

  it('a timeout: "API timing out"', async () => {
    const store = boxStore();
    store.getState().actions.setSource('kubernetes', { state: 'timeout', lastSuccess: Date.now() - 60_000, lastError: 'The Kubernetes API did not answer in time.' });
    const r = render(<Console store={store} evaluate={evaluateLadder} quit={vi.fn()} size={{ columns: 160, rows: 30 }} />);
    await waitFor(async () => (await settle(), (r.lastFrame() ?? '').split('\n')[0]!.includes('API timing out')), { timeoutMs: 5_000, message: 'the top bar words' });
  });
});
