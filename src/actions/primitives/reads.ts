// Read actions (no confirmation, allowed in read-only mode): the last log lines of a service, workload or pod, a namespace
// check, and the ACME challenge check of a Certificate. They return findings as text lines.
import type { KubeClients } from '../../kube/client.js';
import { checkNamespace } from '../../ladder/index.js';
import { kubeStep } from './kube-step.js';
import { confirmationFor } from '../tiers.js';
import type { Action, ActionStep } from '../types.js';
import { logsCommand, resolveLogTarget } from './log-target.js';
import { lineFormatter } from '../../logs/format.js';
import { readLogsOnce } from '../../sources/kubernetes/logs/read-once.js';
import { ACME, CERTS, equivalentOf, isNotFound, parseRef, podBrief } from './refs.js';

function readAction(id: string, verb: string, title: string, target: Action['target'], step: ActionStep): Action {
  return { id, verb, title, target, tier: 'read', confirmation: confirmationFor('read', target.name), params: [], steps: [kubeStep(step)] };
}

/**
 * The last log lines of NS/NAME's pods, every container (init containers left out), merged in time order and
 * printed POD CONTAINER TEXT, read the way `sunbeam-console logs NS/NAME --tail N` reads them (the follower's
 * one-time read: src/sources/kubernetes/logs/), which is the equivalent shown. The target is resolved against
 * the API (log-target.ts), its real kind shown.
 */
export async function planLogs(kube: KubeClients, ref: string, tailLines = 50, preferKind?: string): Promise<Action> {
  const t = await resolveLogTarget(kube, ref, preferKind);
  const { namespace, name } = t;
  const logPath = `/api/v1/namespaces/${namespace}/pods/${t.selector === undefined ? name : '<pod>'}/log?container=<each>&tailLines=${tailLines}&timestamps=true`;
  const path = t.selector === undefined ? logPath : `/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(t.selector)}, then ${logPath}`;
  return readAction('logs', 'logs', `Logs of ${namespace}/${name}`, { kind: t.kind, namespace, name }, {
    title: `Last ${tailLines} log lines of ${namespace}/${name}`,
    tier: 'read',
    dryRunnable: true,
    calls: [{ equivalent: equivalentOf(logsCommand(t, tailLines, preferKind)), method: 'GET', path }],
    async run(ctx) {
      const read = await readLogsOnce(ctx.clients.kube, { namespace, name, tailLines, preferKind: t.kind }, { statusHint: (ns) => `sunbeam-console status -n ${ns}` });
      if (read.pods === 0) return { ok: false, message: `No pods found for ${read.describe.replace(/ \(0 pods\)$/, '')}${t.selector ? ` (${t.selector})` : ''}.` };
      const format = lineFormatter({ output: 'default', timestamps: false, color: false });
      const lines = [...read.records.map(format), ...read.problems.map((p) => `logs unavailable: ${p}`)];
      return { ok: true, message: `${read.records.length} log line(s) from ${read.pods} pod(s) of ${read.describe.replace(/ \(\d+ pods?\)$/, '')}.`, lines };
    },
  });
}

/**
 * `sunbeam check SCOPE`: in the console (a store is there) the ladder's findings for the scope, root causes
 * first; without a store (one-shot commands) a description of what is not ready, read from the API.
 */
export function planCheck(namespace: string): Action {
  return readAction('check', 'check', `Check ${namespace}`, { kind: 'Namespace', namespace: '', name: namespace }, {
    title: `What is unhealthy in ${namespace}`,
    tier: 'read',
    dryRunnable: true,
    calls: [{ equivalent: equivalentOf(`kubectl get pods,deployments,statefulsets -n ${namespace}`), method: 'GET', path: `/api/v1/namespaces/${namespace}/pods` }],
    async run(ctx) {
      const state = ctx.state?.();
      if (state && state.kube.synced.pods) {
        const findings = checkNamespace(state, namespace, ctx.now());
        const lines = findings.map((f) => `${f.severity === 'failing' ? 'FAILING' : 'warn'} ${f.title}${f.because ? ` (${f.because})` : ''}`);
        return { ok: true, message: findings.length ? `${findings.length} finding(s) for ${namespace}.` : `Everything in ${namespace} is healthy.`, lines };
      }
      const lines: string[] = [];
      const deps = (await ctx.clients.kube.apps.listNamespacedDeployment({ namespace })).items;
      const stss = (await ctx.clients.kube.apps.listNamespacedStatefulSet({ namespace })).items;
      for (const w of [...deps.map((d) => ['deployment', d] as const), ...stss.map((s) => ['statefulset', s] as const)]) {
        const [kind, o] = w;
        const desired = o.spec?.replicas ?? 1;
        const ready = o.status?.readyReplicas ?? 0;
        if (ready < desired) lines.push(`${kind} ${namespace}/${o.metadata?.name}: ${ready}/${desired} ready`);
      }
      const pods = (await ctx.clients.kube.core.listNamespacedPod({ namespace })).items.map((p) => ({ b: podBrief(p), restarts: (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0) }));
      for (const { b, restarts } of pods) if (!b.ready && b.status !== 'Succeeded' && b.status !== 'Completed') lines.push(`pod ${namespace}/${b.name}: ${b.status === 'Running' ? 'Running but not ready' : b.status}${restarts ? `, ${restarts} restarts` : ''}`);
      return { ok: true, message: lines.length ? `${lines.length} problem(s) in ${namespace}.` : `Everything in ${namespace} is ready.`, lines };
    },
  });
}

