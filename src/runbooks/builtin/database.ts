// The playbook's "Backup & Restore (PostgreSQL)" and "Database Recovery" runbooks, for the Box's names (the
// `playbook` lines quote the playbook, which names the default Box).
import { databaseRef, type BoxNames } from '../../ladder/box-graph.js';
import type { RunbookDef } from '../schema.js';

export const databaseRunbooks = (n: BoxNames): RunbookDef[] => [
  {
    id: 'restart-postgres',
    title: `Restart PostgreSQL (${databaseRef(n)})`,
    verb: 'restart',
    playbook: 'Database Recovery: pod restart (transient failure) — sunbeam restart data/postgres',
    appliesTo: { rungs: [5] },
    steps: [{ action: 'restart', target: databaseRef(n) }],
  },
  {
    id: 'postgres-operator-logs',
    title: 'CloudNativePG operator logs',
    verb: 'logs',
    playbook: 'Emergency: Database down — check CloudNativePG operator logs',
    appliesTo: { rungs: [5] },
    steps: [{ action: 'logs', target: `${n.operator.namespace}/${n.operator.deployment}` }],
  },
  {
    id: 'backup-status',
    title: 'Backup status (barman pods, last backup)',
    verb: 'backup status',
    playbook: 'Backup & Restore: check backup status — sunbeam k8s get pods -n data -l app=barman',
    appliesTo: { rungs: [5] },
    steps: [{ action: 'backup-status', target: databaseRef(n) }],
  },
  {
    id: 'backup-barman',
    title: `Manual backup: barman backup ${n.barman.server}`,
    verb: 'backup',
    playbook: 'Backup & Restore: manual backup trigger — sunbeam k8s exec -n data barman-0 -- barman backup postgres',
    appliesTo: { rungs: [5] },
    steps: [{ action: 'exec', pod: `${n.barman.namespace}/${n.barman.pod}`, container: n.barman.container, command: ['barman', 'backup', n.barman.server] }],
  },
  {
    id: 'backup-cnpg',
    title: `CloudNativePG Backup of ${databaseRef(n)}`,
    verb: 'backup',
    playbook: 'Backup & Restore (kubectl cnpg backup)',
    appliesTo: { rungs: [5] },
    steps: [{ action: 'create-backup', target: databaseRef(n) }],
  },
  {
    id: 'pg-connection-exhaustion',
    title: 'Connection exhaustion: who holds the connections; end one application\'s idle transactions',
    verb: 'end the idle-in-transaction sessions of',
    playbook: 'Database Recovery: connection exhaustion — "All apps use connection pooling — if connections are exhausted, something is leaking."',
    appliesTo: { rungs: [5] },
    params: [{ name: 'application', prompt: 'the application_name whose idle-in-transaction sessions to end', example: 'drive' }],
    steps: [{ action: 'pg-connections' }, { action: 'pg-terminate', application: '{{application}}' }],
  },
  {
    id: 'pitr',
    title: `Point-in-time restore of ${databaseRef(n)} (new cluster)`,
    verb: 'point-in-time restore',
    playbook: 'Backup & Restore: Restore / Database Recovery: data corruption — CloudNativePG point-in-time recovery',
    appliesTo: { rungs: [5] },
    params: [{ name: 'targetTime', prompt: 'the recovery target time (RFC 3339, UTC)', example: '2026-11-23T18:00:00Z' }],
    steps: [{ action: 'pitr', target: databaseRef(n), targetTime: '{{targetTime}}' }],
  },
];
