// What NS/NAME means to the logs action, read the way kubectl would need it: a CloudNativePG Cluster's
// instances (its `cnpg.io/cluster` label), a Deployment's, StatefulSet's or DaemonSet's pods (the workload's own
// .spec.selector), or the pod of that name; and the `kubectl logs` command that shows exactly those pods.
import type { KubeClients } from '../../kube/client.js';
import { kubeReads } from '../kube-errors.js';
import { CNPG, isNotFound, parseRef } from './refs.js';

export type LogTargetKind = 'Cluster' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Pod';

export interface LogTarget {
  kind: LogTargetKind;
  namespace: string;
  name: string;
  /** The label selector of the pods (absent for a pod: it is named). */
  selector?: string;
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

/** One word for a POSIX shell: as is when it is plain, else single-quoted. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9._/=,:@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

async function tryRead(fn: () => Promise<any>): Promise<any | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

type Reader = (kube: KubeClients, namespace: string, name: string) => Promise<LogTarget | undefined>;

const workload = (kind: 'Deployment' | 'StatefulSet' | 'DaemonSet', read: (kube: KubeClients, namespace: string, name: string) => Promise<any>): Reader =>
  async (kube, namespace, name) => {
    const w = await tryRead(() => read(kube, namespace, name));
    return w ? { kind, namespace, name, selector: labelSelectorText(w.spec?.selector) } : undefined;
  };

const READERS: Record<LogTargetKind, Reader> = {
  Cluster: async (kube, namespace, name) => {
    const c = await tryRead(() => kube.custom.getNamespacedCustomObject({ ...CNPG, plural: 'clusters', namespace, name }));
    return c ? { kind: 'Cluster', namespace, name, selector: `cnpg.io/cluster=${name}` } : undefined;
  },
  Deployment: workload('Deployment', (kube, namespace, name) => kube.apps.readNamespacedDeployment({ namespace, name })),
  StatefulSet: workload('StatefulSet', (kube, namespace, name) => kube.apps.readNamespacedStatefulSet({ namespace, name })),
  DaemonSet: workload('DaemonSet', (kube, namespace, name) => kube.apps.readNamespacedDaemonSet({ namespace, name })),
  Pod: async (kube, namespace, name) => ((await tryRead(() => kube.core.readNamespacedPod({ namespace, name }))) ? { kind: 'Pod', namespace, name } : undefined),
};

const ORDER: readonly LogTargetKind[] = ['Cluster', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod'];

/**
 * NS/NAME -> what its logs are, read from the API: the kind the selection says first (a selected pod is that
 * pod), then a CloudNativePG Cluster, a Deployment, a StatefulSet, a DaemonSet, a pod of that name. One
 * sentence when there is none.
 */
export async function resolveLogTarget(kube: KubeClients, ref: string, preferKind?: string): Promise<LogTarget> {
  const clients = kubeReads(kube);
  const { namespace, name } = parseRef(ref);
  const first = ORDER.find((k) => k === preferKind);
  for (const kind of first ? [first, ...ORDER.filter((k) => k !== first)] : ORDER) {
    const t = await READERS[kind](clients, namespace, name);
    if (t) return t;
  }
  throw new Error(`Nothing to show the logs of at ${namespace}/${name}: no CloudNativePG Cluster, Deployment, StatefulSet, DaemonSet or pod of that name.`);
}

/** The kubectl command that prints the same lines: every container of the target's pods, each line prefixed. */
export function logsCommand(t: LogTarget, tailLines: number): string {
  const what = t.selector === undefined ? shellWord(t.name) : `-l ${shellWord(t.selector)}`;
  return `kubectl logs -n ${t.namespace} ${what} --all-containers --tail=${tailLines} --prefix`;
}
