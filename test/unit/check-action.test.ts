// The check read action reuses the ladder when the console's store is there.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../../src/actions/executor.js';
import { planCheck } from '../../src/actions/primitives/reads.js';
import { Journal } from '../../src/journal/journal.js';
import type { KubeClients } from '../../src/kube/client.js';
import { checkNamespace } from '../../src/ladder/index.js';
import { createAppStore } from '../../src/store/index.js';
import { createWriters } from '../../src/actions/writers/index.js';

describe('check action with a store', () => {
  it('lists the ladder findings of the scope, and works in read-only mode', async () => {
    const store = createAppStore();
    store.getState().actions.applyKube([
      { collection: 'pods', replace: true, upsert: [] },
      {
        collection: 'pgClusters',
        replace: true,
        upsert: [
          { key: 'data/postgres', namespace: 'data', name: 'postgres', instances: 2, readyInstances: 0, phase: 'Failing over', conditions: { Ready: 'False' }, created: '2026-01-01T00:00:00Z' },
        ],
      },
    ]);
    store.getState().actions.markSynced('pods');
    store.getState().actions.markSynced('pgClusters');
    const now = Date.parse('2026-11-23T20:00:00Z');
    const expected = checkNamespace(store.getState(), 'data', now);
    expect(expected.length).toBeGreaterThan(0);
    const journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-check-')) });
    const r = await execute(planCheck('data'), {}, { clients: { kube: {} as KubeClients }, writers: createWriters({ kube: {} as KubeClients }), journal, readOnly: true, state: () => store.getState(), now: () => now });
    expect(r.outcome).toBe('succeeded');
    expect(r.steps[0]!.lines!.length).toBe(expected.length);
    expect(r.steps[0]!.lines!.join('\n')).toMatch(/postgres/);
  });
});
