// The screens with the real ladder (src/ladder) over hand-made records of the postgres-down drill.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { evaluateLadder } from '../../src/ladder/index.js';
import { boxStore } from './fixtures.js';
import { press, settle } from './helpers.js';

afterEach(() => cleanup());

describe('console with the real ladder', () => {
  it('shows the database as the root cause and the crash-looping app as blocked by it', async () => {
    const store = boxStore();
    const r = render(<Console store={store} evaluate={evaluateLadder} quit={vi.fn()} size={{ columns: 120, rows: 30 }} />);
    await settle();
    expect(r.lastFrame()).toMatch(/FAILING │ root cause: data\/postgres/);
    await press(r.stdin, '2');
    const f = r.lastFrame() ?? '';
    expect(f).toContain('★ ROOT CAUSE data/postgres');
    expect(f).toMatch(/messages\/messages.*crash-looping/);
    expect(f).toContain('↳ blocked by data/postgres');
  });
});
