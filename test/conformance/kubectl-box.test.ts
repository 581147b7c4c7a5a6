// The real kubectl against the simulated Box (startSim in-process): what an on-call engineer types.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { waitFor } from '../helpers/wait-for.js';
import { eventually, kubectl, kubectlUntil, rows } from './kubectl-helper.js';

let sim: SimHandle;
let kc: string;


beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy', speed: 20 });
  kc = sim.kubeconfigPath;
});

afterAll(async () => {
  await sim?.stop();
});

describe('kubectl get', () => {
  it('get pods -A lists the Box pods with READY and STATUS', async () => {
    const r = await kubectl(kc, ['get', 'pods', '-A']);
    expect(r.code, r.stderr).toBe(0);
    const table = rows(r.stdout);
    expect(table[0]).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const byName = new Map(table.slice(1).map((row) => [`${row[0]}/${row[1]}`, row]));
    for (const p of ['data/postgres-1', 'data/postgres-2', 'data/barman-0', 'openbao/openbao-0', 'monitoring/prometheus-0']) {
      expect(byName.get(p)?.slice(2, 4), p).toEqual(['1/1', 'Running']);
    }
    expect([...byName.keys()].filter((k) => /^kube-system\/coredns-[a-z0-9]+-[a-z0-9]{5}$/.test(k))).toHaveLength(2);
    expect([...byName.keys()].filter((k) => /^messages\/messages-[a-z0-9]+-[a-z0-9]{5}$/.test(k))).toHaveLength(2);
  });

  it('get deploy,sts -A shows READY counts for both kinds', async () => {
    const r = await kubectl(kc, ['get', 'deploy,sts', '-A']);
    expect(r.code, r.stderr).toBe(0);
    const table = rows(r.stdout);
    const find = (ns: string, name: string) => table.find((row) => row[0] === ns && row[1] === name);
    expect(find('ingress', 'deployment.apps/pingora')?.slice(2, 5)).toEqual(['2/2', '2', '2']);
    expect(find('kube-system', 'deployment.apps/coredns')?.[2]).toBe('2/2');
    expect(find('openbao', 'statefulset.apps/openbao')?.[2]).toBe('1/1');
    expect(find('data', 'statefulset.apps/barman')?.[2]).toBe('1/1');
    expect(table.find((row) => row[0] === 'NAMESPACE' && row[2] === 'READY' && row[3] === 'UP-TO-DATE')).toBeDefined();
  });

  it('get certificates -A shows the CRD printer columns', async () => {
    const r = await kubectl(kc, ['get', 'certificates', '-A']);
    expect(r.code, r.stderr).toBe(0);
    const table = rows(r.stdout);
    expect(table[0]).toEqual(['NAMESPACE', 'NAME', 'READY', 'SECRET', 'AGE']);
    expect(table.find((row) => row[1] === 'pingora-tls')?.slice(0, 4)).toEqual(['ingress', 'pingora-tls', 'True', 'pingora-tls']);
  });

  it('get clusters.postgresql.cnpg.io -n data shows the CloudNativePG columns', async () => {
    const r = await kubectl(kc, ['get', 'clusters.postgresql.cnpg.io', '-n', 'data']);
    expect(r.code, r.stderr).toBe(0);
    const table = rows(r.stdout);
    expect(table[0]).toEqual(['NAME', 'AGE', 'INSTANCES', 'READY', 'STATUS', 'PRIMARY']);
    const row = table.find((x) => x[0] === 'postgres')!;
    expect([row[2], row[3], row[4], row[5]]).toEqual(['2', '2', 'Cluster in healthy state', 'postgres-1']);
  });

  it('describe certificate -n ingress pingora-tls prints the spec and the Ready condition', async () => {
    const r = await kubectl(kc, ['describe', 'certificate', '-n', 'ingress', 'pingora-tls']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Name:\s+pingora-tls$/m);
    expect(r.stdout).toMatch(/^Namespace:\s+ingress$/m);
    expect(r.stdout).toMatch(/^Kind:\s+Certificate$/m);
    expect(r.stdout).toMatch(/Issuer Ref:\s+Group:\s+cert-manager.io\s+Kind:\s+ClusterIssuer\s+Name:\s+letsencrypt/);
    expect(r.stdout).toMatch(/^  Not After:\s+\d{4}-\d\d-\d\dT/m);
    expect(r.stdout).toMatch(/Controller:\s+true\s+Kind:\s+Ingress\s+Name:\s+messages/);
    expect(r.stdout).toMatch(/Type:\s+Ready/);
    expect(r.stdout).toMatch(/sunbeam\.example/);
  });
});

