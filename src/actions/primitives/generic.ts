// The generic primitives user runbooks are built from, next to the specific ones: a command in a pod, an
// annotation on a workload / Cluster / Certificate, and waiting for a condition.
import type { KubeClients } from '../../kube/client.js';
import { kubeStep } from './kube-step.js';
import type { ActionStep, PreflightLine, StepContext } from '../types.js';
import { waitFor } from '../wait.js';
import { readyOf } from './certificate.js';
import { CERTS, CNPG, CNPG_HEALTHY, equivalentOf, parseRef, podBrief } from './refs.js';
import { resolveRestartTarget } from './restart.js';

export function execStep(
  ref: string,
  container: string | undefined,
  command: string[],
  preflight?: (clients: KubeClients) => Promise<PreflightLine[]>,
): ActionStep {
  const { namespace, name: pod } = parseRef(ref, 'NS/POD');
  const c = container ? ` -c ${container}` : '';
  return kubeStep({
    title: `${command.join(' ')} in ${namespace}/${pod}`,
    tier: 'change',
    dryRunnable: false,
    calls: [{ equivalent: equivalentOf(`kubectl exec -n ${namespace} ${pod}${c} -- ${command.join(' ')}`), method: 'EXEC', path: `/api/v1/namespaces/${namespace}/pods/${pod}/exec` }],
    async preflight({ clients: { kube: clients } }) {
      const lines: PreflightLine[] = [];
      try {
        const p = podBrief(await clients.core.readNamespacedPod({ namespace, name: pod }));
        lines.push({ label: `pod ${p.name}`, value: `${p.status}${p.ready ? ', ready' : ', not ready'}`, level: p.ready ? 'ok' : 'warn' });
      } catch {
        lines.push({ label: `pod ${namespace}/${pod}`, value: 'not found', level: 'blocking' });
      }
      if (preflight) lines.push(...(await preflight(clients)));
      return lines;
    },
    async run(ctx) {
      const lines: string[] = [];
      const target = container ?? (await ctx.clients.kube.core.readNamespacedPod({ namespace, name: pod })).spec?.containers?.[0]?.name ?? '';
      const r = await ctx.writers.kube.exec(namespace, pod, target, command, (stream, line) => {
        lines.push(line);
        ctx.onProgress({ kind: 'output', stream, line });
      }, ctx.signal);
      const what = command.join(' ');
      return r.exitCode === 0
        ? { ok: true, message: `${what} finished (exit 0).`, lines, streamed: true }
        : { ok: false, message: `${what} failed (exit ${r.exitCode}${r.message ? `: ${r.message}` : ''}).`, lines, streamed: true };
    },
  });
}

export type AnnotateKind = 'deployment' | 'statefulset' | 'daemonset' | 'cluster' | 'certificate';

export function annotateStep(kind: AnnotateKind, ref: string, key: string, value: string): ActionStep {
  const { namespace, name } = parseRef(ref);
  const kubectlKind = kind === 'cluster' ? 'clusters.postgresql.cnpg.io' : kind;
  return kubeStep({
    title: `Annotate ${kind} ${namespace}/${name} ${key}=${value}`,
    tier: 'change',
    dryRunnable: true,
    calls: [{ equivalent: equivalentOf(`kubectl -n ${namespace} annotate ${kubectlKind} ${name} ${key}=${value} --overwrite`), method: 'PATCH', path: `(merge patch) metadata.annotations["${key}"]` }],
    async run(ctx) {
      const annotations = { [key]: value };
      if (kind === 'cluster') await ctx.writers.kube.mergePatchCustom({ ...CNPG, plural: 'clusters', namespace, name }, { metadata: { annotations } });
      else if (kind === 'certificate') await ctx.writers.kube.mergePatchCustom({ ...CERTS, namespace, name }, { metadata: { annotations } });
      else await ctx.writers.kube.annotateWorkload(kind === 'deployment' ? 'Deployment' : kind === 'statefulset' ? 'StatefulSet' : 'DaemonSet', namespace, name, annotations);
      return { ok: true, message: ctx.dryRun ? `Dry run: the server accepted the annotation on ${kind} ${namespace}/${name}; nothing changed.` : `Annotated ${kind} ${namespace}/${name}.` };
    },
  });
}

export type WaitCondition = 'rollout-complete' | 'certificate-ready' | 'cluster-healthy' | 'backup-completed';

async function probe(ctx: StepContext, condition: WaitCondition, namespace: string, name: string): Promise<{ done: boolean; text: string; failed?: boolean }> {
  const clients = ctx.clients.kube;
  switch (condition) {
    case 'rollout-complete': {
      const w = await resolveRestartTarget(clients, `${namespace}/${name}`);
      if (w.kind === 'Cluster') return probe(ctx, 'cluster-healthy', namespace, name);
      const s = w.obj.status ?? {};
      const desired = w.kind === 'DaemonSet' ? s.desiredNumberScheduled ?? 0 : w.obj.spec?.replicas ?? 1;
      const ready = w.kind === 'DaemonSet' ? s.numberReady ?? 0 : s.readyReplicas ?? 0;
      const updated = w.kind === 'DaemonSet' ? s.updatedNumberScheduled ?? 0 : s.updatedReplicas ?? 0;
      const done = (s.observedGeneration ?? 0) >= (w.obj.metadata?.generation ?? 0) && ready === desired && updated === desired;
      return { done, text: `${namespace}/${name}: ${ready}/${desired} ready, ${updated}/${desired} updated` };
    }
    case 'certificate-ready': {
      const c: any = await clients.custom.getNamespacedCustomObject({ ...CERTS, namespace, name });
      const r = readyOf(c);
      return { done: r.status === 'True', text: `Certificate ${namespace}/${name}: Ready=${r.status}${r.reason ? ` (${r.reason})` : ''}` };
    }
    case 'cluster-healthy': {
      const c: any = await clients.custom.getNamespacedCustomObject({ ...CNPG, plural: 'clusters', namespace, name });
      const s = c.status ?? {};
      const n = c.spec?.instances ?? 1;
      return { done: s.phase === CNPG_HEALTHY && (s.readyInstances ?? 0) === n, text: `cluster ${namespace}/${name}: ${s.phase ?? 'no phase'}, ${s.readyInstances ?? 0}/${n} ready` };
    }
    case 'backup-completed': {
      const b: any = await clients.custom.getNamespacedCustomObject({ ...CNPG, plural: 'backups', namespace, name });
      const phase = b.status?.phase ?? 'new';
      return { done: phase === 'completed', failed: phase === 'failed', text: `Backup ${namespace}/${name} is ${phase}${b.status?.error ? `: ${b.status.error}` : ''}` };
    }
  }
}

export function waitStep(condition: WaitCondition, ref: string, timeoutSeconds = 300): ActionStep {
  const { namespace, name } = parseRef(ref);
  return kubeStep({
    title: `Wait for ${condition} of ${namespace}/${name}`,
    tier: 'read',
    dryRunnable: true,
    calls: [{ equivalent: equivalentOf(`kubectl wait -n ${namespace} ${name} --for=${condition} --timeout=${timeoutSeconds}s`), method: 'GET', path: `(polls ${namespace}/${name})` }],
    async run() {
      return { ok: true, message: `Waiting for ${condition} of ${namespace}/${name}.` };
    },
    verify: (ctx) =>
      waitFor(() => probe(ctx, condition, namespace, name), {
        label: `${condition} of ${namespace}/${name}`,
        timeoutMs: Math.min(ctx.timeoutMs ?? Infinity, timeoutSeconds * 1000),
        signal: ctx.signal,
        onProgress: ctx.onProgress,
      }),
  });
}
