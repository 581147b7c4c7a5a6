// startSim / stop: a random port, a private kubeconfig, and a stop() that ends open watches and follows promptly
// and leaves no server or socket behind (tests start and stop the simulator many times).
import { ApiextensionsV1Api, CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSim } from '../../src/sim/index.js';
import { waitFor } from '../helpers/wait-for.js';

const netHandles = () => process.getActiveResourcesInfo().filter((r) => /TCP|TLS|Pipe/.test(r)).length;

describe('startSim', () => {
  it('writes a 0600 kubeconfig for a token user and serves on an ephemeral port', async () => {
    const sim = await startSim({ speed: 20 });
    try {
      expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(sim.env.KUBECONFIG).toBe(sim.kubeconfigPath);
      expect(sim.servers).toEqual({ kubernetes: sim.url, openbao: sim.env.BAO_ADDR, loki: sim.env.LOKI_ADDR, alertmanager: sim.env.ALERTMANAGER_URL, postgres: expect.stringMatching(/^postgresql:\/\/127\.0\.0\.1:\d+$/), mistral: sim.env.MISTRAL_BASE_URL });
      expect(statSync(sim.kubeconfigPath).mode & 0o777).toBe(0o600);
      const cfg = parse(readFileSync(sim.kubeconfigPath, 'utf8'));
      expect(cfg['current-context']).toBe('sunbeam-sim');
      expect(cfg.clusters[0]).toMatchObject({ name: 'sunbeam-sim', cluster: { server: sim.url } });
      expect(Buffer.from(cfg.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toContain('BEGIN CERTIFICATE');
      expect(cfg.users[0].user.token).toMatch(/^[\w-]{20,}$/);
      const kc = new KubeConfig();
      kc.loadFromFile(sim.kubeconfigPath);
      const crds = await kc.makeApiClient(ApiextensionsV1Api).listCustomResourceDefinition();
      const cert = crds.items.find((c) => c.metadata?.name === 'certificates.cert-manager.io')!;
      expect(cert.spec.versions[0]!.additionalPrinterColumns?.map((c) => c.name)).toEqual(['Ready', 'Secret', 'Issuer', 'Status', 'Expiration', 'Age']);
      expect(cert.spec.scope).toBe('Namespaced');
      expect(crds.items.map((c) => c.metadata?.name)).toEqual(expect.arrayContaining(['clusters.postgresql.cnpg.io', 'backups.postgresql.cnpg.io', 'orders.acme.cert-manager.io', 'clusterissuers.cert-manager.io']));
    } finally {
      await sim.stop();
    }
    expect(existsSync(sim.kubeconfigPath)).toBe(false);
  });

  it('refuses an unknown scenario before listening', async () => {
    await expect(startSim({ scenario: 'no-such-drill' })).rejects.toThrow(/Unknown scenario "no-such-drill"/);
  });

  it('stop() ends open watches and leaves no network handles, over several runs', async () => {
    const baseline = netHandles();
    for (let i = 0; i < 3; i++) {
      const sim = await startSim({ speed: 20 });
      const kc = new KubeConfig();
      kc.loadFromFile(sim.kubeconfigPath);
      await kc.makeApiClient(CoreV1Api).listNamespace();
      const done = new Promise<unknown>((resolve) => {
        void new Watch(kc).watch('/api/v1/pods', {}, () => undefined, resolve);
      });
      const t0 = Date.now();
      await sim.stop();
      await done;
      expect(Date.now() - t0).toBeLessThan(2000);
      const connect = () => new Promise((resolve, reject) => request(sim.url, { ca: sim.caPem }, resolve).on('error', reject).end());
      await waitFor(() => connect().then(() => false, (e: Error) => /ECONNREFUSED/.test(e.message)), { timeoutMs: 2000 }).catch(() => undefined);
      await expect(connect()).rejects.toThrow(/ECONNREFUSED/);
    }
    await waitFor(() => netHandles() <= baseline, { timeoutMs: 2000 }).catch(() => undefined);
    expect(netHandles()).toBeLessThanOrEqual(baseline);
  });
});
