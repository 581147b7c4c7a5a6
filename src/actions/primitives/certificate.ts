// Forced certificate renewal, two ways: the playbook's (delete the Certificate; ingress-shim recreates it from
// its annotated Ingress and cert-manager issues it) and cmctl's (`cmctl renew`: the Issuing condition with
// reason ManuallyTriggered, PUT to /status). Both verify Ready=True with a notAfter later than before.
import type { KubeClients } from '../../kube/client.js';
import { kubeReads, kubeStatusOf } from '../kube-errors.js';
import { kubeStep } from './kube-step.js';
import { confirmationFor } from '../tiers.js';
import type { Action, ActionStep, PreflightLine, StepContext, Tier } from '../types.js';
import { waitFor } from '../wait.js';
import { CERTS, equivalentOf, isNotFound, parseRef } from './refs.js';

export type RenewMethod = 'delete' | 'issuing';

const ISSUER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'];

export interface CertFacts {
  namespace: string;
  name: string;
  cert: any;
  secretName: string;
  /** The controller owner Ingress (ingress-shim), if any. */
  ownerIngress?: string;
  /** Owner Ingress exists and carries a cert-manager issuer annotation: a deleted Certificate comes back. */
  shimManaged: boolean;
  /** Ingresses whose tls[] uses the Secret. */
  ingresses: string[];
  secretExists: boolean;
}

export function readyOf(cert: any): { status: string; reason?: string; message?: string } {
  const c = (cert?.status?.conditions ?? []).find((x: any) => x.type === 'Ready');
  return { status: c?.status ?? 'Unknown', reason: c?.reason, message: c?.message };
}

export async function certFacts(kube: KubeClients, ref: string): Promise<CertFacts> {
  const clients = kubeReads(kube);
  const { namespace, name } = parseRef(ref);
  let cert: any;
  try {
    cert = await clients.custom.getNamespacedCustomObject({ ...CERTS, namespace, name });
  } catch (err) {
    if (isNotFound(err)) throw new Error(`There is no Certificate ${namespace}/${name}.`);
    throw err;
  }
  const secretName: string = cert.spec?.secretName ?? name;
  const owner = (cert.metadata?.ownerReferences ?? []).find((o: any) => o.controller && o.kind === 'Ingress');
  const ings = (await clients.networking.listNamespacedIngress({ namespace })).items;
  const ownerObj = owner ? ings.find((i) => i.metadata?.name === owner.name) : undefined;
  const shimManaged = !!ownerObj && ISSUER_ANNOTATIONS.some((a) => !!ownerObj.metadata?.annotations?.[a]);
  const ingresses = ings.filter((i) => (i.spec?.tls ?? []).some((t) => t.secretName === secretName)).map((i) => i.metadata?.name ?? '?');
  let secretExists = true;
  try {
    await clients.core.readNamespacedSecret({ namespace, name: secretName });
  } catch (err) {
    if (isNotFound(err)) secretExists = false;
    else throw err;
  }
  return { namespace, name, cert, secretName, ownerIngress: owner?.name, shimManaged, ingresses, secretExists };
}

function certLines(f: CertFacts, method: RenewMethod): PreflightLine[] {
  const r = readyOf(f.cert);
  const lines: PreflightLine[] = [
    { label: 'Ready', value: `${r.status}${r.reason ? ` (${r.reason})` : ''}${r.message ? `: ${r.message}` : ''}`, level: r.status === 'True' ? 'ok' : 'warn' },
    { label: 'notAfter', value: f.cert.status?.notAfter ?? 'never issued', level: 'info' },
    { label: 'renewalTime', value: f.cert.status?.renewalTime ?? 'unknown', level: 'info' },
    { label: 'Ingresses', value: f.ingresses.length ? f.ingresses.join(', ') : 'none use its Secret', level: 'info' },
    {
      label: 'Secret',
      value: `${f.secretName}${f.secretExists ? ' (kept; Pingora hot-reloads it when cert-manager writes the new certificate)' : ' (missing)'}`,
      level: f.secretExists ? 'ok' : 'warn',
    },
  ];
  if (f.shimManaged) {
    lines.push({ label: 'ingress-shim', value: `owned by Ingress ${f.ownerIngress} with a cert-manager issuer annotation: a deleted Certificate is recreated`, level: 'ok' });
  } else {
    lines.push({
      label: 'ingress-shim',
      value: `not ingress-shim managed${f.ownerIngress ? ` (owner Ingress ${f.ownerIngress} has no issuer annotation)` : ''}: a deleted Certificate would NOT come back`,
      level: method === 'delete' ? 'warn' : 'info',
    });
    if (method === 'delete') lines.push({ label: 'Recommended', value: "renew cmctl's way (the Issuing condition) instead of deleting", level: 'warn' });
  }
  return lines;
}

