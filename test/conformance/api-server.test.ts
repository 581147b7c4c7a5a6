// The simulated API server's wire behaviour, over a plain ObjectStore (no Box): what kubectl and client-node
// rely on, checked on the raw HTTP replies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWatch, pod, startTestApi, type TestApi } from './api-harness.js';

let t: TestApi;

beforeAll(async () => {
  t = await startTestApi();
  const s = t.store;
  s.create('namespaces', { metadata: { name: 'data' } });
  s.create('namespaces', { metadata: { name: 'ingress' } });
  s.create('pods', pod('data', 'postgres-1', { labels: { app: 'postgres', role: 'primary' } }));
  s.create('pods', pod('data', 'postgres-2', { labels: { app: 'postgres', role: 'replica' } }));
  s.create('pods', pod('data', 'barman-0', { labels: { app: 'barman' }, containers: ['barman', 'sidecar'] }));
  s.create(
    'pods',
    pod('default', 'crashy', {
      statuses: [{ name: 'main', ready: false, restartCount: 7, lastState: { terminated: { exitCode: 1, finishedAt: new Date(Date.now() - 65_000).toISOString() } }, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
    }),
  );
  s.create('pods', pod('default', 'creating', { phase: 'Pending', statuses: [{ name: 'main', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }));
  s.create('deployments.apps', {
    metadata: { name: 'pingora', namespace: 'ingress' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'pingora' } }, template: { metadata: { labels: { app: 'pingora' } }, spec: { containers: [{ name: 'pingora', image: 'pingora:1', env: [{ name: 'A', value: '1' }] }] } } },
    status: { replicas: 2, readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 },
  });
  s.create('certificates.cert-manager.io', {
    metadata: { name: 'pingora-tls', namespace: 'ingress' },
    spec: { secretName: 'pingora-tls', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' }, dnsNames: ['a.sunbeam.example'] },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired' }], notAfter: '2027-01-01T00:00:00Z' },
  });
});

afterAll(async () => {
  await t.close();
});

