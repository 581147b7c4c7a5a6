// The Box's names in one place: a config file that names the database cluster db/pg makes the built-in
// runbooks plan their restart, backups, backup status and point-in-time restore against db/pg (and the barman
// pod in db), with nothing else changed; and the ladder, reading the names from the store, builds its
// dependency graph, its advice and the `check data` area from them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planBarmanBackup, planCnpgBackup } from '../../src/actions/primitives/backup.js';
import type { Action } from '../../src/actions/types.js';
import { loadConfig } from '../../src/config/index.js';
import type { KubeClients } from '../../src/kube/client.js';
import { BOX_COMPONENTS, DEFAULT_BOX_NAMES, boxGraph, boxNames, databaseRef, type BoxNames } from '../../src/ladder/box-graph.js';
import { checkNamespace, evaluateLadder, scopeNamespaces } from '../../src/ladder/index.js';
import { createAppStore, type KubeCollection, type State } from '../../src/store/index.js';
import { cluster, crashing, LONG_AGO, NOW, pod, workload } from './ladder-helpers.js';
import { builtinRunbooks, loadRunbooks, planRunbook } from '../../src/runbooks/engine.js';

function namesFrom(yaml: string): BoxNames {
  const home = mkdtempSync(join(tmpdir(), 'sunbeam-box-'));
  mkdirSync(join(home, 'sunbeam-console'));
  writeFileSync(join(home, 'sunbeam-console', 'config.yaml'), yaml);
  return boxNames(loadConfig({ env: { XDG_CONFIG_HOME: home, XDG_STATE_HOME: join(home, 'state') } }));
}

/** Read clients that know one CloudNativePG Cluster (what a restart and a PITR resolve); nothing else. */
function clientsWithCluster(namespace: string, name: string): KubeClients {
  const cluster = {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { namespace, name },
    spec: { instances: 1, storage: { size: '1Gi' }, backup: { barmanObjectStore: { destinationPath: 's3://backups/' } } },
    status: { phase: 'Cluster in healthy state', firstRecoverabilityPoint: '2026-01-01T00:00:00Z' },
  };
  const custom = {
    getNamespacedCustomObject: async (r: { plural: string; namespace: string; name: string }) => {
      if (r.plural === 'clusters' && r.namespace === namespace && r.name === name) return cluster;
      throw Object.assign(new Error('not found'), { code: 404, body: { code: 404 } });
    },
  };
  return { custom } as unknown as KubeClients;
}

const commands = (a: Action) => a.steps.flatMap((s) => s.calls.map((c) => c.equivalent.command));