/** ACME: the Certificate's CertificateRequests, Orders and Challenges, and the solver Ingresses. */
export function planAcmeCheck(ref: string): Action {
  const { namespace, name } = parseRef(ref);
  return readAction('acme-check', 'ACME check', `ACME challenge check of ${namespace}/${name}`, { kind: 'Certificate', namespace, name }, {
    title: `ACME orders and challenges of ${namespace}/${name}`,
    tier: 'read',
    dryRunnable: true,
    calls: [
      { equivalent: equivalentOf(`kubectl get certificaterequests,orders,challenges -n ${namespace}`), method: 'GET', path: `/apis/acme.cert-manager.io/v1/namespaces/${namespace}/challenges` },
      { equivalent: equivalentOf(`kubectl get ingress -n ${namespace}`), method: 'GET', path: `/apis/networking.k8s.io/v1/namespaces/${namespace}/ingresses` },
    ],
    async run(ctx) {
      const clients = ctx.clients.kube;
      const lines: string[] = [];
      let cert: any;
      try {
        cert = await clients.custom.getNamespacedCustomObject({ ...CERTS, namespace, name });
      } catch (err) {
        if (isNotFound(err)) return { ok: false, message: `There is no Certificate ${namespace}/${name}.` };
        throw err;
      }
      const dns = new Set<string>(cert.spec?.dnsNames ?? []);
      const list = async (group: string, version: string, plural: string): Promise<any[]> =>
        (((await clients.custom.listNamespacedCustomObject({ group, version, plural, namespace })) as any).items ?? []) as any[];
      const crs = (await list(CERTS.group, CERTS.version, 'certificaterequests')).filter(
        (r) => r.metadata?.annotations?.['cert-manager.io/certificate-name'] === name || (r.metadata?.ownerReferences ?? []).some((o: any) => o.kind === 'Certificate' && o.name === name),
      );
      const crNames = new Set(crs.map((r) => r.metadata.name));
      const orders = (await list(ACME.group, ACME.version, 'orders')).filter((o) => (o.metadata?.ownerReferences ?? []).some((r: any) => crNames.has(r.name)));
      const orderNames = new Set(orders.map((o) => o.metadata.name));
      const challenges = (await list(ACME.group, ACME.version, 'challenges')).filter(
        (c) => (c.metadata?.ownerReferences ?? []).some((r: any) => orderNames.has(r.name)) || dns.has(c.spec?.dnsName),
      );
      lines.push(crs.length ? `${crs.length} CertificateRequest(s): ${crs.map((r) => `${r.metadata.name} ${(r.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.reason ?? 'pending'}`).join(', ')}` : 'No CertificateRequest for this Certificate.');
      for (const o of orders) lines.push(`Order ${o.metadata.name}: ${o.status?.state ?? 'pending'}${o.status?.reason ? ` (${o.status.reason})` : ''}`);
      if (!orders.length) lines.push('No ACME Order in progress.');
      for (const c of challenges) {
        lines.push(`Challenge ${c.metadata.name} for ${c.spec?.dnsName ?? '?'} (${c.spec?.type ?? 'HTTP-01'}): ${c.status?.state ?? 'pending'}${c.status?.reason ? ` — ${c.status.reason}` : ''}`);
      }
      if (!challenges.length) lines.push('No ACME Challenge in progress.');
      const ings = (await clients.networking.listNamespacedIngress({ namespace })).items;
      const solvers = ings.filter((i) => (i.spec?.rules ?? []).some((r) => (r.http?.paths ?? []).some((p) => (p.path ?? '').startsWith('/.well-known/acme-challenge/'))));
      lines.push(
        solvers.length
          ? `Solver Ingress(es) routing /.well-known/acme-challenge/: ${solvers.map((i) => i.metadata?.name).join(', ')}`
          : challenges.some((c) => c.status?.state !== 'valid')
            ? 'No Ingress routes /.well-known/acme-challenge/ although a challenge is pending: Pingora cannot answer HTTP-01; check the solver Ingress and that port 80 is open.'
            : 'No solver Ingress (none needed while no challenge is pending).',
      );
      const bad = challenges.filter((c) => ['invalid', 'errored'].includes(c.status?.state));
      return { ok: true, message: bad.length ? `${bad.length} challenge(s) failing for ${namespace}/${name}.` : `No failing ACME challenge for ${namespace}/${name}.`, lines };
    },
  });
}
