// What NS/NAME means to a log follower, read from the API (the one-shot has no store), in the order a user
// means it: a CloudNativePG Cluster (its instances, `cnpg.io/cluster=NAME`), a Deployment, StatefulSet or
// DaemonSet (its own spec.selector), a Service (its spec.selector), a Job (its spec.selector), or the pod of
// that name. Failures are one sentence: nothing of that name, a Service without a selector, or the API's
// state in the words every other place uses (src/ladder/source-state.ts).
import { ApiException } from '@kubernetes/client-node';
import { statusOf, type KubeClients } from '../../../kube/client.js';
import { sourceStateWords } from '../../../ladder/source-state.js';
import { describeSourceError, errorCode, failureKind } from '../errors.js';

export type LogTargetKind = 'Cluster' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Service' | 'Job' | 'Pod';

export interface LogTarget {
  kind: LogTargetKind;
  namespace: string;
  name: string;
  /** The label selector of the pods (absent for a pod: it is named). */
  selector?: string;
}

/** Why a target cannot be followed; `message` is the sentence a user reads. */
export class LogTargetError extends Error {
  constructor(
    message: string,
    readonly reason: 'not-found' | 'no-selector' | 'forbidden' | 'unreachable',
  ) {
    super(message);
  }
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A LabelSelector as kubectl's `-l` reads it: `a=b,c in (x,y),d notin (z),e,!f`. */
export function labelSelectorText(sel: LabelSelector | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const values = `(${(e.values ?? []).join(',')})`;
    if (e.operator === 'In') parts.push(`${e.key} in ${values}`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin ${values}`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** How a kind is named to a user. */
export const KIND_WORDS: Readonly<Record<LogTargetKind, string>> = {
  Cluster: 'CloudNativePG Cluster',
  Deployment: 'Deployment',
  StatefulSet: 'StatefulSet',
  DaemonSet: 'DaemonSet',
  Service: 'Service',
  Job: 'Job',
  Pod: 'pod',
};

/** "Deployment matrix/sol (2 pods)", for a view's title. */
export function describeTarget(t: LogTarget, pods: number): string {
  const kind = t.kind === 'Pod' ? 'Pod' : KIND_WORDS[t.kind];
  return t.kind === 'Pod' ? `${kind} ${t.namespace}/${t.name}` : `${kind} ${t.namespace}/${t.name} (${pods} pod${pods === 1 ? '' : 's'})`;
}

type Read = (kube: KubeClients, namespace: string, name: string) => Promise<any>;

const CNPG = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' } as const;

const READS: readonly [LogTargetKind, Read][] = [
  ['Cluster', (k, namespace, name) => k.custom.getNamespacedCustomObject({ ...CNPG, namespace, name })],
  ['Deployment', (k, namespace, name) => k.apps.readNamespacedDeployment({ namespace, name })],
  ['StatefulSet', (k, namespace, name) => k.apps.readNamespacedStatefulSet({ namespace, name })],
  ['DaemonSet', (k, namespace, name) => k.apps.readNamespacedDaemonSet({ namespace, name })],
  ['Service', (k, namespace, name) => k.core.readNamespacedService({ namespace, name })],
  ['Job', (k, namespace, name) => k.batch.readNamespacedJob({ namespace, name })],
  ['Pod', (k, namespace, name) => k.core.readNamespacedPod({ namespace, name })],
];

function targetOf(kind: LogTargetKind, namespace: string, name: string, o: any): LogTarget {
  if (kind === 'Pod') return { kind, namespace, name };
  if (kind === 'Cluster') return { kind, namespace, name, selector: `cnpg.io/cluster=${name}` };
  if (kind === 'Service') {
    const sel: Record<string, string> = o?.spec?.selector ?? {};
    if (Object.keys(sel).length === 0) {
      throw new LogTargetError(`Service ${namespace}/${name} has no selector (its endpoints are set by hand), so it has no pods to follow; name the workload behind it.`, 'no-selector');
    }
    return { kind, namespace, name, selector: labelSelectorText({ matchLabels: sel }) };
  }
  return { kind, namespace, name, selector: labelSelectorText(o?.spec?.selector) };
}

export interface ResolveOptions {
  /** Try this kind first (a selected row's kind: a selected pod is that pod). */
  preferKind?: string;
  /** What lists a namespace's workloads, for the not-found sentence: `:status matrix` in the console (the default), `sunbeam-console status -n matrix` in a one-shot. */
  statusHint?: (namespace: string) => string;
}

/**
 * The client's own error under a wrapper that already made it a sentence (a runbook step reads through
 * src/actions/kube-errors.ts), so that its code and kind can be read.
 */
export function clientError(err: unknown): unknown {
  const cause = (err as { cause?: unknown })?.cause;
  return !(err instanceof ApiException) && cause instanceof Error ? cause : err;
}

/** The HTTP code of a client's failure, wrapped or not. */
export const apiCode = (err: unknown): number | undefined => errorCode(clientError(err));

/**
 * One sentence for an API failure, in the words the top bar and the rungs use ("API forbidden", "API
 * unreachable"), with the API's own reason for a 403 (which verb on which resource RBAC refused).
 */
export function apiFailureSentence(what: string, wrapped: unknown): string {
  const err = clientError(wrapped);
  const kind = failureKind(err);
  if (kind === 'error') return `${what}: ${describeSourceError(err)}`;
  const reason = kind === 'forbidden' ? statusOf(err)?.message : undefined;
  return `${what}: API ${sourceStateWords(kind)}${reason ? ` (${reason})` : ''}.`;
}

/**
 * NS/NAME -> what its logs are. Throws a LogTargetError: not found (after every kind), a Service without a
 * selector, or the API forbidding every read or not answering.
 */
export async function resolveLogTarget(kube: KubeClients, namespace: string, name: string, opts: ResolveOptions = {}): Promise<LogTarget> {
  const first = READS.find(([k]) => k === opts.preferKind);
  const order = first ? [first, ...READS.filter((r) => r !== first)] : READS;
  let forbidden: unknown;
  for (const [kind, read] of order) {
    let o: unknown;
    try {
      o = await read(kube, namespace, name);
    } catch (err) {
      const code = apiCode(err);
      if (code === 404) continue;
      // A kind we may not read (RBAC on the CRD, say) does not hide the others.
      if (code === 403) {
        forbidden ??= err;
        continue;
      }
      throw new LogTargetError(apiFailureSentence(`Cannot look up ${namespace}/${name}`, err), 'unreachable');
    }
    if (o) return targetOf(kind, namespace, name, o);
  }
  if (forbidden) {
    throw new LogTargetError(apiFailureSentence(`Cannot look up ${namespace}/${name} (nothing of that name that we may read)`, forbidden), 'forbidden');
  }
  const hint = (opts.statusHint ?? ((ns: string) => `:status ${ns}`))(namespace);
  throw new LogTargetError(
    `Nothing to follow at ${namespace}/${name}: no CloudNativePG Cluster, Deployment, StatefulSet, DaemonSet, Service, Job or pod of that name (${hint} lists what runs there).`,
    'not-found',
  );
}
