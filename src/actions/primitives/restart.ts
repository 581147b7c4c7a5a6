// Restart NS/NAME: a CloudNativePG Cluster of that name wins (the restart annotation on the Cluster, merge
// patch, as `kubectl cnpg restart` does), then a Deployment, a StatefulSet, a DaemonSet (the pod template's
// restartedAt annotation, strategic merge patch, as `kubectl rollout restart` does).
import type { KubeClients } from '../../kube/client.js';
import type { WorkloadKind } from '../writers/kube.js';
import { kubeReads } from '../kube-errors.js';
import { kubeStep } from './kube-step.js';
import { confirmationFor } from '../tiers.js';
import type { Action, ActionStep, PreflightLine, StepContext } from '../types.js';
import { waitFor } from '../wait.js';
import { CNPG, CNPG_HEALTHY, RESTARTED_AT, equivalentOf, isNotFound, parseRef, podBrief, restartStamp, selectorText, selects } from './refs.js';

export type RestartKind = 'Cluster' | WorkloadKind;

export interface ResolvedWorkload {
  kind: RestartKind;
  namespace: string;
  name: string;
  obj: any;
}

async function tryRead(fn: () => Promise<any>): Promise<any | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** NS/NAME -> the thing a restart means; one clear sentence when there is none. */
export async function resolveRestartTarget(kube: KubeClients, ref: string): Promise<ResolvedWorkload> {
  const clients = kubeReads(kube);
  const { namespace, name } = parseRef(ref);
  const cluster = await tryRead(() => clients.custom.getNamespacedCustomObject({ ...CNPG, plural: 'clusters', namespace, name }));
  if (cluster) return { kind: 'Cluster', namespace, name, obj: cluster };
  const dep = await tryRead(() => clients.apps.readNamespacedDeployment({ namespace, name }));
  if (dep) return { kind: 'Deployment', namespace, name, obj: dep };
  const sts = await tryRead(() => clients.apps.readNamespacedStatefulSet({ namespace, name }));
  if (sts) return { kind: 'StatefulSet', namespace, name, obj: sts };
  const ds = await tryRead(() => clients.apps.readNamespacedDaemonSet({ namespace, name }));
  if (ds) return { kind: 'DaemonSet', namespace, name, obj: ds };
  throw new Error(`Nothing to restart at ${namespace}/${name}: no CloudNativePG Cluster, Deployment, StatefulSet or DaemonSet of that name.`);
}

/**
 * The restartedAt value to write: now, to the second, as kubectl writes it. Two restarts within one second
 * would write the same value and change nothing (kubectl then says "please wait"), so wait for the next second.
 */
async function freshStamp(current: string | undefined, now: () => number): Promise<string> {
  let stamp = restartStamp(now());
  for (let i = 0; i < 3 && stamp === current; i++) {
    await new Promise((r) => setTimeout(r, 1000 - (now() % 1000) + 5));
    stamp = restartStamp(now());
  }
  return stamp;
}

const PLURAL: Record<WorkloadKind, string> = { Deployment: 'deployments', StatefulSet: 'statefulsets', DaemonSet: 'daemonsets' };

async function pdbLines(clients: KubeClients, namespace: string, podLabels: Record<string, string>, replicas: number): Promise<PreflightLine[]> {
  const pdbs = await clients.policy.listNamespacedPodDisruptionBudget({ namespace });
  const hits = pdbs.items.filter((p) => selects(p.spec?.selector as any, podLabels));
  if (hits.length === 0) return [{ label: 'PodDisruptionBudgets', value: 'none select these pods', level: 'info' }];
  return hits.map((p) => {
    const allowed = p.status?.disruptionsAllowed ?? 0;
    const name = p.metadata?.name ?? '?';
    const violates = allowed < 1 || replicas <= 1;
    return {
      label: `PDB ${name}`,
      value: violates
        ? `${allowed} disruption(s) allowed: a restart takes pods below what ${name} protects (a rollout does not go through eviction, so it is not stopped)`
        : `${allowed} disruption(s) allowed; a rolling restart stays within it`,
      level: violates ? 'warn' : 'ok',
    };
  });
}

async function podsOf(clients: KubeClients, namespace: string, selector: string): Promise<any[]> {
  if (!selector) return [];
  return (await clients.core.listNamespacedPod({ namespace, labelSelector: selector })).items;
}

function describePods(pods: any[], oldUids: Set<string>): string {
  const briefs = pods.map(podBrief);
  const live = briefs.filter((b) => !b.deleting);
  const stillOld = briefs.filter((b) => oldUids.has(b.uid));
  const bad = live.filter((b) => !b.ready && b.status !== 'Running');
  const parts: string[] = [];
  if (stillOld.length) parts.push(`${stillOld.length} old pod(s) not gone yet (${stillOld.map((b) => b.name).join(', ')})`);
  for (const b of bad.slice(0, 3)) parts.push(`${b.name} is ${b.status}`);
  return parts.join('; ');
}