describe('authentication, errors and discovery', () => {
  it('refuses a missing or wrong bearer token with a 401 Status', async () => {
    for (const token of [null, 'wrong-token']) {
      const r = await t.req('GET', '/api/v1/pods', { token });
      expect(r.code).toBe(401);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.json).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401 });
    }
  });

  it('answers unknown resources and paths with a 404 Status', async () => {
    for (const path of ['/api/v1/widgets', '/apis/example.com/v1/things', '/openapi/v2', '/openapi/v3/apis/example.com/v1', '/apis/apps/v1/namespaces/x/deployments/y/bogus']) {
      const r = await t.req('GET', path);
      expect(r.code, path).toBe(404);
      expect(r.json).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
    }
    const r = await t.req('GET', '/api/v1/namespaces/data/pods/nope');
    expect(r.json.message).toBe('pods "nope" not found');
    const c = await t.req('GET', '/apis/cert-manager.io/v1/namespaces/ingress/certificates/nope');
    expect(c.json).toMatchObject({ message: 'certificates.cert-manager.io "nope" not found', details: { name: 'nope', group: 'cert-manager.io', kind: 'certificates' } });
  });

  it('serves legacy discovery documents and health endpoints', async () => {
    expect((await t.req('GET', '/version')).json).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\.\d+\.\d+$/) });
    expect((await t.req('GET', '/api')).json).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const apis = (await t.req('GET', '/apis')).json;
    expect(apis.kind).toBe('APIGroupList');
    expect(apis.groups.map((g: any) => g.name)).toEqual(expect.arrayContaining(['apps', 'batch', 'cert-manager.io', 'acme.cert-manager.io', 'postgresql.cnpg.io', 'apiextensions.k8s.io']));
    const core = (await t.req('GET', '/api/v1')).json;
    expect(core).toMatchObject({ kind: 'APIResourceList', groupVersion: 'v1' });
    const names = core.resources.map((r: any) => r.name);
    expect(names).toEqual(expect.arrayContaining(['pods', 'pods/log', 'pods/exec', 'pods/status', 'namespaces', 'nodes', 'services', 'endpoints', 'events', 'configmaps', 'secrets', 'persistentvolumeclaims']));
    const cnpg = (await t.req('GET', '/apis/postgresql.cnpg.io/v1')).json;
    expect(cnpg.resources.find((r: any) => r.name === 'clusters')).toMatchObject({ kind: 'Cluster', namespaced: true, verbs: expect.arrayContaining(['list', 'watch', 'patch']) });
    for (const p of ['/healthz', '/readyz', '/livez']) expect((await t.req('GET', p)).text).toBe('ok');
    // OpenAPI v3: only what kubectl's field-validation check reads (the PATCH operation's parameters).
    const root = (await t.req('GET', '/openapi/v3')).json;
    expect(root.paths['apis/apps/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=/);
    const apps = (await t.req('GET', root.paths['apis/apps/v1'].serverRelativeURL)).json;
    const patch = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.parameters.map((p: any) => p.name)).toContain('fieldValidation');
  });

  it('refuses what a forbid rule names with the API server 403 Status', async () => {
    t.api.setForbidden([{ verb: 'delete', resource: 'pods', namespace: 'data' }, { verb: 'get', resource: 'pods/log' }]);
    try {
      const r = await t.req('DELETE', '/api/v1/namespaces/data/pods/postgres-1');
      expect(r.code).toBe(403);
      expect(r.json).toMatchObject({
        reason: 'Forbidden',
        message: 'pods "postgres-1" is forbidden: User "sunbeam-oncall" cannot delete resource "pods" in API group "" in the namespace "data"',
      });
      const l = await t.req('GET', '/api/v1/namespaces/data/pods/postgres-1/log');
      expect(l.json.message).toContain('cannot get resource "pods/log"');
      expect((await t.req('GET', '/api/v1/namespaces/data/pods/postgres-1')).code).toBe(200);
      t.api.setForbidden([{ verb: 'list', resource: 'pods', namespace: 'data' }]);
      expect((await t.req('GET', '/api/v1/namespaces/default/pods')).code).toBe(200);
      const all = await t.req('GET', '/api/v1/pods');
      expect(all.code).toBe(403);
      expect(all.json.message).toBe('pods is forbidden: User "sunbeam-oncall" cannot list resource "pods" in API group "" at the cluster scope');
      expect((await t.req('GET', '/api/v1/nodes')).code).toBe(200);
      expect(t.store.get('pods', 'data', 'postgres-1')).toBeDefined();
    } finally {
      t.api.setForbidden([]);
    }
  });
});