function notAfterMs(cert: any): number {
  const t = Date.parse(cert?.status?.notAfter ?? '');
  return Number.isNaN(t) ? -Infinity : t;
}

function verifyRenewed(namespace: string, name: string, oldNotAfter: number, oldUid: string | undefined, mustBeNew: boolean) {
  return (ctx: StepContext) =>
    waitFor(
      async () => {
        let c: any;
        try {
          c = await ctx.clients.kube.custom.getNamespacedCustomObject({ ...CERTS, namespace, name });
        } catch (err) {
          if (isNotFound(err)) return { done: false, text: `Certificate ${namespace}/${name} not recreated yet` };
          throw err;
        }
        if (mustBeNew && c.metadata?.uid === oldUid) return { done: false, text: `Certificate ${namespace}/${name} not deleted yet` };
        const r = readyOf(c);
        const na = notAfterMs(c);
        const issuingFailed = (c.status?.conditions ?? []).find((x: any) => x.type === 'Issuing' && x.status === 'False' && x.reason === 'Failed');
        if (issuingFailed) return { done: false, failed: true, text: `issuance of ${namespace}/${name} failed: ${issuingFailed.message ?? 'no message'}` };
        if (r.status === 'True' && na > oldNotAfter) {
          return { done: true, text: `Certificate ${namespace}/${name} Ready with notAfter ${c.status.notAfter}` };
        }
        return {
          done: false,
          text: `Certificate ${namespace}/${name}: Ready=${r.status}${r.reason ? ` (${r.reason})` : ''}, notAfter ${c.status?.notAfter ?? 'none'}${na > oldNotAfter ? '' : ' (not newer yet)'}`,
        };
      },
      { label: `renewal of ${namespace}/${name}`, timeoutMs: ctx.timeoutMs ?? 180_000, signal: ctx.signal, onProgress: ctx.onProgress },
    );
}

function deleteStep(f: CertFacts): ActionStep {
  const { namespace, name } = f;
  return {
    title: `Delete Certificate ${namespace}/${name} (cert-manager recreates it)`,
    tier: 'destructive',
    dryRunnable: true,
    calls: [{ equivalent: equivalentOf(`kubectl -n ${namespace} delete certificate ${name}`), method: 'DELETE', path: `/apis/cert-manager.io/v1/namespaces/${namespace}/certificates/${name}` }],
    async preflight({ clients: { kube: clients } }) {
      return certLines(await certFacts(clients, `${namespace}/${name}`), 'delete');
    },
    async run(ctx) {
      const cur = await certFacts(ctx.clients.kube, `${namespace}/${name}`);
      await ctx.writers.kube.deleteCustom({ ...CERTS, namespace, name });
      return {
        ok: true,
        message: ctx.dryRun
          ? `Dry run: the server would delete Certificate ${namespace}/${name}; nothing changed.`
          : `Certificate ${namespace}/${name} deleted${cur.shimManaged ? '; ingress-shim will recreate it' : ''}.`,
        facts: { oldNotAfter: notAfterMs(cur.cert), oldUid: cur.cert.metadata?.uid },
      };
    },
    verify: (ctx, ran) => verifyRenewed(namespace, name, Number(ran.facts?.oldNotAfter), ran.facts?.oldUid as string, true)(ctx),
  };
}

