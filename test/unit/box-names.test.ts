// The Box's names in one place: a config file that names the database cluster db/pg makes the built-in
// runbooks plan their restart, backups, backup status and point-in-time restore against db/pg (and the barman
// pod in db), with nothing else changed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planBarmanBackup, planCnpgBackup } from '../../src/actions/primitives/backup.js';
import type { Action } from '../../src/actions/types.js';
import { loadConfig } from '../../src/config/index.js';
import type { KubeClients } from '../../src/kube/client.js';
import { BOX_COMPONENTS, DEFAULT_BOX_NAMES, boxNames, databaseRef, type BoxNames } from '../../src/ladder/box-graph.js';
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
});
