// What NS/NAME is to a log follower, read from the API in the order a user means it, each kind's pods as a
// label selector (matchExpressions too), and one sentence for every way it can fail; and the logs runbook
// step read through the same follower, its equivalent the `logs` one-shot.
import { ApiException } from '@kubernetes/client-node';
import type { Writable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute } from '../../src/actions/executor.js';
import { resolveLogTarget as resolveRef } from '../../src/actions/primitives/log-target.js';
import { planLogs } from '../../src/actions/primitives/reads.js';
import { createWriters } from '../../src/actions/writers/index.js';
import { Journal } from '../../src/journal/journal.js';
import type { KubeClients } from '../../src/kube/client.js';
import { describeTarget, labelSelectorText, resolveLogTarget } from '../../src/sources/kubernetes/logs/target.js';

const status = (code: number, reason: string) => () => Promise.reject(new ApiException(code, reason, JSON.stringify({ kind: 'Status', code, reason, message: `${reason.toLowerCase()}` }), {}));
const notFound = status(404, 'NotFound');

type Reads = Partial<Record<'cluster' | 'deployment' | 'statefulset' | 'daemonset' | 'service' | 'job' | 'pod', () => Promise<unknown>>>;

/** A client whose reads answer as given (404 otherwise), recording what was asked. */
function fakeKube(reads: Reads, asked: string[] = []): KubeClients {
  const r = (k: keyof Reads) => () => {
    asked.push(k);
    return (reads[k] ?? notFound)();
  };
  return {
    custom: { getNamespacedCustomObject: r('cluster') },
    apps: { readNamespacedDeployment: r('deployment'), readNamespacedStatefulSet: r('statefulset'), readNamespacedDaemonSet: r('daemonset') },
    core: { readNamespacedService: r('service'), readNamespacedPod: r('pod') },
    batch: { readNamespacedJob: r('job') },
  } as unknown as KubeClients;
}

const ok = (o: unknown) => () => Promise.resolve(o);

describe('resolving NS/NAME to what to follow', () => {
  it('looks in the order a user means: CloudNativePG Cluster, Deployment, StatefulSet, DaemonSet, Service, Job, pod', async () => {
    const asked: string[] = [];
    expect(await resolveLogTarget(fakeKube({ pod: ok({ metadata: { name: 'x' } }) }, asked), 'ns', 'x')).toEqual({ kind: 'Pod', namespace: 'ns', name: 'x' });
    expect(asked).toEqual(['cluster', 'deployment', 'statefulset', 'daemonset', 'service', 'job', 'pod']);
  });

  it.each([
    ['a CloudNativePG Cluster: its instances by cnpg.io/cluster', { cluster: ok({}) }, { kind: 'Cluster', selector: 'cnpg.io/cluster=x' }],
    [
      "a Deployment: its own spec.selector, matchExpressions too",
      { deployment: ok({ spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }, { key: 'canary', operator: 'DoesNotExist' }] } } }) },
      { kind: 'Deployment', selector: 'app.kubernetes.io/name=web,tier in (front,edge),!canary' },
    ],
    ['a StatefulSet', { statefulset: ok({ spec: { selector: { matchLabels: { app: 'db' } } } }) }, { kind: 'StatefulSet', selector: 'app=db' }],
    ['a DaemonSet', { daemonset: ok({ spec: { selector: { matchExpressions: [{ key: 'k', operator: 'NotIn', values: ['a'] }, { key: 'e', operator: 'Exists' }] } } }) }, { kind: 'DaemonSet', selector: 'k notin (a),e' }],
    ['a Service: its spec.selector', { service: ok({ spec: { selector: { app: 'sol', tier: 'bot' } } }) }, { kind: 'Service', selector: 'app=sol,tier=bot' }],
    ['a Job: its spec.selector', { job: ok({ spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } } } }) }, { kind: 'Job', selector: 'batch.kubernetes.io/controller-uid=u1' }],
  ] as const)('%s', async (_what, reads, expected) => {
    expect(await resolveLogTarget(fakeKube(reads as Reads), 'ns', 'x')).toEqual({ namespace: 'ns', name: 'x', ...expected });
  });

  it('the selected kind first: a pod that shares a workload\'s name is that pod', async () => {
    const kube = fakeKube({ deployment: ok({ spec: { selector: { matchLabels: { app: 'web' } } } }), pod: ok({}) });
    expect((await resolveLogTarget(kube, 'ns', 'web', { preferKind: 'Pod' })).kind).toBe('Pod');
    expect((await resolveLogTarget(kube, 'ns', 'web')).kind).toBe('Deployment');
  });

  it('a kind we may not read (403 on the CRD) does not hide the others', async () => {
    const kube = fakeKube({ cluster: status(403, 'Forbidden'), deployment: ok({ spec: { selector: { matchLabels: { app: 'x' } } } }) });
    expect((await resolveLogTarget(kube, 'ns', 'x')).kind).toBe('Deployment');
  });

  it.each([
    ['nothing of that name: what was looked for, and where to look (console)', {}, {}, 'Nothing to follow at ns/x: no CloudNativePG Cluster, Deployment, StatefulSet, DaemonSet, Service, Job or pod of that name (:status ns lists what runs there).'],
    ['the same in a one-shot', {}, { statusHint: (ns: string) => `sunbeam-console status -n ${ns}` }, 'Nothing to follow at ns/x: no CloudNativePG Cluster, Deployment, StatefulSet, DaemonSet, Service, Job or pod of that name (sunbeam-console status -n ns lists what runs there).'],
    ['a Service without a selector', { service: ok({ spec: {} }) }, {}, 'Service ns/x has no selector (its endpoints are set by hand), so it has no pods to follow; name the workload behind it.'],
    ['every read forbidden: the words of the top bar, with RBAC\'s reason', Object.fromEntries(['cluster', 'deployment', 'statefulset', 'daemonset', 'service', 'job', 'pod'].map((k) => [k, status(403, 'Forbidden')])), {}, 'Cannot look up ns/x (nothing of that name that we may read): API forbidden (forbidden).'],
    ['the API unreachable', { cluster: () => Promise.reject(Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } })) }, {}, 'Cannot look up ns/x: API unreachable.'],
    ['credentials refused', { cluster: status(401, 'Unauthorized') }, {}, 'Cannot look up ns/x: API refused our credentials.'],
  ] as const)('%s', async (_what, reads, opts, sentence) => {
    await expect(resolveLogTarget(fakeKube(reads as Reads), 'ns', 'x', opts)).rejects.toThrow(sentence);
  });

  it('describes the target for a view\'s title', () => {
    expect(describeTarget({ kind: 'Deployment', namespace: 'matrix', name: 'sol', selector: 'app=sol' }, 2)).toBe('Deployment matrix/sol (2 pods)');
    expect(describeTarget({ kind: 'Cluster', namespace: 'data', name: 'postgres', selector: 'cnpg.io/cluster=postgres' }, 1)).toBe('CloudNativePG Cluster data/postgres (1 pod)');
    expect(describeTarget({ kind: 'Pod', namespace: 'data', name: 'postgres-1' }, 1)).toBe('Pod data/postgres-1');
    expect(labelSelectorText(undefined)).toBe('');
  });
});

