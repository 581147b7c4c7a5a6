// CloudNativePG: the Cluster not in healthy state, WAL archiving failing, backups failed or stale. The advice
// names the cluster itself and the Box's barman pod and server (BoxNames), never the playbook's defaults.
import type { BoxNames } from '../box-graph.js';
import type { Finding } from '../types.js';
import { ageMs, humanDuration } from '../age.js';
import type { Kube } from './util.js';

export const HEALTHY_PHASE = 'Cluster in healthy state';
/** The daily ScheduledBackup plus slack. */
export const BACKUP_STALE_MS = 36 * 3_600_000;

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export function postgresRules(kube: Kube, now: number, names: BoxNames): Finding[] {
  const bm = names.barman;
  const out: Finding[] = [];
  // Newest completed and failed Backup per cluster, from the Backup resources.
  const good = new Map<string, string>();
  const bad = new Map<string, { at: string; name: string; error?: string }>();
  for (const b of Object.values(kube.pgBackups)) {
    const k = `${b.namespace}/${b.cluster}`;
    const at = b.stoppedAt ?? b.startedAt ?? b.created;
    if (b.phase === 'completed') good.set(k, latest(good.get(k), at)!);
    else if (b.phase === 'failed' && (!bad.has(k) || Date.parse(at) > Date.parse(bad.get(k)!.at))) bad.set(k, { at, name: b.name, error: b.error });
  }
  for (const c of Object.values(kube.pgClusters)) {
    const id = `${c.namespace}/${c.name}`;
    const target = { kind: 'Cluster', namespace: c.namespace, name: c.name };
    const base = { namespace: c.namespace, component: c.name, target };
    const healthy = c.phase === HEALTHY_PHASE && c.readyInstances >= c.instances;
    if (!healthy) {
      const down = c.readyInstances === 0 || c.conditions.Ready === 'False';
      out.push({
        ...base,
        id: `pg-cluster-unhealthy:${id}`,
        severity: down ? 'failing' : 'warn',
        rule: 'pg-cluster-unhealthy',
        title: `${id}: CloudNativePG cluster not healthy (${c.phase || 'no phase'}, ${c.readyInstances}/${c.instances} ready)`,
        detail: `${c.phaseReason ? `${c.phaseReason}. ` : ''}Primary ${c.primary ?? 'unknown'}. ${down ? `Applications using the database cannot connect. Check the CloudNativePG operator logs (kubectl logs -n ${names.operator.namespace} deploy/${names.operator.deployment}); restart with: sunbeam-console restart ${id} (or R here).` : 'Instances are still serving.'}`,
      });
    }
    if (c.conditions.ContinuousArchiving === 'False') {
      out.push({ ...base, id: `pg-wal-archiving:${id}`, severity: 'warn', rule: 'pg-wal-archiving', title: `${id}: WAL archiving failing`, detail: 'Continuous archiving to the object store is failing: point-in-time recovery will not cover the time since.' });
    }
    const lastGood = latest(c.lastSuccessfulBackup, good.get(id));
    const failed = bad.get(id);
    const lastBad = latest(c.lastFailedBackup, failed?.at);
    if (lastBad && (!lastGood || Date.parse(lastBad) > Date.parse(lastGood))) {
      out.push({
        ...base,
        id: `pg-backup-failed:${id}`,
        severity: 'warn',
        rule: 'pg-backup-failed',
        title: `${id}: last backup failed ${humanDuration(ageMs(lastBad, now))} ago`,
        detail: `${failed?.error ? `${failed.name}: ${failed.error}. ` : ''}Last good backup: ${lastGood ? `${humanDuration(ageMs(lastGood, now))} ago` : 'none'}. Trigger one: sunbeam-console backup (kubectl exec -n ${bm.namespace} ${bm.pod} -- barman backup ${bm.server}).`,
      });
    } else if (ageMs(lastGood, now) > BACKUP_STALE_MS && ageMs(c.created, now) > BACKUP_STALE_MS) {
      out.push({
        ...base,
        id: `pg-backup-stale:${id}`,
        severity: 'warn',
        rule: 'pg-backup-stale',
        title: lastGood ? `${id}: no backup for ${humanDuration(ageMs(lastGood, now))}` : `${id}: no completed backup`,
        detail: `The daily ScheduledBackup should have run; check barman (kubectl get pods -n ${bm.namespace} -l ${bm.selector}) and the Backup resources (kubectl get backups.postgresql.cnpg.io -n ${c.namespace}).`,
      });
    }
  }
  return out;
}
