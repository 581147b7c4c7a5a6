// Point-in-time restore, guided: a preflight of the target time against the Cluster's recoverability window,
// the recovery manifest (a NEW cluster bootstrapped from the original's barman object store), and applying
// it, which is destructive-tier (the user types the new cluster's name).
import { stringify } from 'yaml';
import type { KubeClients } from '../../kube/client.js';
import { kubeReads } from '../kube-errors.js';
import { kubeStep } from './kube-step.js';
import { confirmationFor } from '../tiers.js';
import type { Action, ActionStep, PreflightLine } from '../types.js';
import { waitFor } from '../wait.js';
import { CNPG, CNPG_HEALTHY, compactIso, equivalentOf, isNotFound, parseRef } from './refs.js';

/** Accepts RFC 3339 ("2026-11-23T18:00:00Z") and PostgreSQL's "2026-11-23 18:00:00+00". */
export function parseTargetTime(s: string): number {
  const t = s.trim().replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  return Date.parse(t);
}

/** Pure: the preflight of a PITR target against a Cluster's status. */
export function pitrPreflight(
  status: { firstRecoverabilityPoint?: string; lastSuccessfulBackup?: string } | undefined,
  targetTime: string,
  now: number,
): PreflightLine[] {
  const lines: PreflightLine[] = [];
  const t = parseTargetTime(targetTime);
  const first = status?.firstRecoverabilityPoint;
  const firstMs = first ? Date.parse(first) : NaN;
  lines.push({ label: 'First recoverability point', value: first ?? 'none', level: first ? 'ok' : 'blocking' });
  lines.push({ label: 'Last successful backup', value: status?.lastSuccessfulBackup ?? 'none', level: status?.lastSuccessfulBackup ? 'ok' : 'warn' });
  if (Number.isNaN(t)) {
    lines.push({ label: 'Target time', value: `"${targetTime}" is not a time; use RFC 3339, e.g. 2026-11-23T18:00:00Z`, level: 'blocking' });
    return lines;
  }
  const iso = new Date(t).toISOString();
  if (!first) {
    lines.push({ label: 'Target time', value: `${iso}: the cluster has no recoverability point (no completed backup), so there is nothing to restore from`, level: 'blocking' });
  } else if (t < firstMs) {
    lines.push({ label: 'Target time', value: `${iso} is before the first recoverability point ${first}: no backup reaches that far back`, level: 'blocking' });
  } else if (t > now) {
    lines.push({ label: 'Target time', value: `${iso} is in the future`, level: 'blocking' });
  } else {
    lines.push({ label: 'Target time', value: `${iso} is within the recoverability window`, level: 'ok' });
  }
  return lines;
}

export function recoveryClusterName(source: string, now: number): string {
  return `${source}-pitr-${compactIso(now)}`;
}

/** The recovery Cluster manifest: a new cluster recovering `source` up to targetTime from its object store. */
export function buildRecoveryManifest(source: any, targetTime: string, now: number): any {
  const name = recoveryClusterName(source.metadata.name, now);
  const store = source.spec?.backup?.barmanObjectStore;
  const external: any = { name: source.metadata.name };
  if (store) external.barmanObjectStore = { ...store, serverName: store.serverName ?? source.metadata.name };
  else if (source.spec?.plugins?.length) {
    const p = source.spec.plugins.find((x: any) => x.name === 'barman-cloud.cloudnative-pg.io');
    if (p) external.plugin = { name: p.name, parameters: { ...(p.parameters ?? {}), serverName: p.parameters?.serverName ?? source.metadata.name } };
  }
  const t = parseTargetTime(targetTime);
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name, namespace: source.metadata.namespace },
    spec: {
      instances: source.spec?.instances ?? 1,
      ...(source.spec?.imageName ? { imageName: source.spec.imageName } : {}),
      storage: source.spec?.storage ?? { size: '20Gi' },
      bootstrap: {
        recovery: {
          source: source.metadata.name,
          recoveryTarget: { targetTime: Number.isNaN(t) ? targetTime : new Date(t).toISOString().replace(/\.000Z$/, 'Z') },
        },
      },
      externalClusters: [external],
    },
  };
}

export function manifestYaml(m: unknown): string {
  return stringify(m);
}

async function readCluster(clients: KubeClients, namespace: string, name: string): Promise<any> {
  try {
    return await kubeReads(clients).custom.getNamespacedCustomObject({ ...CNPG, plural: 'clusters', namespace, name });
  } catch (err) {
    if (isNotFound(err)) throw new Error(`There is no CloudNativePG cluster ${namespace}/${name}.`);
    throw err;
  }
}

function applyStep(namespace: string, manifest: any, source: string, targetTime: string): ActionStep {
  const name: string = manifest.metadata.name;
  return kubeStep({
    title: `Create recovery cluster ${namespace}/${name}`,
    tier: 'destructive',
    dryRunnable: true,
    calls: [{ equivalent: equivalentOf(`kubectl apply -f ${name}.yaml  # Cluster ${namespace}/${name}, recovery of ${source} to ${targetTime}`), method: 'POST', path: `/apis/postgresql.cnpg.io/v1/namespaces/${namespace}/clusters` }],
    async preflight({ clients: { kube: clients }, now }) {
      const c = await readCluster(clients, namespace, source);
      return pitrPreflight(c.status, targetTime, now());
    },
    async run(ctx) {
      await ctx.writers.kube.createCustom({ ...CNPG, plural: 'clusters', namespace }, manifest);
      return {
        ok: true,
        message: ctx.dryRun ? `Dry run: the server would create Cluster ${namespace}/${name}; nothing changed.` : `Recovery cluster ${namespace}/${name} created.`,
      };
    },
    async verify(ctx) {
      return waitFor(
        async () => {
          const c: any = await ctx.clients.kube.custom.getNamespacedCustomObject({ ...CNPG, plural: 'clusters', namespace, name });
          const s = c.status ?? {};
          if (s.phase === CNPG_HEALTHY && (s.readyInstances ?? 0) >= (c.spec?.instances ?? 1))
            return { done: true, text: `recovery cluster ${namespace}/${name} healthy (${s.readyInstances} ready)` };
          if (/unrecoverable|Invalid/i.test(s.phase ?? '')) return { done: false, failed: true, text: `recovery cluster ${namespace}/${name}: ${s.phase}${s.phaseReason ? ` (${s.phaseReason})` : ''}` };
          return { done: false, text: `recovery cluster ${namespace}/${name}: ${s.phase ?? 'starting'}${s.phaseReason ? ` (${s.phaseReason})` : ''}` };
        },
        { label: `recovery of ${namespace}/${name}`, timeoutMs: ctx.timeoutMs ?? 900_000, signal: ctx.signal, onProgress: ctx.onProgress },
      );
    },
  });
}

/** The PITR action: reads the source Cluster, builds the manifest (shown as `detail`), typed-name confirmation. */
export async function planPitr(clients: KubeClients, ref: string, targetTime: string, now = Date.now()): Promise<Action> {
  const { namespace, name } = parseRef(ref);
  const source = await readCluster(clients, namespace, name);
  const manifest = buildRecoveryManifest(source, targetTime, now);
  const newName: string = manifest.metadata.name;
  return {
    id: 'pitr',
    verb: 'point-in-time restore',
    title: `Point-in-time restore of ${namespace}/${name} to ${targetTime} as ${newName}`,
    target: { kind: 'Cluster', namespace, name: newName },
    tier: 'destructive',
    confirmation: confirmationFor('destructive', newName),
    params: [],
    steps: [applyStep(namespace, manifest, name, targetTime)],
    detail: manifestYaml(manifest),
  };
}
