// Backups: the playbook's manual trigger (`barman backup <server>` in the barman pod of BoxNames, by default
// `barman backup postgres` in data/barman-0; output streamed, exit code -> outcome), CloudNativePG's on-demand
// Backup resource (named as `kubectl cnpg backup` names it, verified to reach phase completed), and the backup
// status read.
import type { KubeClients } from '../../kube/client.js';
import { DEFAULT_BOX_NAMES, databaseRef, type BoxNames } from '../../ladder/box-graph.js';
import { kubeStep } from './kube-step.js';
import { confirmationFor } from '../tiers.js';
import type { Action, ActionStep, PreflightLine } from '../types.js';
import { waitFor } from '../wait.js';
import { execStep } from './generic.js';
import { CNPG, compactIso, equivalentOf, isNotFound, parseRef, podBrief } from './refs.js';

/** The barman pod, its container and label selector, and the barman server name (the CNPG cluster). */
export type BarmanTarget = BoxNames['barman'];

const BOX_BARMAN: BarmanTarget = DEFAULT_BOX_NAMES.barman;

async function clusterLines(clients: KubeClients, namespace: string, name: string): Promise<PreflightLine[]> {
  let c: any;
  try {
    c = await clients.custom.getNamespacedCustomObject({ ...CNPG, plural: 'clusters', namespace, name });
  } catch (err) {
    if (isNotFound(err)) return [{ label: 'Cluster', value: `no CloudNativePG cluster ${namespace}/${name}`, level: 'warn' }];
    throw err;
  }
  const s = c.status ?? {};
  const arch = (s.conditions ?? []).find((x: any) => x.type === 'ContinuousArchiving');
  return [
    { label: 'Last successful backup', value: s.lastSuccessfulBackup ?? 'none', level: s.lastSuccessfulBackup ? 'ok' : 'warn' },
    ...(s.lastFailedBackup ? [{ label: 'Last failed backup', value: s.lastFailedBackup, level: 'warn' as const }] : []),
    { label: 'First recoverability point', value: s.firstRecoverabilityPoint ?? 'none', level: 'info' },
    {
      label: 'WAL archiving',
      value: arch ? `${arch.status === 'True' ? 'working' : 'failing'}${arch.message ? `: ${arch.message}` : ''}` : 'unknown',
      level: arch?.status === 'True' ? 'ok' : 'warn',
    },
  ];
}

async function barmanPodLines(clients: KubeClients, namespace: string, selector: string): Promise<PreflightLine[]> {
  const pods = (await clients.core.listNamespacedPod({ namespace, labelSelector: selector })).items.map(podBrief);
  if (pods.length === 0) return [{ label: 'barman pods', value: `none in ${namespace} (-l ${selector})`, level: 'blocking' }];
  return pods.map((p) => ({ label: `pod ${p.name}`, value: `${p.status}${p.ready ? ', ready' : ', not ready'}`, level: p.ready ? 'ok' : 'warn' }));
}

export function barmanBackupStep(t: BarmanTarget = BOX_BARMAN): ActionStep {
  const step = execStep(`${t.namespace}/${t.pod}`, t.container, ['barman', 'backup', t.server], async (clients) => [
    ...(await barmanPodLines(clients, t.namespace, t.selector)).filter((l) => !l.label.endsWith(t.pod)),
    ...(await clusterLines(clients, t.namespace, t.server)),
  ]);
  return { ...step, title: `barman backup ${t.server} in ${t.namespace}/${t.pod}` };
}

export function backupName(cluster: string, ms: number): string {
  return `${cluster}-${compactIso(ms)}`;
}

export function backupManifest(namespace: string, cluster: string, ms: number, method = 'barmanObjectStore'): any {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Backup',
    metadata: { name: backupName(cluster, ms), namespace },
    spec: { cluster: { name: cluster }, method },
  };
}

