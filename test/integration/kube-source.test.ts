// The Kubernetes source against the simulated Box: it fills the store, follows deletions and replacements,
// batches bursts into few store writes, survives the API going away (last data kept, health unreachable) and
// refreshes when it comes back, and keeps the other collections live when one is forbidden.
import { createServer as createHttpServer } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kubeClients, loadKubeConfig } from '../../src/kube/client.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { startKubernetesSource, type KubernetesSource } from '../../src/sources/kubernetes/index.js';
import { createAppStore, type AppStore } from '../../src/store/index.js';
import { waitFor } from '../helpers/wait-for.js';

const until = (pred: () => boolean, what: string, ms = 15_000) => waitFor(pred, { timeoutMs: ms, intervalMs: 25, message: what });

let sim: SimHandle;
const sources: KubernetesSource[] = [];

function start(opts: Parameters<typeof startKubernetesSource>[2] = {}, kubeconfig = sim.kubeconfigPath, rewrite?: (server: string) => string, plainHttp = false): { store: AppStore; source: KubernetesSource } {
  const kc = loadKubeConfig({ kubeconfig });
  if (rewrite) (kc as unknown as { clusters: { server: string }[] }).clusters = kc.clusters.map((c) => ({ ...c, server: rewrite(c.server), ...(plainHttp ? { skipTLSVerify: true } : {}) }));
  const store = createAppStore();
  const source = startKubernetesSource(store, kubeClients(kc), opts);
  sources.push(source);
  return { store, source };
}

beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy' });
});

afterEach(() => {
  for (const s of sources.splice(0)) s.stop();
  sim.setForbidden([]);
});

afterAll(async () => {
  await sim.stop();
});

describe('Kubernetes source against the simulated Box', () => {
  it('fills the store with every collection and resolves pod owners', async () => {
    const { store, source } = start();
    await source.synced();
    const k = store.getState().kube;
    for (const c of ['pods', 'workloads', 'nodes', 'events', 'certificates', 'pgClusters', 'pgBackups', 'pgScheduledBackups', 'pvcs'] as const) expect(k.synced[c], c).toBe(true);
    expect(k.nodes['sunbeam-1']).toMatchObject({ ready: true, roles: ['control-plane'] });
    expect(k.workloads['Deployment/messages/messages']).toMatchObject({ desired: 2, ready: 2 });
    expect(k.workloads['StatefulSet/openbao/openbao']).toMatchObject({ desired: 1, ready: 1 });
    expect(k.pods['data/postgres-1']).toMatchObject({ status: 'Running', ownerKind: 'Cluster', ownerName: 'postgres', readyContainers: 1, totalContainers: 1, node: 'sunbeam-1' });
    const messagesPods = Object.values(k.pods).filter((p) => p.namespace === 'messages' && p.ownerName === 'messages');
    expect(messagesPods).toHaveLength(2);
    expect(messagesPods.every((p) => p.ownerKind === 'Deployment')).toBe(true);
    expect(k.pgClusters['data/postgres']).toMatchObject({ phase: 'Cluster in healthy state', instances: 2, readyInstances: 2 });
    expect(k.certificates['ingress/pingora-tls']).toMatchObject({ ready: 'True', issuerName: 'letsencrypt', ownerIngress: 'messages' });
    expect(Object.keys(k.pgBackups).length).toBeGreaterThan(0);
    expect(Object.values(k.pgScheduledBackups).map((b) => [b.cluster, b.schedule.split(' ').length])).toContainEqual(['postgres', 6]);
    expect(k.namespaces).toEqual(expect.arrayContaining(['data', 'messages', 'openbao', 'storage']));
    expect(store.getState().sources.kubernetes).toMatchObject({ state: 'ok' });
  });

  it('a pod deleted in the Box disappears from the store and its replacement appears', async () => {
    const { store, source } = start();
    await source.synced();
    const victim = Object.values(store.getState().kube.pods).find((p) => p.namespace === 'messages' && p.ownerName === 'messages-worker')!;
    expect(victim).toBeDefined();
    const core = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath })).core;
    await core.deleteNamespacedPod({ namespace: 'messages', name: victim.name, gracePeriodSeconds: 0 });
    await until(() => !store.getState().kube.pods[victim.key], 'the deleted pod to leave the store');
    await until(
      () => Object.values(store.getState().kube.pods).some((p) => p.ownerName === 'messages-worker' && p.name !== victim.name && p.status === 'Running'),
      'the replacement pod to be Running in the store',
    );
  });

  it('batches a burst of watch events into few store writes', async () => {
    // At most one store write per flushMs: with 1 s, the 15 s budget of the wait below allows at most ~16
    // writes, so the bound of 20 holds however long a loaded machine takes to deliver the burst (at 150 ms it
    // held only if delivery took under 3 s).
    const { store, source } = start({ flushMs: 1_000 });
    await source.synced();
    let writes = 0;
    const unsub = store.subscribe(() => writes++);
    const N = 300;
    for (let i = 0; i < N; i++) {
      sim.store.create('pods', {
        metadata: { name: `burst-${i}`, namespace: 'gitea', labels: { app: 'burst' } },
        spec: { nodeName: 'sunbeam-1', containers: [{ name: 'main', image: 'example/burst:1' }] },
        status: { phase: 'Pending' },
      });
    }
    await until(() => Object.keys(store.getState().kube.pods).filter((k) => k.startsWith('gitea/burst-')).length === N, 'all burst pods in the store');
    unsub();
    // 300 ADDED events (and the kubelet's updates to them) arrived; the store saw a handful of writes.
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(20);
    for (let i = 0; i < N; i++) sim.store.delete('pods', 'gitea', `burst-${i}`);
  });

  it('keeps the other collections live when one is forbidden, and says which', async () => {
    sim.setForbidden([
      { verb: 'list', resource: 'certificates' },
      { verb: 'watch', resource: 'certificates' },
    ]);
    const { store, source } = start({ backoffMs: [200, 1000] });
    await source.synced();
    const st = store.getState();
    expect(st.kube.synced.pods).toBe(true);
    expect(st.kube.synced.certificates).toBeUndefined();
    expect(st.sources.kubernetes).toMatchObject({ state: 'forbidden', lastError: 'Not allowed to list cert-manager Certificates (403); the other collections stay live.' });
    sim.setForbidden([]);
    await until(() => store.getState().kube.synced.certificates === true && store.getState().sources.kubernetes?.state === 'ok', 'certificates to be listed once allowed');
    expect(store.getState().kube.certificates['ingress/pingora-tls']).toBeDefined();
  });
});

