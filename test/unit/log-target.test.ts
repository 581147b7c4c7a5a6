// The logs action's target: the workload's real selector (any labels, matchExpressions too) in the equivalent
// and in the pods it reads, the real kind, and shell-safe quoting of what kubectl's -l receives.
import { ApiException } from '@kubernetes/client-node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute } from '../../src/actions/executor.js';
import { labelSelectorText, resolveLogTarget, shellWord } from '../../src/actions/primitives/log-target.js';
import { planLogs } from '../../src/actions/primitives/reads.js';
import { createWriters } from '../../src/actions/writers/index.js';
import { Journal } from '../../src/journal/journal.js';
import type { KubeClients } from '../../src/kube/client.js';

const notFound = () => Promise.reject(new ApiException(404, 'Not Found', JSON.stringify({ reason: 'NotFound' }), {}));

function fakeKube(asked: string[]): KubeClients {
  const pod = (name: string) => ({ metadata: { name }, spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'web' }, { name: 'proxy' }] } });
  return {
    custom: { getNamespacedCustomObject: notFound },
    apps: {
      readNamespacedDeployment: () =>
        Promise.resolve({ spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }, { key: 'canary', operator: 'DoesNotExist' }] } } }),
    },
    core: {
      listNamespacedPod: ({ labelSelector }: { labelSelector: string }) => {
        asked.push(labelSelector);
        return Promise.resolve({ items: [pod('web-1'), pod('web-2')] });
      },
      readNamespacedPodLog: ({ name, container }: { name: string; container: string }) => Promise.resolve(`hello from ${name}/${container}\n`),
      readNamespacedPod: notFound,
    },
  } as unknown as KubeClients;
}

describe('the logs target', () => {
  it("uses the workload's own selector, not app=NAME, and reads every container as kubectl --all-containers --prefix prints it", async () => {
    const asked: string[] = [];
    const kube = fakeKube(asked);
    const action = await planLogs(kube, 'shop/web', 20);
    expect(action.target).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'web' });
    expect(action.steps[0]!.calls[0]!.equivalent.command).toBe("kubectl logs -n shop -l 'app.kubernetes.io/name=web,tier in (front,edge),!canary' --all-containers --tail=20 --prefix");
    const journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-logtarget-')) });
    const r = await execute(action, {}, { clients: { kube }, writers: createWriters({ kube }), journal, readOnly: true });
    expect(asked).toEqual(['app.kubernetes.io/name=web,tier in (front,edge),!canary']);
    expect(r.steps[0]!.lines).toEqual([
      '[pod/web-1/init] hello from web-1/init',
      '[pod/web-1/web] hello from web-1/web',
      '[pod/web-1/proxy] hello from web-1/proxy',
      '[pod/web-2/init] hello from web-2/init',
      '[pod/web-2/web] hello from web-2/web',
      '[pod/web-2/proxy] hello from web-2/proxy',
    ]);
  });

  it('a selected pod is looked up as a pod first, even when a workload has its name', async () => {
    const kube = { ...fakeKube([]), core: { readNamespacedPod: () => Promise.resolve({ metadata: { name: 'web' } }) } } as unknown as KubeClients;
    expect(await resolveLogTarget(kube, 'shop/web', 'Pod')).toEqual({ kind: 'Pod', namespace: 'shop', name: 'web' });
    expect((await resolveLogTarget(kube, 'shop/web')).kind).toBe('Deployment');
  });

  it('writes selectors the way -l reads them, and quotes only what a shell would split', () => {
    expect(labelSelectorText({ matchLabels: { a: 'b' }, matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['x'] }, { key: 'd', operator: 'Exists' }] })).toBe('a=b,c notin (x),d');
    expect(shellWord('app=sol')).toBe('app=sol');
    expect(shellWord("it's (x)")).toBe(`'it'\\''s (x)'`);
  });
});
