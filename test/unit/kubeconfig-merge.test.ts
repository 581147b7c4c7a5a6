// KUBECONFIG=a:b as kubectl reads it (client-go's ClientConfigLoadingRules.Load): each cluster, user and
// context name from the first file that has it, whole; current-context from the first file that sets one;
// missing files and empty entries skipped; an explicit --kubeconfig alone; relative paths against each file's
// folder; and the context's namespace as the default namespace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { kubeClients, loadKubeConfig } from '../../src/kube/client.js';
import { mergeKubeconfigs } from '../../src/kube/kubeconfig-merge.js';

const dir = () => mkdtempSync(join(tmpdir(), 'sc-kc-merge-'));

function file(d: string, name: string, config: object): string {
  const path = join(d, name);
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}

const cluster = (name: string, server: string, extra: object = {}) => ({ name, cluster: { server, ...extra } });
const user = (name: string, u: object) => ({ name, user: u });
const context = (name: string, c: object) => ({ name, context: c });

/** Only KUBECONFIG: never the real home's ~/.kube/config. */
const load = (paths: string[], choice: { kubeconfig?: string; context?: string } = {}) =>
  loadKubeConfig(choice, { KUBECONFIG: paths.join(':') });

describe('KUBECONFIG=a:b merged as kubectl does', () => {
  it('takes current-context from the second file when the first has none', () => {
    const d = dir();
    const a = file(d, 'a', { clusters: [cluster('c', 'https://a.example:6443')], users: [user('u', { token: 'ta' })], contexts: [context('x', { cluster: 'c', user: 'u' })] });
    const b = file(d, 'b', { 'current-context': 'x' });
    const kc = load([a, b]);
    expect(kc.getCurrentContext()).toBe('x');
    expect(kc.getCurrentCluster()?.server).toBe('https://a.example:6443');
  });

  it('takes current-context from the first file that sets one', () => {
    const d = dir();
    const a = file(d, 'a', { clusters: [cluster('c', 'https://a.example')], contexts: [context('x', { cluster: 'c' }), context('y', { cluster: 'c' })], 'current-context': 'x' });
    const b = file(d, 'b', { 'current-context': 'y' });
    expect(load([a, b]).getCurrentContext()).toBe('x');
    expect(load([b, a]).getCurrentContext()).toBe('y');
  });

  it('a cluster both files name comes from the first, whole', () => {
    const d = dir();
    const a = file(d, 'a', { clusters: [cluster('c', 'https://first.example')], contexts: [context('x', { cluster: 'c' })], 'current-context': 'x' });
    const b = file(d, 'b', { clusters: [cluster('c', 'https://second.example', { 'tls-server-name': 'second' }), cluster('d', 'https://d.example')] });
    const kc = load([a, b]);
    expect(kc.getCurrentCluster()).toMatchObject({ server: 'https://first.example' });
    // The second file's entry is dropped entirely, even the field the first lacks.
    expect(kc.getCurrentCluster()?.tlsServerName).toBeUndefined();
    expect(kc.getClusters().map((c) => c.name)).toEqual(['c', 'd']);
  });

  it('a user both files name comes from the first, whole', () => {
    const d = dir();
    const a = file(d, 'a', { clusters: [cluster('c', 'https://a.example')], users: [user('u', { token: 'first' })], contexts: [context('x', { cluster: 'c', user: 'u' })], 'current-context': 'x' });
    const b = file(d, 'b', { users: [user('u', { token: 'second', username: 'bob' })] });
    const kc = load([a, b]);
    expect(kc.getCurrentUser()).toMatchObject({ name: 'u', token: 'first' });
    expect(kc.getCurrentUser()?.username).toBeFalsy();
    expect(kc.getUsers()).toHaveLength(1);
  });

  it('a context both files name comes from the first, whole', () => {
    const d = dir();
    const a = file(d, 'a', { clusters: [cluster('c1', 'https://one.example'), cluster('c2', 'https://two.example')], contexts: [context('x', { cluster: 'c1' })] });
    const b = file(d, 'b', { contexts: [context('x', { cluster: 'c2', namespace: 'data' })], 'current-context': 'x' });
    const kc = load([a, b]);
    expect(kc.getCurrentCluster()?.server).toBe('https://one.example');
    expect(kc.getContextObject('x')?.namespace).toBeUndefined();
  });

  it('skips a file that does not exist and empty entries', () => {
    const d = dir();
    const b = file(d, 'b', { clusters: [cluster('c', 'https://b.example')], contexts: [context('x', { cluster: 'c' })], 'current-context': 'x' });
    const kc = loadKubeConfig({}, { KUBECONFIG: `::${join(d, 'missing')}::${b}:` });
    expect(kc.getCurrentCluster()?.server).toBe('https://b.example');
  });

  it('reads the same path once', () => {
    const d = dir();
    const a = file(d, 'a', { clusters: [cluster('c', 'https://a.example')], contexts: [context('x', { cluster: 'c' })], 'current-context': 'x' });
    expect(load([a, a]).getClusters()).toHaveLength(1);
  });

  it('an explicit path is the one file read, and it must exist', () => {
    const d = dir();
    const a = file(d, 'a', { clusters: [cluster('c', 'https://a.example')], contexts: [context('x', { cluster: 'c' })], 'current-context': 'x' });
    const b = file(d, 'b', { clusters: [cluster('c', 'https://b.example')], contexts: [context('x', { cluster: 'c' })], 'current-context': 'x' });
    expect(load([a], { kubeconfig: b }).getCurrentCluster()?.server).toBe('https://b.example');
    expect(() => load([a], { kubeconfig: join(d, 'missing') })).toThrow(`No kubeconfig found (looked for ${join(d, 'missing')})`);
  });

  it('no file at all, or none with a current context: one sentence naming them', () => {
    const d = dir();
    expect(() => loadKubeConfig({}, { KUBECONFIG: ':' })).toThrow('No kubeconfig found (looked for KUBECONFIG, which names no file)');
    const a = file(d, 'a', { clusters: [cluster('c', 'https://a.example')] });
    const b = file(d, 'b', {});
    expect(() => load([a, b])).toThrow(`The kubeconfig ${a}, ${b} has no current context with a cluster; set one or try --demo.`);
  });

  it('a name twice in one file is refused, as kubectl does', () => {
    const d = dir();
    const a = file(d, 'a', { clusters: [cluster('c', 'https://one.example'), cluster('c', 'https://two.example')] });
    expect(() => load([a])).toThrow(`The kubeconfig ${a} could not be read (clusters names "c" twice); fix it or try --demo.`);
  });

  it('resolves relative paths against the folder of the file that holds them', () => {
    const d = dir();
    const a = file(d, 'a', { users: [user('u', { 'client-certificate': 'certs/u.crt', 'client-key': '/abs/u.key', exec: { command: './bin/login', apiVersion: 'client.authentication.k8s.io/v1' } })] });
    const sub = mkdtempSync(join(d, 'sub-'));
    const b = file(sub, 'b', { clusters: [cluster('c', 'https://b.example', { 'certificate-authority': 'ca.crt' })], contexts: [context('x', { cluster: 'c', user: 'u' })], 'current-context': 'x' });
    const kc = load([a, b]);
    expect(kc.getCurrentCluster()?.caFile).toBe(join(sub, 'ca.crt'));
    expect(kc.getCurrentUser()).toMatchObject({ certFile: join(d, 'certs/u.crt'), keyFile: '/abs/u.key' });
    expect(kc.getCurrentUser()?.exec.command).toBe(join(d, 'bin/login'));
  });
});