describe('ReplicaSets forbidden', () => {
  it('pods still sync, with their Deployment from the pod-template-hash naming', async () => {
    sim.setForbidden([
      { verb: 'list', resource: 'replicasets' },
      { verb: 'watch', resource: 'replicasets' },
    ]);
    const { store, source } = start({ backoffMs: [200, 1000] });
    await source.synced();
    const k = store.getState().kube;
    expect(k.synced.pods).toBe(true);
    expect(Object.values(k.pods).filter((p) => p.namespace === 'messages' && p.ownerKind === 'Deployment' && p.ownerName === 'messages')).toHaveLength(2);
    expect(store.getState().sources.kubernetes?.lastError).toBe('Not allowed to list replicasets (403); the other collections stay live.');
  });
});

describe('a Box without the CloudNativePG CRDs', () => {
  it('leaves those collections empty and synced, and says so in the health detail', async () => {
    // A plain-HTTP front to the simulator that answers 404 for the postgresql.cnpg.io group, as an API server
    // without the CRDs does.
    const target = new URL(sim.url);
    const front = createHttpServer((req, res) => {
      if (req.url?.startsWith('/apis/postgresql.cnpg.io/')) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 }));
        return;
      }
      const up = httpsRequest({ host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers, ca: sim.caPem }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', () => r()));
    const frontPort = (front.address() as { port: number }).port;
    try {
      // client-node only speaks plain HTTP to a server marked skip-TLS-verify; this front is on loopback.
      const { store, source } = start({}, sim.kubeconfigPath, () => `http://127.0.0.1:${frontPort}`, true);
      await source.synced();
      const st = store.getState();
      expect(st.kube.synced.pgClusters).toBe(true);
      expect(st.kube.synced.pgBackups).toBe(true);
      expect(st.kube.synced.pgScheduledBackups).toBe(true);
      expect(st.kube.pgClusters).toEqual({});
      expect(st.kube.synced.certificates).toBe(true);
      expect(st.sources.kubernetes).toMatchObject({ state: 'ok', detail: 'not installed on this cluster (left empty): CloudNativePG Clusters, CloudNativePG Backups and CloudNativePG ScheduledBackups.' });
    } finally {
      for (const s of sources.splice(0)) s.stop();
      front.closeAllConnections();
      await new Promise<void>((r) => front.close(() => r()));
    }
  });
});

describe('when the API goes away', () => {
  let proxy: Server | undefined;
  const sockets = new Set<Socket>();
  let port = 0;

  async function listen(p: number): Promise<number> {
    const target = Number(new URL(sim.url).port);
    proxy = createServer((client) => {
      const upstream = connect(target, '127.0.0.1');
      sockets.add(client).add(upstream);
      const drop = () => (client.destroy(), upstream.destroy());
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => proxy!.listen(p, '127.0.0.1', () => r()));
    return (proxy.address() as { port: number }).port;
  }
  async function cut(): Promise<void> {
    const p = proxy!;
    proxy = undefined;
    for (const s of sockets) s.destroy();
    sockets.clear();
    await new Promise<void>((r) => p.close(() => r()));
  }

  afterAll(async () => {
    if (proxy) await cut();
  });

  it('keeps the last data, reports unreachable in one sentence, and refreshes when the API is back', async () => {
    port = await listen(0);
    const { store, source } = start({ backoffMs: [200, 1000] }, sim.kubeconfigPath, (server) => server.replace(/:\d+$/, `:${port}`));
    await source.synced();
    const before = Object.keys(store.getState().kube.pods).length;
    const victim = Object.values(store.getState().kube.pods).find((p) => p.namespace === 'drive')!;

    await cut();
    // First the watches drop, then reconnecting is refused: the health says so in one sentence.
    await until(() => store.getState().sources.kubernetes?.lastError?.includes('connection refused') === true, 'the source to report the refused connection');
    const h = store.getState().sources.kubernetes!;
    expect(h.state).toBe('unreachable');
    expect(h.lastError).toBe('The Kubernetes API is unreachable (connection refused); is the cluster up and the kubeconfig right?');
    expect(h.lastSuccess).toBeTypeOf('number');
    expect(Object.keys(store.getState().kube.pods)).toHaveLength(before);

    // While we are cut off, the Box changes: the drive pod is replaced.
    const core = kubeClients(loadKubeConfig({ kubeconfig: sim.kubeconfigPath })).core;
    await core.deleteNamespacedPod({ namespace: 'drive', name: victim.name, gracePeriodSeconds: 0 }).catch(() => undefined);

    await listen(port);
    await until(() => store.getState().sources.kubernetes?.state === 'ok', 'the source to be ok again', 20_000);
    await until(() => !store.getState().kube.pods[victim.key], 'the pod deleted during the outage to leave the store', 20_000);
  });
});
