// The stern-style follower against the simulated Box (real client-node over HTTPS): following a Deployment
// across a rollout restart (the restartedAt patch the restart writer sends) and across dropped connections
// loses no line and repeats none, counted per container against what the simulator wrote; the view's title
// and streams reach the store in batches.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restartStamp } from '../../src/actions/primitives/refs.js';
import { createWriters } from '../../src/actions/writers/index.js';
import { kubeClients, loadKubeConfig, type KubeClients } from '../../src/kube/client.js';
import type { LogRecord } from '../../src/logs/record.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createLogsService } from '../../src/sources/kubernetes/logs/service.js';
import { createAppStore, type AppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

let sim: SimHandle;
let kube: KubeClients;

beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy', speed: 20 });
  kube = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath }));
});

afterAll(async () => {
  await sim?.stop();
});

const stamp = (ms: number, nano: number, text: string) => `${ms}.${String(nano).padStart(6, '0')} ${text}`;

/** Every line the simulator's containers in `namespace` wrote: their history now, then each new line (in-process, so nothing falls between). */
function recordWrites(namespace: string, s: SimHandle = sim): { lines: (pod: string, container: string) => string[]; stop: () => void } {
  const all = new Map<string, string[]>();
  const key = (pod: string, container: string) => `${pod}/${container}`;
  const stop = s.box.logs.onAnyLine((where, line) => {
    if (where.namespace !== namespace) return;
    const k = key(where.pod, where.container);
    if (!all.has(k)) all.set(k, []);
    all.get(k)!.push(stamp(line.time.getTime(), line.nano ?? 0, line.text));
  });
  for (const p of s.store.list('pods', namespace)) {
    for (const c of p.spec?.containers ?? []) {
      const h = s.box.logs.history(namespace, p.metadata.name, c.name, false) ?? [];
      all.set(key(p.metadata.name, c.name), [...h.map((l) => stamp(l.time.getTime(), l.nano ?? 0, l.text)), ...(all.get(key(p.metadata.name, c.name)) ?? [])]);
    }
  }
  return { lines: (pod, container) => all.get(key(pod, container)) ?? [], stop };
}

const ours = (store: AppStore, view: string, pod: string, container: string) =>
  store.getState().logs.views[view]!.ring.toArray().filter((r: LogRecord) => r.pod === pod && r.container === container).map((r) => stamp(r.time, r.nano, r.text));

const podNames = (namespace: string, app: string) => sim.store.list('pods', namespace).filter((p) => p.metadata.labels?.app === app).map((p) => p.metadata.name as string);

/** Each container's lines in the view are what it wrote: all of it for a pod that started while followed, a contiguous tail of it for one that was there. */
function expectNoLossNoDup(store: AppStore, view: string, written: ReturnType<typeof recordWrites>, before: string[], container: string, pods: string[]): void {
  for (const pod of pods) {
    const got = ours(store, view, pod, container);
    const wrote = written.lines(pod, container);
    expect(got.length, `${pod}: lines`).toBeGreaterThan(0);
    if (before.includes(pod)) {
      expect(got, `${pod}: a tail of what it wrote, nothing missing or repeated`).toEqual(wrote.slice(-got.length));
    } else {
      expect(got, `${pod}: everything it wrote since it started`).toEqual(wrote);
    }
  }
}

describe('following a Deployment', () => {
  it('across a rollout restart: new pods join, old ones end, no line lost or repeated', async () => {
    const store = createAppStore();
    const service = createLogsService(store, kube, { flushMs: 50, capacity: 100_000 });
    const written = recordWrites('messages');
    const before = podNames('messages', 'messages');
    expect(before.length).toBe(2);
    let writes = 0;
    const unsubscribe = store.subscribe(() => writes++);
    const opened = Date.now();
    service.follow('follow', { namespace: 'messages', name: 'messages', window: 'tail', tailLines: 20 });
    const view = () => store.getState().logs.views.follow!;
    await waitFor(() => view().source.describe === 'Deployment messages/messages (2 pods)' && view().source.streams.filter((s) => s.state === 'streaming').length === 2, { message: 'two streams' });
    expect(view().title).toBe('messages/messages');
    await waitFor(() => before.every((p) => ours(store, 'follow', p, 'django').length > 25), { message: 'the tail and some live lines' });

    await createWriters({ kube })({ dryRun: false }).kube.restartWorkload('Deployment', 'messages', 'messages', restartStamp(Date.now()));
    await waitFor(() => {
      const now = podNames('messages', 'messages');
      return now.length === 2 && now.every((p) => !before.includes(p)) ? now : undefined;
    }, { timeoutMs: 30_000, message: 'the rollout to replace both pods' });
    const after = podNames('messages', 'messages');
    await waitFor(() => after.every((p) => ours(store, 'follow', p, 'django').length > 10), { timeoutMs: 20_000, message: 'the new pods\' lines' });
    service.stop('follow');
    written.stop();
    unsubscribe();

    const streams = view().source.streams;
    for (const p of before) expect(streams.find((s) => s.pod === p)?.state, `${p} ended`).toBe('ended');
    expectNoLossNoDup(store, 'follow', written, before, 'django', [...before, ...after]);
    // Batches: far fewer store writes than lines (one per flush, 50 ms apart at most).
    const lines = view().ring.total;
    const ms = Date.now() - opened;
    expect(writes).toBeLessThan(lines);
    expect(writes).toBeLessThan((ms / 50) * 2 + 20);
  }, 90_000);
});

