// A failure's sentence comes from the backend it came from: the executor and the action flow take the first
// line of an error's message, and only the Kubernetes primitives' boundary (src/actions/kube-errors.ts) makes
// the Kubernetes sentence. An OpenBao error (a code, a cause) must never read "The Kubernetes API ...".
import { ApiException } from '@kubernetes/client-node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute } from '../../src/actions/executor.js';
import { planLogs } from '../../src/actions/primitives/reads.js';
import { confirmationFor } from '../../src/actions/tiers.js';
import type { Action } from '../../src/actions/types.js';
import { createWriters } from '../../src/actions/writers/index.js';
import { Journal } from '../../src/journal/journal.js';
import type { KubeClients } from '../../src/kube/client.js';
import { createActionFlow } from '../../src/runbooks/flow.js';

const kube = {} as KubeClients;
const deps = () => ({ clients: { kube }, writers: createWriters({ kube }), journal: new Journal({ dir: mkdtempSync(join(tmpdir(), 'sunbeam-errors-')) }), readOnly: false });

function failing(err: unknown): Action {
  return {
    id: 'unseal',
    verb: 'unseal',
    title: 'Unseal OpenBao',
    target: { kind: 'StatefulSet', namespace: 'vault', name: 'openbao' },
    tier: 'change',
    confirmation: confirmationFor('change', 'openbao'),
    params: [],
    steps: [{ title: 'bao operator unseal', tier: 'change', dryRunnable: true, calls: [], run: async () => Promise.reject(err) }],
  };
}

const sealed = () => Object.assign(new Error('OpenBao is sealed; unseal it with 3 of the 5 keys.'), { code: 503 });
const withCause = () => new Error('Loki answered 502 Bad Gateway.\nupstream: connection reset', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });

describe('error sentences', () => {
  it("a step's non-Kubernetes error keeps its own sentence in the executor", async () => {
    const a = await execute(failing(sealed()), {}, { ...deps(), confirmation: 'y' });
    expect(a).toMatchObject({ outcome: 'failed', message: 'OpenBao is sealed; unseal it with 3 of the 5 keys.' });
    const b = await execute(failing(withCause()), {}, { ...deps(), confirmation: 'y' });
    expect(b).toMatchObject({ outcome: 'failed', message: 'Loki answered 502 Bad Gateway.' });
  });

  it('a planning or running error in the action flow keeps its own sentence', async () => {
    const flow = createActionFlow(deps());
    await flow.plan('Unseal OpenBao', () => Promise.reject(sealed()));
    expect(flow.state).toEqual({ step: 'error', message: 'OpenBao is sealed; unseal it with 3 of the 5 keys.' });
    await flow.plan('Loki', () => Promise.reject(withCause()));
    expect(flow.state).toEqual({ step: 'error', message: 'Loki answered 502 Bad Gateway.' });
  });

  it("a Kubernetes primitive's API error still reads as the Kubernetes sentence", async () => {
    const forbidden = new ApiException(403, 'Forbidden', JSON.stringify({ reason: 'Forbidden', message: 'deployments.apps "sol" is forbidden' }), {});
    const notFound = new ApiException(404, 'Not Found', JSON.stringify({ reason: 'NotFound', message: 'not found' }), {});
    const missing = () => Promise.reject(notFound);
    const planning = {
      custom: { getNamespacedCustomObject: missing },
      apps: { readNamespacedDeployment: () => Promise.reject(forbidden), readNamespacedStatefulSet: missing, readNamespacedDaemonSet: missing },
      core: { readNamespacedService: missing, readNamespacedPod: missing },
      batch: { readNamespacedJob: missing },
    } as unknown as KubeClients;
    await expect(planLogs(planning, 'matrix/sol')).rejects.toThrow('Cannot look up matrix/sol (nothing of that name that we may read): API forbidden (deployments.apps "sol" is forbidden).');
    const podsForbidden = new ApiException(403, 'Forbidden', JSON.stringify({ reason: 'Forbidden', message: 'pods is forbidden' }), {});
    const clients = {
      custom: { getNamespacedCustomObject: () => Promise.reject(notFound) },
      apps: { readNamespacedDeployment: () => Promise.resolve({ spec: { selector: { matchLabels: { app: 'sol' } } } }) },
      core: { listNamespacedPod: () => Promise.reject(podsForbidden) },
    } as unknown as KubeClients;
    const r = await execute(await planLogs(clients, 'matrix/sol'), {}, { ...deps(), clients: { kube: clients } });
    expect(r).toMatchObject({ outcome: 'failed', message: 'Cannot list the pods of matrix/sol: API forbidden (pods is forbidden).' });
  });
});