export function cnpgBackupStep(namespace: string, cluster: string): ActionStep {
  return kubeStep({
    title: `CloudNativePG Backup of ${namespace}/${cluster}`,
    tier: 'change',
    dryRunnable: true,
    calls: [
      {
        equivalent: equivalentOf(`kubectl cnpg backup -n ${namespace} ${cluster} --method barmanObjectStore`),
        method: 'POST',
        path: `/apis/postgresql.cnpg.io/v1/namespaces/${namespace}/backups (Backup ${cluster}-<YYYYMMDDHHMMSS>, spec.cluster.name=${cluster})`,
      },
    ],
    async preflight({ clients: { kube: clients } }) {
      return clusterLines(clients, namespace, cluster);
    },
    async run(ctx) {
      const body = backupManifest(namespace, cluster, ctx.now());
      const created: any = await ctx.writers.kube.createCustom({ ...CNPG, plural: 'backups', namespace }, body);
      const name = created?.metadata?.name ?? body.metadata.name;
      return {
        ok: true,
        message: ctx.dryRun ? `Dry run: the server would create Backup ${namespace}/${name}; nothing changed.` : `Backup ${namespace}/${name} created.`,
        facts: { name },
      };
    },
    async verify(ctx, ran) {
      const name = String(ran.facts?.name);
      return waitFor(
        async () => {
          const b: any = await ctx.clients.kube.custom.getNamespacedCustomObject({ ...CNPG, plural: 'backups', namespace, name });
          const phase: string = b.status?.phase ?? 'new';
          if (phase === 'completed') return { done: true, text: `Backup ${namespace}/${name} completed${b.status?.backupId ? ` (barman id ${b.status.backupId})` : ''}` };
          if (phase === 'failed' || phase === 'walArchivingFailing' || phase === 'invalid backup definition')
            return { done: false, failed: true, text: `Backup ${namespace}/${name} ${phase}${b.status?.error ? `: ${b.status.error}` : ''}` };
          return { done: false, text: `Backup ${namespace}/${name} is ${phase}` };
        },
        { label: `Backup ${namespace}/${name}`, timeoutMs: ctx.timeoutMs ?? 600_000, signal: ctx.signal, onProgress: ctx.onProgress },
      );
    },
  });
}

/** Read: barman pods, the Cluster's backup status, recent Backups and barman's own list. */
export function backupStatusStep(t: BarmanTarget = BOX_BARMAN): ActionStep {
  const command = ['barman', 'list-backup', t.server];
  return kubeStep({
    title: `Backup status of ${t.namespace}/${t.server}`,
    tier: 'read',
    dryRunnable: false,
    calls: [
      { equivalent: equivalentOf(`kubectl get pods -n ${t.namespace} -l ${t.selector}`), method: 'GET', path: `/api/v1/namespaces/${t.namespace}/pods?labelSelector=${encodeURIComponent(t.selector)}` },
      { equivalent: equivalentOf(`kubectl get backups.postgresql.cnpg.io -n ${t.namespace}`), method: 'GET', path: `/apis/postgresql.cnpg.io/v1/namespaces/${t.namespace}/backups` },
      { equivalent: equivalentOf(`kubectl exec -n ${t.namespace} ${t.pod} -c ${t.container} -- ${command.join(' ')}`), method: 'EXEC', path: `/api/v1/namespaces/${t.namespace}/pods/${t.pod}/exec` },
    ],
    async run(ctx) {
      const lines: string[] = [];
      for (const l of [...(await barmanPodLines(ctx.clients.kube, t.namespace, t.selector)), ...(await clusterLines(ctx.clients.kube, t.namespace, t.server))]) {
        lines.push(`${l.label}: ${l.value}`);
      }
      const backups: any[] = ((await ctx.clients.kube.custom.listNamespacedCustomObject({ ...CNPG, plural: 'backups', namespace: t.namespace })) as any).items ?? [];
      const recent = backups
        .filter((b) => b.spec?.cluster?.name === t.server)
        .sort((a, b) => String(b.metadata?.creationTimestamp).localeCompare(String(a.metadata?.creationTimestamp)))
        .slice(0, 5);
      for (const b of recent) lines.push(`Backup ${b.metadata.name}: ${b.status?.phase ?? 'new'}${b.status?.stoppedAt ? ` at ${b.status.stoppedAt}` : ''}`);
      try {
        const r = await ctx.writers.kube.exec(t.namespace, t.pod, t.container, command, (_s, line) => lines.push(line), ctx.signal);
        if (r.exitCode !== 0) lines.push(`barman list-backup exited ${r.exitCode}`);
      } catch (err) {
        lines.push(`barman list-backup could not run: ${(err as Error).message.split('\n')[0]}`);
      }
      return { ok: true, message: `Backup status of ${t.namespace}/${t.server}.`, lines };
    },
  });
}

export function planBarmanBackup(t: BarmanTarget = BOX_BARMAN): Action {
  return {
    id: 'backup-barman',
    verb: 'backup',
    title: `Manual barman backup of ${t.server}`,
    target: { kind: 'Pod', namespace: t.namespace, name: t.pod },
    tier: 'change',
    confirmation: confirmationFor('change', t.pod),
    params: [],
    steps: [barmanBackupStep(t)],
  };
}

export function planCnpgBackup(ref = databaseRef(DEFAULT_BOX_NAMES)): Action {
  const { namespace, name } = parseRef(ref);
  return {
    id: 'backup-cnpg',
    verb: 'backup',
    title: `CloudNativePG backup of ${namespace}/${name}`,
    target: { kind: 'Cluster', namespace, name },
    tier: 'change',
    confirmation: confirmationFor('change', name),
    params: [],
    steps: [cnpgBackupStep(namespace, name)],
  };
}