/** A TCP proxy in front of the simulated API that can cut every connection at once (TLS passes through). */
async function cuttingProxy(target: URL): Promise<{ url: string; cut: () => number; close: () => void }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut() {
      const n = sockets.size;
      for (const s of sockets) s.destroy();
      return n;
    },
    close: () => server.close(),
  };
}

/**
 * Follows messages/messages through `clients`, cuts every stream three times with `cut` (each round waits for
 * every stream to resume and bring new lines), then checks that nothing was lost or repeated.
 */
async function followThroughCuts(clients: KubeClients, cut: () => void): Promise<{ resumes: number; pods: string[] }> {
  const store = createAppStore();
  const service = createLogsService(store, clients, { flushMs: 50, capacity: 100_000, backoffMs: [100, 400] });
  const written = recordWrites('messages');
  const pods = podNames('messages', 'messages');
  service.follow('follow', { namespace: 'messages', name: 'messages', window: 'tail', tailLines: 10 });
  const view = () => store.getState().logs.views.follow!;
  await waitFor(() => pods.every((p) => ours(store, 'follow', p, 'django').length > 15), { message: 'live lines' });
  for (let round = 1; round <= 3; round++) {
    const resumed = view().source.resumes;
    cut();
    await waitFor(() => view().source.resumes >= resumed + pods.length && view().source.streams.every((s) => s.state === 'streaming'), { message: `round ${round}: every stream resumed` });
    const counts = pods.map((p) => ours(store, 'follow', p, 'django').length);
    await waitFor(() => pods.every((p, i) => ours(store, 'follow', p, 'django').length > counts[i]! + 5), { message: `round ${round}: lines after the resume` });
  }
  service.stop('follow');
  written.stop();
  expectNoLossNoDup(store, 'follow', written, pods, 'django', pods);
  return { resumes: view().source.resumes, pods };
}

describe('following across dropped connections', () => {
  it('the simulator ends every log stream (closeLogStreams), three times: each container resumes from its last line, nothing lost, nothing repeated', async () => {
    const { resumes, pods } = await followThroughCuts(kube, () => sim.closeLogStreams());
    expect(resumes).toBeGreaterThanOrEqual(3 * pods.length);
  }, 60_000);

  it('every connection cut at once (watches too, TLS through a proxy): each container resumes, nothing lost, nothing repeated', async () => {
    const proxy = await cuttingProxy(new URL(sim.url));
    try {
      const base = loadKubeConfig({ kubeconfig: sim.kubeconfigPath });
      const kc = new KubeConfig();
      kc.loadFromOptions({ clusters: base.clusters.map((c) => ({ ...c, server: proxy.url })), users: base.users, contexts: base.contexts, currentContext: base.currentContext });
      await followThroughCuts(kubeClients(kc), () => expect(proxy.cut()).toBeGreaterThan(0));
    } finally {
      proxy.close();
    }
  }, 90_000);
});

