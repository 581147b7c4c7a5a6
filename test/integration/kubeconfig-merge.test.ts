// KUBECONFIG=a:b against the simulated Box: the first file holds the Box's cluster and user but no current
// context, the second a same-named cluster at a closed port, the context (with its namespace) and the
// current-context. kubectl reaches the Box with this (first file wins per name, current-context from the
// first file that sets one), and so do our clients; the context's namespace comes back as the default.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openClients } from '../../src/session/clients.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';

let sim: SimHandle;
let kubeconfigEnv: string;

beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy' });
  const token = /token: (\S+)/.exec(readFileSync(sim.kubeconfigPath, 'utf8'))![1]!;
  const d = mkdtempSync(join(tmpdir(), 'sc-kc-merge-int-'));
  const a = join(d, 'a');
  const b = join(d, 'b');
  writeFileSync(a, stringify({
    clusters: [{ name: 'box', cluster: { server: sim.url, 'certificate-authority-data': Buffer.from(sim.caPem).toString('base64') } }],
    users: [{ name: 'u', user: { token } }],
  }), { mode: 0o600 });
  writeFileSync(b, stringify({
    clusters: [{ name: 'box', cluster: { server: 'https://127.0.0.1:1' } }],
    users: [{ name: 'u', user: { token: 'wrong' } }],
    contexts: [{ name: 'box', context: { cluster: 'box', user: 'u', namespace: 'messages' } }],
    'current-context': 'box',
  }), { mode: 0o600 });
  kubeconfigEnv = `${a}:${join(d, 'missing')}::${b}`;
});

afterAll(async () => {
  await sim?.stop();
});

describe('KUBECONFIG=a:b', () => {
  it('reaches the Box through the first file\'s cluster and user, with the context\'s namespace as the default', async () => {
    const opened = await openClients({}, { KUBECONFIG: kubeconfigEnv }, (m) => new Error(m));
    expect(opened).toMatchObject({ context: 'box', server: sim.url, contextNamespace: 'messages' });
    const namespaces = await opened.clients.kube.core.listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toContain('messages');
  });
});