describe('kubectl logs and exec', () => {
  it('logs --tail returns the last lines of a container', async () => {
    const r = await kubectl(kc, ['logs', '-n', 'data', 'postgres-1', '--tail', '3']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.length > 0)).toBe(true);
    const ts = await kubectl(kc, ['logs', '-n', 'data', 'postgres-1', '--tail', '1', '--timestamps']);
    expect(ts.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z \S/);
  });

  it('logs -f keeps streaming new lines (bounded)', async () => {
    const r = await kubectlUntil(kc, ['logs', '-f', '-n', 'ingress', 'deploy/pingora', '--tail', '1'], (lines) => lines.length >= 3);
    expect(r.satisfied, r.stderr).toBe(true);
    expect(r.lines.length).toBeGreaterThanOrEqual(3);
  });

  it('exec -n data barman-0 -- barman backup postgres runs the backup and exits 0', async () => {
    const r = await kubectl(kc, ['exec', '-n', 'data', 'barman-0', '--', 'barman', 'backup', 'postgres'], 60_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/backup/i);
  });

  it('exec reports a missing command with the exit code', async () => {
    const r = await kubectl(kc, ['exec', '-n', 'data', 'barman-0', '--', 'no-such-command']);
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('command terminated with exit code 127');
  });
});

describe('kubectl and the simulated RBAC', () => {
  it('auth can-i and a forbidden delete follow the forbid rules', async () => {
    expect((await kubectl(kc, ['auth', 'can-i', 'delete', 'pods', '-n', 'data'])).stdout.trim()).toBe('yes');
    sim.setForbidden([{ verb: 'delete', resource: 'pods', namespace: 'data' }]);
    try {
      const can = await kubectl(kc, ['auth', 'can-i', 'delete', 'pods', '-n', 'data']);
      expect(can.stdout.trim()).toBe('no');
      expect(can.code).toBe(1);
      expect((await kubectl(kc, ['auth', 'can-i', 'delete', 'pods', '-n', 'messages'])).stdout.trim()).toBe('yes');
      const del = await kubectl(kc, ['delete', 'pod', '-n', 'data', 'postgres-2']);
      expect(del.code).toBe(1);
      expect(del.stderr.trim()).toBe(
        'Error from server (Forbidden): pods "postgres-2" is forbidden: User "sunbeam-oncall" cannot delete resource "pods" in API group "" in the namespace "data"',
      );
    } finally {
      sim.setForbidden([]);
    }
  });
});