describe('a busy service', () => {
  it('5,000 lines a second reach the store in batches: about ten writes a second, not thousands, and none is lost', async () => {
    const store = createAppStore();
    const service = createLogsService(store, kube, { capacity: 100_000 });
    const written = recordWrites('messages');
    const pods = podNames('messages', 'messages');
    service.follow('busy', { namespace: 'messages', name: 'messages', window: 'tail', tailLines: 1 });
    const view = () => store.getState().logs.views.busy!;
    await waitFor(() => view().source.streams.filter((s) => s.state === 'streaming').length === 2, { message: 'two streams' });
    let writes = 0;
    const unsubscribe = store.subscribe(() => writes++);
    const before = view().ring.total;
    const started = Date.now();
    sim.setLogRate('messages/messages', 5000);
    try {
      await waitFor(() => view().ring.total - before >= 10_000, { timeoutMs: 20_000, message: '10,000 lines' });
    } finally {
      sim.setLogRate('messages/messages', 0);
    }
    const seconds = (Date.now() - started) / 1000;
    const lines = view().ring.total - before;
    unsubscribe();
    service.stop('busy');
    written.stop();
    expect(lines / seconds).toBeGreaterThan(1000);
    // flushMs 100: at most ~10 flushes a second, each one or two store writes (lines, then streams), plus a few.
    expect(writes / seconds).toBeLessThan(25);
    expectNoLossNoDup(store, 'busy', written, pods, 'django', pods);
  }, 60_000);

  it('more container logs than the bound: the bound is followed, the rest wait, in one sentence', async () => {
    const store = createAppStore();
    const service = createLogsService(store, kube, { flushMs: 20, maxStreams: 1 });
    service.follow('bounded', { namespace: 'messages', name: 'messages' });
    const view = () => store.getState().logs.views.bounded!;
    await waitFor(() => view().source.streams.length === 2, { message: 'both streams listed' });
    expect(view().source.streams.map((s) => s.state).sort()).toEqual(['error', 'streaming']);
    expect(view().source.streams.find((s) => s.state === 'error')!.error).toBe('Not followed: 1 container logs are open already, the most at once.');
    expect(view().source.error).toBe('Deployment messages/messages (2 pods) has more than 1 container logs to follow; 1 are followed, the rest wait for one to end (name one pod or one container to see them).');
    service.stopAll();
  });
});

describe('what a view says when it cannot follow', () => {
  it('an unknown name: status error with one sentence naming what was looked for', async () => {
    const store = createAppStore();
    const service = createLogsService(store, kube);
    service.follow('follow', { namespace: 'matrix', name: 'nope' });
    await waitFor(() => store.getState().logs.views.follow!.source.status === 'error', { message: 'the error' });
    expect(store.getState().logs.views.follow!.source.error).toBe(
      'Nothing to follow at matrix/nope: no CloudNativePG Cluster, Deployment, StatefulSet, DaemonSet, Service, Job or pod of that name (:status matrix lists what runs there).',
    );
    service.stopAll();
  });

  it('a Service follows the pods its selector picks', async () => {
    const store = createAppStore();
    const service = createLogsService(store, kube, { flushMs: 20 });
    service.follow('svc', { namespace: 'kube-system', name: 'kube-dns', window: 'tail', tailLines: 3 });
    await waitFor(() => store.getState().logs.views.svc!.source.describe === 'Service kube-system/kube-dns (2 pods)', { message: 'the Service described' });
    await waitFor(() => new Set(store.getState().logs.views.svc!.ring.toArray().map((r) => r.pod)).size === 2, { message: 'lines of both pods' });
    service.stopAll();
  });
});

describe('following a crash-looping container', () => {
  it('each restart is followed again from its new start: every instance\'s lines, none twice (sol-crashloop)', async () => {
    const crashing = await startSim({ scenario: 'sol-crashloop', speed: 20 });
    try {
      const k = kubeClients(loadKubeConfig({ kubeconfig: crashing.kubeconfigPath }));
      const store = createAppStore();
      const service = createLogsService(store, k, { flushMs: 50, capacity: 100_000 });
      const restarts = () => crashing.store.list('pods', 'matrix').find((p) => p.metadata.labels?.app === 'sol')?.status?.containerStatuses?.[0]?.restartCount ?? 0;
      const written = recordWrites('matrix', crashing);
      const first = restarts();
      service.follow('crash', { namespace: 'matrix', name: 'sol', window: 'all' });
      await waitFor(() => (restarts() >= first + 2 ? true : undefined), { timeoutMs: 30_000, message: 'two more restarts' });
      const pod = crashing.store.list('pods', 'matrix').find((p) => p.metadata.labels?.app === 'sol')!.metadata.name as string;
      // The latest instance's start-up lines are in.
      const wrote = () => written.lines(pod, 'sol');
      await waitFor(() => ours(store, 'crash', pod, 'sol').length === wrote().length, { timeoutMs: 15_000, message: 'every line written so far' });
      service.stop('crash');
      written.stop();
      expect(ours(store, 'crash', pod, 'sol')).toEqual(wrote());
      expect(wrote().filter((l) => /exiting/.test(l)).length).toBeGreaterThanOrEqual(2);
    } finally {
      await crashing.stop();
    }
  }, 90_000);
});