describe('the logs runbook step', () => {
  /** Two pods of a Deployment, each with an init container and two containers, each writing one stamped line. */
  function podsKube(asked: string[]): KubeClients {
    const pod = (name: string, uid: string) => ({
      metadata: { name, uid },
      spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'web' }, { name: 'proxy' }] },
      status: { initContainerStatuses: [{ name: 'init', restartCount: 0, state: { terminated: {} } }], containerStatuses: ['web', 'proxy'].map((n) => ({ name: n, restartCount: 0, state: { running: {} } })) },
    });
    const base = fakeKube({ deployment: ok({ spec: { selector: { matchLabels: { app: 'web' } } } }) });
    let t = 0;
    return {
      ...base,
      core: {
        ...base.core,
        listNamespacedPod: ({ labelSelector }: { labelSelector: string }) => {
          asked.push(labelSelector);
          return Promise.resolve({ metadata: {}, items: [pod('web-1', 'u1'), pod('web-2', 'u2')] });
        },
      },
      log: {
        log: (_ns: string, pod: string, container: string, out: Writable, opts: { tailLines?: number; timestamps?: boolean; follow?: boolean }) => {
          asked.push(`${pod}/${container} tail=${opts.tailLines} timestamps=${opts.timestamps} follow=${opts.follow}`);
          // Stamps out of pod order, to show the merge.
          out.end(`2026-12-02T01:00:0${(t = (t + 3) % 7)}Z hello from ${pod}/${container}\n`);
          return Promise.resolve(new AbortController());
        },
      },
    } as unknown as KubeClients;
  }

  it('reads every container but the init ones through the follower, merged in time order, and shows the one-shot as its equivalent', async () => {
    const asked: string[] = [];
    const kube = podsKube(asked);
    const action = await planLogs(kube, 'shop/web', 20);
    expect(action.target).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'web' });
    expect(action.steps[0]!.calls[0]!.equivalent).toEqual({ tool: 'sunbeam-console', command: 'sunbeam-console logs shop/web --tail 20' });
    const journal = new Journal({ dir: mkdtempSync(join(tmpdir(), 'sc-logtarget-')) });
    const r = await execute(action, {}, { clients: { kube }, writers: createWriters({ kube }), journal, readOnly: true });
    expect(r.outcome).toBe('succeeded');
    expect(asked.filter((a) => a.includes('/')).sort()).toEqual([
      'web-1/proxy tail=20 timestamps=true follow=false',
      'web-1/web tail=20 timestamps=true follow=false',
      'web-2/proxy tail=20 timestamps=true follow=false',
      'web-2/web tail=20 timestamps=true follow=false',
    ]);
    expect(asked).toContain('app=web');
    const lines = r.steps[0]!.lines!;
    expect(lines).toHaveLength(4);
    expect(new Set(lines)).toEqual(new Set(['web-1 web hello from web-1/web', 'web-1 proxy hello from web-1/proxy', 'web-2 web hello from web-2/web', 'web-2 proxy hello from web-2/proxy']));
    expect(r.steps[0]!.message).toBe('4 log line(s) from 2 pod(s) of Deployment shop/web.');
  });

  it('names the selected kind in the equivalent when it decided what the name is', async () => {
    const kube = fakeKube({ deployment: ok({ spec: { selector: { matchLabels: { app: 'web' } } } }), pod: ok({}) });
    const t = await resolveRef(kube, 'shop/web', 'Pod');
    expect(t.kind).toBe('Pod');
    expect((await planLogs(kube, 'shop/web', 50, 'Pod')).steps[0]!.calls[0]!.equivalent.command).toBe('sunbeam-console logs shop/web --kind pod --tail 50');
    expect((await planLogs(kube, 'shop/web', 50)).steps[0]!.calls[0]!.equivalent.command).toBe('sunbeam-console logs shop/web --tail 50');
  });
});