describe('lists', () => {
  const names = (r: any) => r.json.items.map((o: any) => o.metadata.name);

  it('lists with the List kind, a resourceVersion, and namespaces', async () => {
    const r = await t.req('GET', '/api/v1/pods');
    expect(r.json).toMatchObject({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: String(t.store.resourceVersion) } });
    expect(names(r)).toEqual(['barman-0', 'postgres-1', 'postgres-2', 'crashy', 'creating']);
    expect(names(await t.req('GET', '/api/v1/namespaces/data/pods'))).toEqual(['barman-0', 'postgres-1', 'postgres-2']);
  });

  it('applies label selectors: =, ==, !=, in, notin, exists, !key', async () => {
    const q = async (sel: string) => names(await t.req('GET', `/api/v1/namespaces/data/pods?labelSelector=${encodeURIComponent(sel)}`));
    expect(await q('app=postgres')).toEqual(['postgres-1', 'postgres-2']);
    expect(await q('app==barman')).toEqual(['barman-0']);
    expect(await q('app!=postgres')).toEqual(['barman-0']);
    expect(await q('role in (primary, other)')).toEqual(['postgres-1']);
    expect(await q('role notin (primary)')).toEqual(['barman-0', 'postgres-2']);
    expect(await q('role')).toEqual(['postgres-1', 'postgres-2']);
    expect(await q('!role')).toEqual(['barman-0']);
    expect(await q('app=postgres,role=replica')).toEqual(['postgres-2']);
    expect((await t.req('GET', '/api/v1/pods?labelSelector=' + encodeURIComponent('a b c'))).code).toBe(400);
  });

  it('applies field selectors and refuses unknown fields', async () => {
    const q = async (sel: string) => names(await t.req('GET', `/api/v1/pods?fieldSelector=${encodeURIComponent(sel)}`));
    expect(await q('metadata.name=crashy')).toEqual(['crashy']);
    expect(await q('metadata.namespace=data,metadata.name!=barman-0')).toEqual(['postgres-1', 'postgres-2']);
    expect(await q('status.phase=Pending')).toEqual(['creating']);
    expect(await q('status.phase!=Running')).toEqual(['creating']);
    expect(await q('spec.nodeName=sunbeam-1')).toHaveLength(5);
    const bad = await t.req('GET', '/api/v1/pods?fieldSelector=spec.bogus%3Dx');
    expect(bad.code).toBe(400);
    expect(bad.json.message).toBe('field label not supported: spec.bogus');
  });

  it('pages with limit and continue, and expires old continue tokens with 410', async () => {
    const p1 = await t.req('GET', '/api/v1/pods?limit=2');
    expect(names(p1)).toEqual(['barman-0', 'postgres-1']);
    expect(p1.json.metadata.remainingItemCount).toBe(3);
    const p2 = await t.req('GET', `/api/v1/pods?limit=2&continue=${p1.json.metadata.continue}`);
    expect(names(p2)).toEqual(['postgres-2', 'crashy']);
    expect(p2.json.metadata.resourceVersion).toBe(p1.json.metadata.resourceVersion);
    const p3 = await t.req('GET', `/api/v1/pods?limit=2&continue=${p2.json.metadata.continue}`);
    expect(names(p3)).toEqual(['creating']);
    expect(p3.json.metadata.continue).toBeUndefined();
    t.store.mutate('configmaps', 'default', 'x', () => undefined);
    t.store.create('configmaps', { metadata: { name: 'bump', namespace: 'default' } });
    t.store.compact();
    const old = await t.req('GET', `/api/v1/pods?limit=2&continue=${p1.json.metadata.continue}`);
    expect(old.code).toBe(410);
    expect(old.json).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });
    expect((await t.req('GET', '/api/v1/pods?continue=garbage')).code).toBe(400);
  });

  it('answers Accept as=Table with server-side columns, kubectl-style pod STATUS, and row objects', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const r = await t.req('GET', '/api/v1/namespaces/default/pods?limit=500', { headers: { Accept: accept } });
    expect(r.json).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(r.json.columnDefinitions.map((c: any) => [c.name, c.priority])).toEqual([
      ['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0], ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1],
    ]);
    const rows = Object.fromEntries(r.json.rows.map((row: any) => [row.cells[0], row]));
    expect(rows.crashy.cells.slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '7 (65s ago)']);
    expect(rows.creating.cells.slice(1, 3)).toEqual(['0/1', 'ContainerCreating']);
    expect(rows.crashy.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'crashy', namespace: 'default' } });
    const full = await t.req('GET', '/api/v1/namespaces/default/pods/crashy?includeObject=Object', { headers: { Accept: accept } });
    expect(full.json.rows[0].object.spec.containers[0].name).toBe('main');

    const d = await t.req('GET', '/apis/apps/v1/deployments', { headers: { Accept: accept } });
    expect(d.json.columnDefinitions.filter((c: any) => c.priority === 0).map((c: any) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
    expect(d.json.rows[0].cells.slice(0, 4)).toEqual(['pingora', '1/2', 2, 1]);

    const c = await t.req('GET', '/apis/cert-manager.io/v1/certificates', { headers: { Accept: accept } });
    expect(c.json.columnDefinitions.map((x: any) => x.name)).toEqual(['Name', 'Ready', 'Secret', 'Issuer', 'Status', 'Expiration', 'Age']);
    expect(c.json.rows[0].cells.slice(0, 6)).toEqual(['pingora-tls', 'True', 'pingora-tls', 'letsencrypt', 'Certificate is up to date and has not expired', '2027-01-01T00:00:00Z']);
  });

  it('shows a pod being deleted gracefully as Terminating', async () => {
    t.store.create('pods', pod('default', 'leaving'));
    const del = await t.req('DELETE', '/api/v1/namespaces/default/pods/leaving', { body: { propagationPolicy: 'Background' } });
    expect(del.code).toBe(200);
    expect(del.json.metadata.deletionTimestamp).toBeTruthy();
    const r = await t.req('GET', '/api/v1/namespaces/default/pods/leaving', { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
    expect(r.json.rows[0].cells[2]).toBe('Terminating');
    t.store.finalize('pods', 'default', 'leaving');
    expect((await t.req('GET', '/api/v1/namespaces/default/pods/leaving')).code).toBe(404);
  });
});