describe('BoxNames', () => {
  it('defaults to the Box the playbook describes, and the dependency graph uses them', () => {
    expect(databaseRef(DEFAULT_BOX_NAMES)).toBe('data/postgres');
    expect(DEFAULT_BOX_NAMES.barman).toEqual({ namespace: 'data', pod: 'barman-0', container: 'barman', server: 'postgres', selector: 'app=barman' });
    expect(`${DEFAULT_BOX_NAMES.ingress.namespace}/${DEFAULT_BOX_NAMES.ingress.certificate}`).toBe('ingress/pingora-tls');
    expect(BOX_COMPONENTS.map((c) => c.id)).toEqual(expect.arrayContaining(['data/postgres', 'cnpg-system/cnpg-controller-manager', 'ingress/pingora', 'ingress/pingora-tls']));
    expect(boxNames()).toEqual(DEFAULT_BOX_NAMES);
  });

  it('a config naming the database db/pg plans the restart, backups, backup status and PITR against db/pg', async () => {
    const names = namesFrom('box:\n  database:\n    namespace: db\n    cluster: pg\n');
    const clients = { kube: clientsWithCluster('db', 'pg') };
    const byId = new Map(loadRunbooks({ configDir: mkdtempSync(join(tmpdir(), 'sunbeam-rb-')), names }).runbooks.map((r) => [r.id, r]));

    const restart = await planRunbook(byId.get('restart-postgres')!, {}, clients);
    expect(restart.title).toBe('Restart PostgreSQL (db/pg)');
    expect(restart.target).toEqual({ kind: 'Cluster', namespace: 'db', name: 'pg' });
    expect(commands(restart)).toEqual(['kubectl cnpg restart -n db pg']);

    const cnpg = await planRunbook(byId.get('backup-cnpg')!, {}, clients);
    expect(cnpg.target).toEqual({ kind: 'Cluster', namespace: 'db', name: 'pg' });
    expect(commands(cnpg)).toEqual(['kubectl cnpg backup -n db pg --method barmanObjectStore']);

    const barman = await planRunbook(byId.get('backup-barman')!, {}, clients);
    expect(barman.title).toBe('Manual backup: barman backup pg');
    expect(barman.target).toEqual({ kind: 'Pod', namespace: 'db', name: 'barman-0' });
    // The Box's own barman backup, with its preflight, not a bare command in a pod.
    expect(barman.steps[0]!.title).toBe('barman backup pg in db/barman-0');
    expect(commands(barman)).toEqual(['kubectl exec -n db barman-0 -c barman -- barman backup pg']);

    const status = await planRunbook(byId.get('backup-status')!, {}, clients);
    expect(status.target).toEqual({ kind: 'Cluster', namespace: 'db', name: 'pg' });
    expect(commands(status)).toEqual([
      'kubectl get pods -n db -l app=barman',
      'kubectl get backups.postgresql.cnpg.io -n db',
      'kubectl exec -n db barman-0 -c barman -- barman list-backup pg',
    ]);

    const pitr = await planRunbook(byId.get('pitr')!, { params: { targetTime: '2026-01-02T00:00:00Z' } }, clients, Date.parse('2026-01-03T00:00:00Z'));
    expect(pitr.title).toBe('Point-in-time restore of db/pg (new cluster)');
    expect(pitr.target.namespace).toBe('db');
    expect(pitr.target.name).toMatch(/^pg-pitr-/);
  });

  it('the one-shot planners take the names too (sunbeam-console backup)', () => {
    const names = namesFrom('box:\n  database: { namespace: db, cluster: pg }\n  barman: { pod: backup-0, container: tools }\n');
    expect(commands(planCnpgBackup(databaseRef(names)))).toEqual(['kubectl cnpg backup -n db pg --method barmanObjectStore']);
    const b = planBarmanBackup(names.barman);
    expect(b.target).toEqual({ kind: 'Pod', namespace: 'db', name: 'backup-0' });
    expect(commands(b)).toEqual(['kubectl exec -n db backup-0 -c tools -- barman backup pg']);
    // Without names: the default Box, as before.
    expect(commands(planCnpgBackup())).toEqual(['kubectl cnpg backup -n data postgres --method barmanObjectStore']);
    expect(commands(planBarmanBackup())).toEqual(['kubectl exec -n data barman-0 -c barman -- barman backup postgres']);
  });

  it('the ingress certificate and Pingora come from the names as well', () => {
    const byId = new Map(builtinRunbooks(namesFrom('box:\n  ingress: { namespace: edge, deployment: gateway, certificate: edge-tls }\n')).map((r) => [r.id, r]));
    expect(byId.get('renew-pingora-tls')!.title).toBe('Certs expired: renew edge/edge-tls (delete, cert-manager recreates)');
    expect(byId.get('renew-pingora-tls')!.steps).toEqual([{ action: 'renew', target: 'edge/edge-tls', method: 'delete' }]);
    expect(byId.get('pingora-logs')!.steps).toEqual([{ action: 'logs', target: 'edge/gateway' }]);
    expect(byId.get('pingora-linkerd-check')!.steps[0]).toEqual({ action: 'check', target: 'edge' });
  });

  describe('the ladder reads the names from the store (console, status and check alike)', () => {
    const names = () => namesFrom('box:\n  database: { namespace: db, cluster: pg }\n  operator: { namespace: pg-system }\n');
    /** The database db/pg failing, the apps that need it crash-looping, the operator in pg-system down. */
    function dbDown(n: BoxNames): State {
      const store = createAppStore({ names: n });
      const a = store.getState().actions;
      a.applyKube([
        { collection: 'nodes', replace: true, upsert: [{ name: 'sunbeam-1', ready: true, roles: ['control-plane'], version: 'v1.31.4', created: LONG_AGO, pressures: [], unschedulable: false }] },
        {
          collection: 'pods',
          replace: true,
          upsert: [
            crashing('db', 'pg-1', 'pg', 4, 'Cluster'),
            crashing('messages', 'messages-7d9f8b6c5d-x2kq9', 'messages'),
            crashing('matrix', 'synapse-6f7d8c9b5-bbbbb', 'synapse'),
            pod('db', 'barman-0', { ownerKind: 'StatefulSet', ownerName: 'barman' }),
          ],
        },
        { collection: 'workloads', replace: true, upsert: [workload('Deployment', 'messages', 'messages', 1, 0), workload('Deployment', 'matrix', 'synapse', 1, 0), workload('Deployment', 'pg-system', 'cnpg-controller-manager', 1, 0), workload('StatefulSet', 'db', 'barman', 1, 1)] },
        { collection: 'pgClusters', replace: true, upsert: [cluster({ key: 'db/pg', namespace: 'db', name: 'pg', readyInstances: 0, phase: 'Failing over', conditions: { Ready: 'False' } })] },
      ]);
      for (const c of ['pods', 'workloads', 'nodes', 'events', 'certificates', 'pgClusters', 'pgBackups', 'pvcs'] as KubeCollection[]) a.markSynced(c);
      a.setSource('kubernetes', { state: 'ok', lastSuccess: NOW });
      return store.getState();
    }

    it('a failing cluster db/pg is the root cause, its advice names db/pg and the Box\'s barman', () => {
      const n = names();
      expect(n.operator).toEqual({ namespace: 'pg-system', deployment: 'cnpg-controller-manager' });
      const l = evaluateLadder(dbDown(n), NOW);
      expect(l.rootCause?.id).toBe('pg-cluster-unhealthy:db/pg');
      expect(l.rootCause?.detail).toContain('(kubectl logs -n pg-system deploy/cnpg-controller-manager); restart with: sunbeam-console restart db/pg (or R here).');
      expect(l.rootCause?.detail).not.toContain('data/postgres');
      const messages = l.findings.find((f) => f.component === 'messages')!;
      expect(messages.blockedBy).toEqual(['pg-cluster-unhealthy:db/pg']);
      expect(messages.because).toBe('because the database is down');
      // The graph is built from the names: db/pg is the database, barman lives beside it.
      expect(boxGraph(n).ancestorsOf('matrix/sol')).toEqual(expect.arrayContaining(['db/pg']));
      expect(boxGraph(n).ancestorsOf('db/barman')).toEqual(['db/pg']);
      // Rung 5 looks at the database's and the operator's namespaces.
      expect(l.rungs[4]).toMatchObject({ verdict: 'failing', summary: 'pg 0/2, backup 5h ago' });
    });

    it('the advice on a failed backup names the Box\'s barman pod and server', () => {
      const n = names();
      const s = dbDown(n);
      const failed = { ...s, kube: { ...s.kube, pgClusters: { 'db/pg': cluster({ key: 'db/pg', namespace: 'db', name: 'pg', lastFailedBackup: new Date(NOW - 60_000).toISOString() }) } } };
      const f = evaluateLadder(failed, NOW).findings.find((x) => x.rule === 'pg-backup-failed')!;
      expect(f.detail).toContain('sunbeam-console backup (kubectl exec -n db barman-0 -- barman backup pg).');
    });

    it('check data covers the database\'s and the operator\'s namespaces, db and pg-system', () => {
      const n = names();
      expect(scopeNamespaces('data', n)).toEqual(['db', 'pg-system']);
      expect(scopeNamespaces('data')).toEqual(['data', 'cnpg-system']);
      const fs = checkNamespace(dbDown(n), 'data', NOW);
      expect(fs.map((f) => f.namespace)).toEqual(expect.arrayContaining(['db', 'pg-system']));
      expect(fs.every((f) => f.namespace === 'db' || f.namespace === 'pg-system')).toBe(true);
    });
  });
});
