// The playbook's "Backup & Restore (PostgreSQL)" and "Database Recovery" runbooks.
import type { RunbookDef } from '../schema.js';

export const databaseRunbooks: RunbookDef[] = [
  {
    id: 'restart-postgres',
    title: 'Restart PostgreSQL (data/postgres)',
    verb: 'restart',
    playbook: 'Database Recovery: pod restart (transient failure) — sunbeam restart data/postgres',
    appliesTo: { rungs: [5] },
    steps: [{ action: 'restart', target: 'data/postgres' }],
  },
  {
    id: 'postgres-operator-logs',
    title: 'CloudNativePG operator logs',
    verb: 'logs',
    playbook: 'Emergency: Database down — check CloudNativePG operator logs',
    appliesTo: { rungs: [5] },
    steps: [{ action: 'logs', target: 'cnpg-system/cnpg-controller-manager' }],
  },
  {
    id: 'backup-status',
    title: 'Backup status (barman pods, last backup)',
    verb: 'backup status',
    playbook: 'Backup & Restore: check backup status — sunbeam k8s get pods -n data -l app=barman',
    appliesTo: { rungs: [5] },
    steps: [{ action: 'backup-status', target: 'data/postgres' }],
  },
  {
    id: 'backup-barman',
    title: 'Manual backup: barman backup postgres',
    verb: 'backup',
    playbook: 'Backup & Restore: manual backup trigger — sunbeam k8s exec -n data barman-0 -- barman backup postgres',
    appliesTo: { rungs: [5] },
    steps: [{ action: 'exec', pod: 'data/barman-0', container: 'barman', command: ['barman', 'backup', 'postgres'] }],
  },
  {
    id: 'backup-cnpg',
    title: 'CloudNativePG Backup of data/postgres',
    verb: 'backup',
    playbook: 'Backup & Restore (kubectl cnpg backup)',
    appliesTo: { rungs: [5] },
    steps: [{ action: 'create-backup', target: 'data/postgres' }],
  },
  {
    id: 'pitr',
    title: 'Point-in-time restore of data/postgres (new cluster)',
    verb: 'point-in-time restore',
    playbook: 'Backup & Restore: Restore / Database Recovery: data corruption — CloudNativePG point-in-time recovery',
    appliesTo: { rungs: [5] },
    params: [{ name: 'targetTime', prompt: 'the recovery target time (RFC 3339, UTC)', example: '2026-11-23T18:00:00Z' }],
    steps: [{ action: 'pitr', target: 'data/postgres', targetTime: '{{targetTime}}' }],
  },
];