function workloadStep(w: ResolvedWorkload): ActionStep {
  const kind = w.kind as WorkloadKind;
  const { namespace, name } = w;
  const plural = PLURAL[kind];
  const selector = selectorText(w.obj.spec?.selector?.matchLabels);
  return {
    title: `Restart ${kind.toLowerCase()} ${namespace}/${name}`,
    tier: 'change',
    dryRunnable: true,
    calls: [
      {
        equivalent: equivalentOf(`kubectl -n ${namespace} rollout restart ${kind.toLowerCase()}/${name}`),
        method: 'PATCH',
        path: `/apis/apps/v1/namespaces/${namespace}/${plural}/${name}?fieldManager=sunbeam-console (strategic merge: spec.template.metadata.annotations["${RESTARTED_AT}"])`,
      },
    ],
    async preflight({ clients: { kube: clients } }) {
      const fresh = (await resolveRestartTarget(clients, `${namespace}/${name}`)).obj;
      const desired = kind === 'DaemonSet' ? fresh.status?.desiredNumberScheduled ?? 0 : fresh.spec?.replicas ?? 1;
      const ready = kind === 'DaemonSet' ? fresh.status?.numberReady ?? 0 : fresh.status?.readyReplicas ?? 0;
      const lines: PreflightLine[] = [
        { label: 'Replicas', value: `${ready}/${desired} ready`, level: ready >= desired ? 'ok' : 'warn' },
      ];
      if (desired === 1) lines.push({ label: 'Availability', value: 'one replica: the service is briefly unavailable while the new pod starts', level: 'warn' });
      if (kind === 'Deployment' && fresh.spec?.paused) {
        lines.push({ label: 'Paused', value: `can't restart paused deployment (run kubectl -n ${namespace} rollout resume deployment/${name} first)`, level: 'blocking' });
      }
      lines.push(...(await pdbLines(clients, namespace, fresh.spec?.template?.metadata?.labels ?? {}, desired)));
      return lines;
    },
    async run(ctx) {
      const oldPods = await podsOf(ctx.clients.kube, namespace, selector);
      const fresh = (await resolveRestartTarget(ctx.clients.kube, `${namespace}/${name}`)).obj;
      const stamp = await freshStamp(fresh.spec?.template?.metadata?.annotations?.[RESTARTED_AT], ctx.now);
      const res: any = await ctx.writers.kube.restartWorkload(kind, namespace, name, stamp);
      const generation = res?.metadata?.generation ?? 0;
      return {
        ok: true,
        message: ctx.dryRun
          ? `Dry run: the server accepted the restart of ${kind.toLowerCase()} ${namespace}/${name}; nothing changed.`
          : `Restart of ${kind.toLowerCase()} ${namespace}/${name} requested.`,
        facts: { oldUids: oldPods.map((p) => p.metadata?.uid), generation },
      };
    },
    async verify(ctx, ran) {
      const oldUids = new Set((ran.facts?.oldUids as string[]) ?? []);
      const generation = Number(ran.facts?.generation ?? 0);
      return waitFor(
        async () => {
          const o: any =
            kind === 'Deployment'
              ? await ctx.clients.kube.apps.readNamespacedDeployment({ namespace, name })
              : kind === 'StatefulSet'
                ? await ctx.clients.kube.apps.readNamespacedStatefulSet({ namespace, name })
                : await ctx.clients.kube.apps.readNamespacedDaemonSet({ namespace, name });
          const s = o.status ?? {};
          const desired = kind === 'DaemonSet' ? s.desiredNumberScheduled ?? 0 : o.spec?.replicas ?? 1;
          const updated = kind === 'DaemonSet' ? s.updatedNumberScheduled ?? 0 : s.updatedReplicas ?? 0;
          const ready = kind === 'DaemonSet' ? s.numberReady ?? 0 : s.readyReplicas ?? 0;
          const available = kind === 'DaemonSet' ? s.numberAvailable ?? 0 : kind === 'StatefulSet' ? s.availableReplicas ?? ready : s.availableReplicas ?? 0;
          const observed = (s.observedGeneration ?? 0) >= Math.max(generation, o.metadata?.generation ?? 0);
          const pods = await podsOf(ctx.clients.kube, namespace, selector);
          const oldLeft = pods.some((p) => oldUids.has(p.metadata?.uid));
          const done = observed && updated === desired && ready === desired && available === desired && !oldLeft;
          const detail = describePods(pods, oldUids);
          return {
            done,
            text: done
              ? `${namespace}/${name} restarted: ${ready}/${desired} pods ready, all replaced`
              : `${ready}/${desired} pods ready, ${updated}/${desired} updated${observed ? '' : ', rollout not yet observed'}`,
            detail,
          };
        },
        { label: `rollout of ${namespace}/${name}`, timeoutMs: ctx.timeoutMs ?? 180_000, signal: ctx.signal, onProgress: ctx.onProgress },
      );
    },
  };
}