describe('watches', () => {
  it('starts with synthetic ADDED events, then streams changes; a selector turns leaving objects into DELETED', async () => {
    const w = openWatch(t, '/api/v1/namespaces/data/pods?watch=true&labelSelector=app%3Dpostgres');
    await w.waitFor((e) => e.length === 2);
    expect(w.events.map((e) => [e.type, e.object.metadata.name])).toEqual([['ADDED', 'postgres-1'], ['ADDED', 'postgres-2']]);
    t.store.mutate('pods', 'data', 'postgres-2', (o) => void (o.metadata.annotations = { touched: 'yes' }));
    t.store.mutate('pods', 'data', 'postgres-1', (o) => void (o.metadata.labels = { app: 'gone' }));
    t.store.mutate('pods', 'data', 'barman-0', (o) => void (o.metadata.labels = { app: 'postgres' }));
    await w.waitFor((e) => e.length === 5);
    expect(w.events.slice(2).map((e) => [e.type, e.object.metadata.name])).toEqual([['MODIFIED', 'postgres-2'], ['DELETED', 'postgres-1'], ['ADDED', 'barman-0']]);
    t.store.mutate('pods', 'data', 'postgres-1', (o) => void (o.metadata.labels = { app: 'postgres', role: 'primary' }));
    t.store.mutate('pods', 'data', 'barman-0', (o) => void (o.metadata.labels = { app: 'barman' }));
    await w.waitFor((e) => e.length === 7);
    w.stop();
  });

  it('resumes from a resourceVersion, sends BOOKMARKs only when allowed, and honours timeoutSeconds', async () => {
    const rv = t.store.resourceVersion;
    t.store.create('configmaps', { metadata: { name: 'after', namespace: 'default' } });
    const w = openWatch(t, `/api/v1/configmaps?watch=1&resourceVersion=${rv}&timeoutSeconds=1`);
    await w.closed;
    expect(w.events.map((e) => [e.type, e.object.metadata.name])).toEqual([['ADDED', 'after']]);
    const api2 = await startTestApi({ bookmarkIntervalMs: 50 });
    try {
      const b = openWatch(api2, `/api/v1/pods?watch=true&resourceVersion=${api2.store.resourceVersion}&allowWatchBookmarks=true&timeoutSeconds=1`);
      const n = openWatch(api2, `/api/v1/pods?watch=true&resourceVersion=${api2.store.resourceVersion}&timeoutSeconds=1`);
      await Promise.all([b.closed, n.closed]);
      expect(b.events.length).toBeGreaterThan(2);
      expect(b.events[0]).toMatchObject({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: String(api2.store.resourceVersion) } } });
      expect(n.events).toEqual([]);
    } finally {
      await api2.close();
    }
  });

  it('reports a too old resourceVersion as an in-stream 410 Expired ERROR, then closes', async () => {
    const rv = t.store.resourceVersion;
    t.store.create('configmaps', { metadata: { name: 'later', namespace: 'default' } });
    t.store.compact();
    const w = openWatch(t, `/api/v1/configmaps?watch=true&resourceVersion=${rv - 1}`);
    await w.closed;
    expect(w.events).toHaveLength(1);
    expect(w.events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', status: 'Failure', reason: 'Expired', code: 410, message: expect.stringMatching(/^too old resource version: \d+ \(\d+\)$/) } });
  });

  it('ends watches when the server decides to (closeWatches), as a real server does', async () => {
    const w = openWatch(t, '/api/v1/pods?watch=true');
    await w.waitFor((e) => e.length > 0);
    t.api.closeWatches();
    await w.closed;
  });
});