/** cmctl renew: set Issuing=True (ManuallyTriggered) and PUT the status; on 409 re-read and retry once. */
async function markIssuing(ctx: StepContext, namespace: string, name: string): Promise<any> {
  for (let attempt = 0; ; attempt++) {
    const c: any = await ctx.clients.kube.custom.getNamespacedCustomObject({ ...CERTS, namespace, name });
    const conds = (c.status?.conditions ?? []).filter((x: any) => x.type !== 'Issuing');
    conds.push({
      type: 'Issuing',
      status: 'True',
      reason: 'ManuallyTriggered',
      message: 'Certificate re-issuance manually triggered',
      lastTransitionTime: new Date(ctx.now()).toISOString().replace(/\.\d+Z$/, 'Z'),
      observedGeneration: c.metadata?.generation ?? 1,
    });
    const body = { ...c, status: { ...(c.status ?? {}), conditions: conds } };
    try {
      await ctx.writers.kube.replaceCustomStatus({ ...CERTS, namespace, name }, body);
      return c;
    } catch (err) {
      if (kubeStatusOf(err)?.code === 409 && attempt === 0) continue;
      throw err;
    }
  }
}

function issuingStep(f: CertFacts): ActionStep {
  const { namespace, name } = f;
  return {
    title: `Renew Certificate ${namespace}/${name} (cmctl renew: Issuing condition)`,
    tier: 'change',
    dryRunnable: true,
    calls: [
      { equivalent: equivalentOf(`cmctl renew -n ${namespace} ${name}`), method: 'PUT', path: `/apis/cert-manager.io/v1/namespaces/${namespace}/certificates/${name}/status (condition Issuing=True, reason ManuallyTriggered)` },
    ],
    async preflight({ clients: { kube: clients } }) {
      return certLines(await certFacts(clients, `${namespace}/${name}`), 'issuing');
    },
    async run(ctx) {
      const before = await markIssuing(ctx, namespace, name);
      return {
        ok: true,
        message: ctx.dryRun
          ? `Dry run: the server accepted the Issuing condition on ${namespace}/${name}; nothing changed.`
          : `Re-issuance of ${namespace}/${name} triggered (Issuing=True, ManuallyTriggered).`,
        facts: { oldNotAfter: notAfterMs(before) },
      };
    },
    verify: (ctx, ran) => verifyRenewed(namespace, name, Number(ran.facts?.oldNotAfter), undefined, false)(ctx),
  };
}

export function renewStepFor(f: CertFacts, method: RenewMethod): ActionStep {
  return kubeStep(method === 'delete' ? deleteStep(f) : issuingStep(f));
}

/** Which way "auto" picks: the playbook's delete when ingress-shim will recreate it, else cmctl's. */
export function preferredRenewMethod(f: Pick<CertFacts, 'shimManaged'>): RenewMethod {
  return f.shimManaged ? 'delete' : 'issuing';
}

export async function planCertRenew(clients: KubeClients, ref: string, method: RenewMethod | 'auto' = 'auto'): Promise<Action> {
  const f = await certFacts(clients, ref);
  const m = method === 'auto' ? preferredRenewMethod(f) : method;
  const step = renewStepFor(f, m);
  const tier: Tier = step.tier;
  return {
    id: m === 'delete' ? 'cert-renew-delete' : 'cert-renew-issuing',
    verb: m === 'delete' ? 'delete certificate' : 'renew certificate',
    title: m === 'delete' ? `Force renewal of ${f.namespace}/${f.name} (delete; cert-manager recreates)` : `Force renewal of ${f.namespace}/${f.name} (cmctl renew)`,
    target: { kind: 'Certificate', namespace: f.namespace, name: f.name },
    tier,
    confirmation: confirmationFor(tier, f.name),
    params: [],
    steps: [step],
  };
}