describe('kubectl changes', () => {
  it('rollout restart replaces the pods and rollout status reaches success', async () => {
    const before = rows((await kubectl(kc, ['get', 'pods', '-n', 'messages', '-l', 'app=messages'])).stdout).slice(1).map((r) => r[0]);
    expect(before).toHaveLength(2);
    const r = await kubectl(kc, ['rollout', 'restart', 'deployment/messages', '-n', 'messages']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('deployment.apps/messages restarted');
    const s = await kubectl(kc, ['rollout', 'status', 'deployment/messages', '-n', 'messages', '--timeout=90s'], 100_000);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain('deployment "messages" successfully rolled out');
    const after = await eventually(
      async () => rows((await kubectl(kc, ['get', 'pods', '-n', 'messages', '-l', 'app=messages'])).stdout).slice(1),
      (rs) => rs.length === 2 && rs.every((x) => x[2] === 'Running' && x[1] === '1/1'),
      'two running messages pods',
    );
    expect(after.map((x) => x[0]).filter((n) => before.includes(n))).toEqual([]);
  }, 120_000);

  it('delete pod waits for the graceful deletion, and get -w shows the replacement coming up', async () => {
    let listed = false;
    const watch = kubectlUntil(kc, ['get', 'pods', '-n', 'storage', '-w', '--output-watch-events'], (lines) => {
      listed ||= lines.some((l) => /^ADDED\s+seaweedfs-volume-0\s/.test(l));
      const gone = lines.findIndex((l) => /^DELETED\s+seaweedfs-volume-0\s/.test(l));
      return gone > 0 && lines.slice(gone + 1).some((l) => /^(ADDED|MODIFIED)\s+seaweedfs-volume-0\s+1\/1\s+Running/.test(l));
    }, 45_000);
    // kubectl has listed the pods (and watches from that list's resourceVersion) before the delete
    await waitFor(() => listed, { timeoutMs: 30_000, message: 'kubectl get -w to list seaweedfs-volume-0' });
    const d = await kubectl(kc, ['delete', 'pod', '-n', 'storage', 'seaweedfs-volume-0'], 60_000);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout.trim()).toBe('pod "seaweedfs-volume-0" deleted');
    const w = await watch;
    expect(w.satisfied, w.lines.join('\n') + w.stderr).toBe(true);
    expect(w.lines[0]).toMatch(/^EVENT\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(w.lines.some((l) => /^MODIFIED\s+seaweedfs-volume-0\s+\S+\s+Terminating/.test(l))).toBe(true);
  }, 90_000);

  it('apply -f creates, then configures, a ConfigMap (server-side field validation, client-side patch)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apply-'));
    const file = join(dir, 'cm.yaml');
    try {
      writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: data\ndata:\n  a: "1"\n');
      const c = await kubectl(kc, ['apply', '-f', file]);
      expect(c.code, c.stderr).toBe(0);
      expect(c.stdout.trim()).toBe('configmap/applied created');
      writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: data\ndata:\n  b: "2"\n');
      const u = await kubectl(kc, ['apply', '-f', file]);
      expect(u.stdout.trim(), u.stderr).toBe('configmap/applied configured');
      expect(sim.store.get('configmaps', 'data', 'applied')!.data).toEqual({ b: '2' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('patch on a Certificate without --type is refused as the real server refuses strategic merge on CRs', async () => {
    const r = await kubectl(kc, ['patch', 'certificate', '-n', 'ingress', 'pingora-tls', '-p', '{"metadata":{"labels":{"a":"b"}}}']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('application/strategic-merge-patch+json is not supported by cert-manager.io/v1, Kind=Certificate');
    const m = await kubectl(kc, ['patch', 'certificate', '-n', 'ingress', 'pingora-tls', '--type=merge', '-p', '{"metadata":{"labels":{"a":"b"}}}']);
    expect(m.stdout.trim(), m.stderr).toBe('certificate.cert-manager.io/pingora-tls patched');
  });

  it('delete certificate -n ingress pingora-tls: ingress-shim recreates it and it becomes Ready', async () => {
    const uid = (await kubectl(kc, ['get', 'certificate', '-n', 'ingress', 'pingora-tls', '-o', 'jsonpath={.metadata.uid}'])).stdout;
    expect(uid).not.toBe('');
    const d = await kubectl(kc, ['delete', 'certificate', '-n', 'ingress', 'pingora-tls'], 60_000);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout.trim()).toBe('certificate.cert-manager.io "pingora-tls" deleted');
    const back = await eventually(
      () => kubectl(kc, ['get', 'certificate', '-n', 'ingress', 'pingora-tls', '-o', 'jsonpath={.metadata.uid} {.status.conditions[?(@.type=="Ready")].status}']),
      (r) => r.code === 0 && r.stdout.endsWith(' True') && !r.stdout.startsWith(uid),
      'the recreated certificate to be Ready',
    );
    expect(back.stdout.split(' ')[0]).not.toBe(uid);
  }, 90_000);
});