describe('writes', () => {
  it('creates with 201, refuses duplicates with 409 AlreadyExists and bad names with 422', async () => {
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'made' }, data: { a: '1' } };
    const r = await t.req('POST', '/api/v1/namespaces/default/configmaps', { body });
    expect(r.code).toBe(201);
    expect(r.json.metadata).toMatchObject({ name: 'made', namespace: 'default', uid: expect.any(String), resourceVersion: expect.any(String) });
    const again = await t.req('POST', '/api/v1/namespaces/default/configmaps', { body });
    expect(again.code).toBe(409);
    expect(again.json).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "made" already exists' });
    const bad = await t.req('POST', '/api/v1/namespaces/default/configmaps', { body: { ...body, metadata: { name: 'Bad_Name' } } });
    expect(bad.code).toBe(422);
    expect(bad.json).toMatchObject({ reason: 'Invalid', details: { causes: [{ field: 'metadata.name' }] } });
    expect(bad.json.message).toMatch(/^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value/);
  });

  it('refuses a PUT /status with a stale resourceVersion with 409 Conflict, and takes a fresh one', async () => {
    const cur = (await t.req('GET', '/apis/cert-manager.io/v1/namespaces/ingress/certificates/pingora-tls')).json;
    const staleRv = cur.metadata.resourceVersion;
    t.store.mutate('certificates.cert-manager.io', 'ingress', 'pingora-tls', (o) => void (o.metadata.labels = { moved: 'on' }));
    cur.status.conditions.push({ type: 'Issuing', status: 'True', reason: 'ManuallyTriggered', message: 'Certificate re-issuance manually triggered' });
    const stale = await t.req('PUT', '/apis/cert-manager.io/v1/namespaces/ingress/certificates/pingora-tls/status', { body: cur });
    expect(stale.code).toBe(409);
    expect(stale.json).toMatchObject({
      kind: 'Status',
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on certificates.cert-manager.io "pingora-tls": the object has been modified; please apply your changes to the latest version and try again',
    });
    cur.metadata.resourceVersion = t.store.get('certificates.cert-manager.io', 'ingress', 'pingora-tls')!.metadata.resourceVersion;
    cur.spec.secretName = 'ignored-by-status';
    const ok = await t.req('PUT', '/apis/cert-manager.io/v1/namespaces/ingress/certificates/pingora-tls/status', { body: cur });
    expect(ok.code).toBe(200);
    expect(ok.json.status.conditions.map((c: any) => c.type)).toEqual(['Ready', 'Issuing']);
    expect(ok.json.spec.secretName).toBe('pingora-tls');
    expect(staleRv).not.toBe(ok.json.metadata.resourceVersion);
  });

  it('refuses strategic merge patch on a custom resource with 415, and takes merge and JSON patches', async () => {
    const path = '/apis/cert-manager.io/v1/namespaces/ingress/certificates/pingora-tls';
    const smp = await t.req('PATCH', path, { body: { metadata: { labels: { x: 'y' } } }, headers: { 'Content-Type': 'application/strategic-merge-patch+json' } });
    expect(smp.code).toBe(415);
    expect(smp.json).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType', code: 415 });
    expect(smp.json.message).toContain('application/merge-patch+json');
    const merge = await t.req('PATCH', path, { body: { metadata: { labels: { x: 'y' } } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(merge.json.metadata.labels).toMatchObject({ x: 'y' });
    const json = await t.req('PATCH', path, {
      body: [
        { op: 'test', path: '/metadata/labels/x', value: 'y' },
        { op: 'copy', from: '/metadata/labels/x', path: '/metadata/labels/z' },
        { op: 'move', from: '/metadata/labels/z', path: '/metadata/labels/w' },
        { op: 'remove', path: '/metadata/labels/x' },
        { op: 'add', path: '/spec/dnsNames/-', value: 'b.sunbeam.example' },
        { op: 'replace', path: '/spec/secretName', value: 'pingora-tls' },
      ],
      headers: { 'Content-Type': 'application/json-patch+json' },
    });
    expect(json.code).toBe(200);
    expect(json.json.metadata.labels).toEqual({ moved: 'on', w: 'y' });
    expect(json.json.spec.dnsNames).toEqual(['a.sunbeam.example', 'b.sunbeam.example']);
    const failed = await t.req('PATCH', path, { body: [{ op: 'test', path: '/spec/secretName', value: 'other' }], headers: { 'Content-Type': 'application/json-patch+json' } });
    expect(failed.code).toBe(422);
    const apply = await t.req('PATCH', path, { body: 'metadata: {}', headers: { 'Content-Type': 'application/apply-patch+yaml' } });
    expect(apply.code).toBe(415);
  });

  it('merges a strategic merge patch into a deployment as kubectl rollout restart sends it', async () => {
    const path = '/apis/apps/v1/namespaces/ingress/deployments/pingora?fieldManager=kubectl-rollout';
    const before = t.store.get('deployments.apps', 'ingress', 'pingora')!;
    const r = await t.req('PATCH', path, {
      body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-23T10:00:00Z' } }, spec: { containers: [{ name: 'pingora', env: [{ name: 'B', value: '2' }] }] } } } },
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    });
    expect(r.code).toBe(200);
    expect(r.json.spec.template.metadata).toEqual({ labels: { app: 'pingora' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-23T10:00:00Z' } });
    expect(r.json.spec.template.spec.containers).toEqual([{ name: 'pingora', image: 'pingora:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }]);
    expect(r.json.metadata.generation).toBe((before.metadata.generation ?? 1) + 1);
    const del = await t.req('PATCH', path, {
      body: { spec: { template: { spec: { containers: [{ name: 'pingora', env: [{ name: 'B', $patch: 'delete' }] }] } } } },
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    });
    expect(del.json.spec.template.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }]);
  });

  it('scales through the scale subresource', async () => {
    const path = '/apis/apps/v1/namespaces/ingress/deployments/pingora/scale';
    const g = await t.req('GET', path);
    expect(g.json).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { selector: 'app=pingora' } });
    const p = await t.req('PATCH', path, { body: { spec: { replicas: 3 } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(p.json.spec.replicas).toBe(3);
    expect(t.store.get('deployments.apps', 'ingress', 'pingora')!.spec.replicas).toBe(3);
    const neg = await t.req('PUT', path, { body: { ...p.json, spec: { replicas: -1 } } });
    expect(neg.code).toBe(422);
  });

  it('validates but changes nothing with dryRun=All on create, update, patch and delete', async () => {
    const rv = t.store.resourceVersion;
    const c = await t.req('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { body: { metadata: { name: 'dry' } } });
    expect(c.code).toBe(201);
    expect(c.json.metadata.name).toBe('dry');
    const dup = await t.req('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { body: { metadata: { name: 'made' } } });
    expect(dup.code).toBe(409);
    const dep = t.store.get('deployments.apps', 'ingress', 'pingora')!;
    const u = await t.req('PUT', '/apis/apps/v1/namespaces/ingress/deployments/pingora?dryRun=All', { body: { ...dep, spec: { ...dep.spec, replicas: 5 } } });
    expect(u.code).toBe(200);
    expect(u.json.spec.replicas).toBe(5);
    const p = await t.req('PATCH', '/apis/apps/v1/namespaces/ingress/deployments/pingora?dryRun=All', {
      body: { spec: { replicas: -3 } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect(p.code).toBe(422);
    const sc = await t.req('PATCH', '/apis/apps/v1/namespaces/ingress/deployments/pingora/scale?dryRun=All', {
      body: { spec: { replicas: 9 } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect(sc.json.spec.replicas).toBe(9);
    const d = await t.req('DELETE', '/api/v1/namespaces/data/pods/postgres-1', { body: { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] } });
    expect(d.code).toBe(200);
    expect(d.json.metadata.deletionTimestamp).toBeTruthy();
    const dc = await t.req('DELETE', '/apis/cert-manager.io/v1/namespaces/ingress/certificates/pingora-tls?dryRun=All');
    expect(dc.code).toBe(200);
    expect(t.store.resourceVersion).toBe(rv);
    expect(t.store.get('configmaps', 'default', 'dry')).toBeUndefined();
    expect(t.store.get('deployments.apps', 'ingress', 'pingora')!.spec.replicas).toBe(dep.spec.replicas);
    expect(t.store.get('pods', 'data', 'postgres-1')!.metadata.deletionTimestamp).toBeUndefined();
    expect(t.store.get('certificates.cert-manager.io', 'ingress', 'pingora-tls')).toBeDefined();
  });

  it('deletes with propagation, answering a Status for objects gone at once', async () => {
    const owner = t.store.create('deployments.apps', { metadata: { name: 'owner', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'o' } } } });
    t.store.create('replicasets.apps', {
      metadata: { name: 'owner-1', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'owner', uid: owner.metadata.uid!, controller: true }] },
      spec: { replicas: 1 },
    });
    const r = await t.req('DELETE', '/apis/apps/v1/namespaces/default/deployments/owner?propagationPolicy=Orphan');
    expect(r.json).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'owner', group: 'apps', kind: 'deployments', uid: owner.metadata.uid } });
    expect(t.store.get('replicasets.apps', 'default', 'owner-1')!.metadata.ownerReferences).toEqual([]);
    const bad = await t.req('DELETE', '/apis/apps/v1/namespaces/default/replicasets/owner-1', { body: { preconditions: { uid: 'not-it' } } });
    expect(bad.code).toBe(409);
  });
});

describe('logs', () => {
  beforeAll(() => {
    const base = Date.now() - 60_000;
    for (let i = 1; i <= 5; i++) t.writeLog('data', 'postgres-1', 'main', `line ${i}`, new Date(base + i * 10_000));
  });

  it('returns text/plain lines with tailLines, timestamps, sinceSeconds and limitBytes', async () => {
    const all = await t.req('GET', '/api/v1/namespaces/data/pods/postgres-1/log');
    expect(all.headers['content-type']).toMatch(/^text\/plain/);
    expect(all.text).toBe('line 1\nline 2\nline 3\nline 4\nline 5\n');
    expect((await t.req('GET', '/api/v1/namespaces/data/pods/postgres-1/log?tailLines=2')).text).toBe('line 4\nline 5\n');
    const ts = await t.req('GET', '/api/v1/namespaces/data/pods/postgres-1/log?tailLines=1&timestamps=true');
    expect(ts.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z line 5\n$/);
    expect((await t.req('GET', '/api/v1/namespaces/data/pods/postgres-1/log?sinceSeconds=25')).text).toBe('line 4\nline 5\n');
    expect((await t.req('GET', '/api/v1/namespaces/data/pods/postgres-1/log?limitBytes=9')).text).toBe('line 1\nli');
  });

  it('asks for a container name on multi-container pods, with the API server message', async () => {
    const r = await t.req('GET', '/api/v1/namespaces/data/pods/barman-0/log');
    expect(r.code).toBe(400);
    expect(r.json).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: 'a container name must be specified for pod barman-0, choose one of: [barman sidecar]' });
    expect((await t.req('GET', '/api/v1/namespaces/data/pods/barman-0/log?container=barman')).code).toBe(200);
    const creating = await t.req('GET', '/api/v1/namespaces/default/pods/creating/log');
    expect(creating.json.message).toBe('container "main" in pod "creating" is waiting to start: ContainerCreating');
  });
});