describe('mergeKubeconfigs', () => {
  it('every other value from the first file that sets it; named lists first wins per name', () => {
    const merged = mergeKubeconfigs([
      { apiVersion: 'v1', 'current-context': '', preferences: { extensions: [{ name: 'e', extension: 1 }] }, extensions: [{ name: 'x', extension: 'first' }] },
      { 'current-context': 'b', preferences: { colors: true, extensions: [{ name: 'e', extension: 2 }, { name: 'f', extension: 3 }] }, extensions: [{ name: 'x', extension: 'second' }] },
      { 'current-context': 'c', preferences: { colors: false } },
    ]);
    expect(merged).toEqual({
      apiVersion: 'v1',
      'current-context': 'b',
      preferences: { colors: true, extensions: [{ name: 'e', extension: 1 }, { name: 'f', extension: 3 }] },
      extensions: [{ name: 'x', extension: 'first' }],
    });
  });
});

describe("the context's namespace", () => {
  it('is the namespace the current context sets, none when it sets none', () => {
    const d = dir();
    const a = file(d, 'a', {
      clusters: [cluster('c', 'https://a.example')],
      contexts: [context('x', { cluster: 'c', namespace: 'messages' }), context('y', { cluster: 'c' })],
      'current-context': 'x',
    });
    expect(kubeClients(load([a])).namespace).toBe('messages');
    expect(kubeClients(load([a], { context: 'y' })).namespace).toBeUndefined();
  });
});
