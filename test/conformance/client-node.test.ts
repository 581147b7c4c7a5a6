// @kubernetes/client-node against the simulated API server: typed APIs, an informer (including the re-list
// after 410 Expired), a followed log and exec with exit codes.
import { ApiException, CoreV1Api, CustomObjectsApi, Exec, Log, makeInformer, type V1ConfigMap, type V1Status } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sink } from '../helpers/text-sink.js';
import { waitFor } from '../helpers/wait-for.js';
import { pod, startTestApi, type TestApi } from './api-harness.js';

let t: TestApi;
let core: CoreV1Api;


const until = (pred: () => boolean, what: string, ms = 10_000) => waitFor(pred, { timeoutMs: ms, message: what });

beforeAll(async () => {
  t = await startTestApi();
  t.store.create('namespaces', { metadata: { name: 'data' } });
  t.store.create('pods', pod('data', 'postgres-1', { containers: ['postgres'] }));
  t.store.create('pods', pod('data', 'stopped', { phase: 'Succeeded', statuses: [{ name: 'main', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }));
  core = t.kc.makeApiClient(CoreV1Api);
});

afterAll(async () => {
  await t.close();
});

describe('typed APIs', () => {
  it('lists and reads, and reports errors as ApiException with a Status body', async () => {
    const list = await core.listNamespacedPod({ namespace: 'data' });
    expect(list.items.map((p) => p.metadata?.name)).toEqual(['postgres-1', 'stopped']);
    expect(list.metadata?.resourceVersion).toBe(String(t.store.resourceVersion));
    const err = await core.readNamespacedPod({ namespace: 'data', name: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<string>).code).toBe(404);
    expect(JSON.parse((err as ApiException<string>).body)).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "nope" not found' });
  });

  it('creates and reads custom objects, and refuses a stale status replace with 409', async () => {
    t.store.create('namespaces', { metadata: { name: 'ingress' } });
    const custom = t.kc.makeApiClient(CustomObjectsApi);
    const created = await custom.createNamespacedCustomObject({
      group: 'cert-manager.io',
      version: 'v1',
      namespace: 'ingress',
      plural: 'certificates',
      body: { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c1' }, spec: { secretName: 'c1' } },
    });
    expect(created.metadata.uid).toEqual(expect.any(String));
    t.store.mutate('certificates.cert-manager.io', 'ingress', 'c1', (o) => void (o.metadata.labels = { bumped: 'yes' }));
    const err = await custom
      .replaceNamespacedCustomObjectStatus({ group: 'cert-manager.io', version: 'v1', namespace: 'ingress', plural: 'certificates', name: 'c1', body: { ...created, status: { conditions: [] } } })
      .catch((e: unknown) => e);
    expect((err as ApiException<unknown>).code).toBe(409);
  });
});

describe('informer', () => {
  it('sees adds, updates and deletes, and lists again after a 410 Expired', async () => {
    let lists = 0;
    const informer = makeInformer(t.kc, '/api/v1/namespaces/default/configmaps', () => {
      lists++;
      return core.listNamespacedConfigMap({ namespace: 'default' });
    });
    const seen: string[] = [];
    informer.on('add', (o: V1ConfigMap) => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', (o: V1ConfigMap) => seen.push(`update ${o.metadata?.name} ${o.data?.v ?? ''}`));
    informer.on('delete', (o: V1ConfigMap) => seen.push(`delete ${o.metadata?.name}`));
    const errors: unknown[] = [];
    informer.on('error', (e: unknown) => errors.push(e));
    t.store.create('configmaps', { metadata: { name: 'before', namespace: 'default' } });
    await informer.start();
    try {
      await until(() => seen.includes('add before'), 'the initial list');
      t.store.create('configmaps', { metadata: { name: 'one', namespace: 'default' } });
      t.store.mutate('configmaps', 'default', 'one', (o) => void (o.data = { v: '2' }));
      t.store.delete('configmaps', 'default', 'before');
      await until(() => seen.includes('delete before'), 'watch events');
      expect(seen).toEqual(['add before', 'add one', 'update one 2', 'delete before']);
      expect(lists).toBe(1);

      // Other types move the resourceVersion on; a compaction then leaves the informer's version too old.
      t.store.create('secrets', { metadata: { name: 'elsewhere', namespace: 'default' } });
      t.store.compact();
      t.api.closeWatches();
      await until(() => lists === 2, 'the re-list after 410');
      t.store.create('configmaps', { metadata: { name: 'after', namespace: 'default' } });
      await until(() => seen.includes('add after'), 'events after the re-list');
      expect(errors).toEqual([]);
      expect(informer.list().map((o) => o.metadata?.name).sort()).toEqual(['after', 'one']);
    } finally {
      await informer.stop();
    }
  });
});

describe('log', () => {
  it('follows a container log: history first, then new lines as they are written, until the pod goes', async () => {
    t.store.create('pods', pod('data', 'logger', { containers: ['postgres'] }));
    t.writeLog('data', 'logger', 'postgres', 'LOG:  database system is ready to accept connections');
    const out = sink();
    const ended = new Promise<void>((resolve) => out.stream.on('finish', () => resolve()));
    await new Log(t.kc).log('data', 'logger', 'postgres', out.stream, { follow: true, tailLines: 10 });
    await until(() => out.text().includes('ready to accept'), 'the history');
    t.writeLog('data', 'logger', 'postgres', 'LOG:  checkpoint starting: time');
    await until(() => out.text().includes('checkpoint starting'), 'a followed line');
    expect(out.text()).toBe('LOG:  database system is ready to accept connections\nLOG:  checkpoint starting: time\n');
    // The server ends a followed log when the pod goes away, as the kubelet does. (Ending it from the client with
    // the returned AbortController makes client-node 2.0.1 raise an uncaught AbortError from its internal stream.)
    t.store.delete('pods', 'data', 'logger');
    await ended;
  });
});

describe('exec', () => {
  function run(podName: string, container: string, command: string[]): Promise<{ out: string; err: string; status: V1Status }> {
    const out = sink();
    const err = sink();
    return new Promise((resolve, reject) => {
      let status: V1Status | undefined;
      new Exec(t.kc)
        // The status arrives before the socket's last frames are flushed into the streams: read them once it closes.
        .exec('data', podName, container, command, out.stream, err.stream, null, false, (s) => void (status = s))
        .then((ws) => ws.on('close', () => (status ? resolve({ out: out.text(), err: err.text(), status }) : reject(new Error('exec closed without a status')))))
        .catch(reject);
    });
  }

  it('returns stdout and a Success status', async () => {
    const r = await run('postgres-1', 'postgres', ['echo', 'hello', 'box']);
    expect(r.out).toBe('hello box\n');
    expect(r.status).toMatchObject({ status: 'Success' });
  });

  it('returns stderr and the exit code as a NonZeroExitCode status', async () => {
    const r = await run('postgres-1', 'postgres', ['fail', '3']);
    expect(r.err).toBe('failing on purpose\n');
    expect(r.status).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } });
  });

  it('refuses exec into a completed pod', async () => {
    const e = await run('stopped', 'main', ['echo', 'x']).catch((err: unknown) => err);
    expect(String((e as Error).message ?? e)).toMatch(/400|completed pod/);
  });
});