function clusterStep(w: ResolvedWorkload): ActionStep {
  const { namespace, name } = w;
  const selector = `cnpg.io/cluster=${name}`;
  const ref = { ...CNPG, plural: 'clusters', namespace, name };
  return {
    title: `Restart CloudNativePG cluster ${namespace}/${name}`,
    tier: 'change',
    dryRunnable: true,
    calls: [
      {
        equivalent: equivalentOf(`kubectl cnpg restart -n ${namespace} ${name}`),
        method: 'PATCH',
        path: `/apis/postgresql.cnpg.io/v1/namespaces/${namespace}/clusters/${name} (merge patch: metadata.annotations["${RESTARTED_AT}"]; = kubectl -n ${namespace} annotate cluster ${name} ${RESTARTED_AT}=<now> --overwrite)`,
      },
    ],
    async preflight({ clients: { kube: clients } }) {
      const c: any = await clients.custom.getNamespacedCustomObject(ref);
      const s = c.status ?? {};
      const instances = c.spec?.instances ?? s.instances ?? 1;
      const ready = s.readyInstances ?? 0;
      const lines: PreflightLine[] = [
        { label: 'Instances', value: `${ready}/${instances} ready`, level: ready >= instances ? 'ok' : 'warn' },
        { label: 'Phase', value: s.phase ?? 'unknown', level: s.phase === CNPG_HEALTHY ? 'ok' : 'warn' },
        { label: 'Primary', value: s.currentPrimary ?? 'unknown', level: 'info' },
        { label: 'Restart', value: 'rolling: replicas first, then the primary (a short write outage while it restarts)', level: 'info' },
      ];
      const pods = await podsOf(clients, namespace, selector);
      lines.push(...(await pdbLines(clients, namespace, pods[0]?.metadata?.labels ?? { 'cnpg.io/cluster': name }, instances)));
      return lines;
    },
    async run(ctx) {
      const oldPods = await podsOf(ctx.clients.kube, namespace, selector);
      const cur: any = await ctx.clients.kube.custom.getNamespacedCustomObject(ref);
      const stamp = await freshStamp(cur.metadata?.annotations?.[RESTARTED_AT], ctx.now);
      await ctx.writers.kube.mergePatchCustom(ref, { metadata: { annotations: { [RESTARTED_AT]: stamp } } });
      return {
        ok: true,
        message: ctx.dryRun
          ? `Dry run: the server accepted the restart annotation on cluster ${namespace}/${name}; nothing changed.`
          : `Restart of cluster ${namespace}/${name} requested (restart annotation set).`,
        facts: { oldUids: oldPods.map((p) => p.metadata?.uid) },
      };
    },
    async verify(ctx: StepContext, ran) {
      const oldUids = new Set((ran.facts?.oldUids as string[]) ?? []);
      return waitFor(
        async () => {
          const c: any = await ctx.clients.kube.custom.getNamespacedCustomObject(ref);
          const s = c.status ?? {};
          const instances = c.spec?.instances ?? 1;
          const ready = s.readyInstances ?? 0;
          const pods = await podsOf(ctx.clients.kube, namespace, selector);
          const oldLeft = pods.filter((p) => oldUids.has(p.metadata?.uid)).map((p) => p.metadata?.name);
          const done = s.phase === CNPG_HEALTHY && ready === instances && oldLeft.length === 0 && pods.length >= instances;
          const detail = describePods(pods, oldUids);
          return {
            done,
            text: done
              ? `cluster ${namespace}/${name} healthy: ${ready}/${instances} instances ready, all restarted`
              : `cluster ${namespace}/${name}: ${s.phase ?? 'no phase'}, ${ready}/${instances} instances ready`,
            detail,
          };
        },
        { label: `restart of cluster ${namespace}/${name}`, timeoutMs: ctx.timeoutMs ?? 300_000, signal: ctx.signal, onProgress: ctx.onProgress },
      );
    },
  };
}

export function restartStepFor(w: ResolvedWorkload): ActionStep {
  return kubeStep(w.kind === 'Cluster' ? clusterStep(w) : workloadStep(w));
}

/** The restart action for NS/NAME (resolved against the cluster). */
export async function planRestart(clients: KubeClients, ref: string): Promise<Action> {
  const w = await resolveRestartTarget(clients, ref);
  const step = restartStepFor(w);
  return {
    id: 'restart',
    verb: 'restart',
    title: w.kind === 'Cluster' ? `Restart PostgreSQL cluster ${w.namespace}/${w.name}` : `Restart ${w.namespace}/${w.name}`,
    target: { kind: w.kind, namespace: w.namespace, name: w.name },
    tier: 'change',
    confirmation: confirmationFor('change', w.name),
    params: [],
    steps: [step],
  };
}
