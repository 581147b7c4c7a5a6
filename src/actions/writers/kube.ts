// The Kubernetes writer: the only code that calls a Kubernetes write API (patch, create, replace, delete, a
// command in a pod). The executor hands a writer to the step it runs, through StepContext.writers.kube; a unit
// test (one-mutation-path) enforces that no other file calls a write API. Every write takes the execution's
// dry-run flag (server-side `dryRun=All`) and the field manager sunbeam-console. A failed write rejects with a
// KubeError (describeKubeError's sentence, the client's error as its cause: see ../kube-errors.ts).
import { PatchStrategy, setHeaderOptions, type V1Status } from '@kubernetes/client-node';
import { Writable } from 'node:stream';
import type { KubeClients } from '../../kube/client.js';
import { kubeError } from '../kube-errors.js';

export const FIELD_MANAGER = 'sunbeam-console';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export interface CustomRef {
  group: string;
  version: string;
  plural: string;
  namespace: string;
  name: string;
}

export interface ExecResult {
  exitCode: number;
  /** The V1Status message on failure (e.g. "command terminated with non-zero exit code"). */
  message?: string;
}

export interface KubeWriter {
  readonly dryRun: boolean;
  /** `kubectl rollout restart`: strategic merge patch of the pod template's restartedAt annotation. */
  restartWorkload(kind: WorkloadKind, namespace: string, name: string, restartedAt: string): Promise<unknown>;
  /** Merge patch of metadata.annotations on a Deployment, StatefulSet or DaemonSet. */
  annotateWorkload(kind: WorkloadKind, namespace: string, name: string, annotations: Record<string, string>): Promise<unknown>;
  /** Merge patch of a custom object (e.g. the CNPG Cluster restart annotation). */
  mergePatchCustom(ref: CustomRef, body: unknown): Promise<any>;
  deleteCustom(ref: CustomRef): Promise<any>;
  /** PUT .../status with the whole object (cmctl renew). */
  replaceCustomStatus(ref: CustomRef, body: unknown): Promise<any>;
  createCustom(ref: Omit<CustomRef, 'name'>, body: unknown): Promise<any>;
  /** A command in a pod; stdout/stderr are streamed line by line. Never in a dry run. */
  exec(
    namespace: string,
    pod: string,
    container: string,
    command: string[],
    onLine: (stream: 'stdout' | 'stderr', line: string) => void,
    signal?: AbortSignal,
  ): Promise<ExecResult>;
}

function lineSink(onLine: (line: string) => void): Writable & { flushRest(): void } {
  let rest = '';
  const w = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      rest += chunk.toString();
      const parts = rest.split(/\r?\n/);
      rest = parts.pop() ?? '';
      for (const p of parts) onLine(p);
      cb();
    },
  }) as Writable & { flushRest(): void };
  w.flushRest = () => {
    if (rest) onLine(rest);
    rest = '';
  };
  return w;
}

/** The exit code a V1Status from the exec status channel carries. */
export function exitCodeOf(status: V1Status | undefined): number {
  if (!status) return -1;
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const n = cause?.message !== undefined ? Number(cause.message) : NaN;
  return Number.isFinite(n) ? n : 1;
}

/** The same writer, each of whose writes rejects with a KubeError instead of the client's raw error. */
function sentenced(w: KubeWriter): KubeWriter {
  const out: Record<string, unknown> = { dryRun: w.dryRun };
  for (const [k, v] of Object.entries(w)) {
    if (typeof v === 'function') out[k] = (...args: unknown[]) => (v as (...a: unknown[]) => Promise<unknown>).apply(w, args).catch((err: unknown) => Promise.reject(kubeError(err)));
  }
  return out as unknown as KubeWriter;
}

export function createKubeWriter(clients: KubeClients, opts: { dryRun: boolean }): KubeWriter {
  const dryRun = opts.dryRun ? 'All' : undefined;
  const smp = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);
  const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  return sentenced({
    dryRun: opts.dryRun,
    async restartWorkload(kind, namespace, name, restartedAt) {
      const body = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } } };
      const req = { name, namespace, body, dryRun, fieldManager: FIELD_MANAGER };
      if (kind === 'Deployment') return clients.apps.patchNamespacedDeployment(req, smp);
      if (kind === 'StatefulSet') return clients.apps.patchNamespacedStatefulSet(req, smp);
      return clients.apps.patchNamespacedDaemonSet(req, smp);
    },
    async annotateWorkload(kind, namespace, name, annotations) {
      const req = { name, namespace, body: { metadata: { annotations } }, dryRun, fieldManager: FIELD_MANAGER };
      if (kind === 'Deployment') return clients.apps.patchNamespacedDeployment(req, merge);
      if (kind === 'StatefulSet') return clients.apps.patchNamespacedStatefulSet(req, merge);
      return clients.apps.patchNamespacedDaemonSet(req, merge);
    },
    mergePatchCustom(ref, body) {
      return clients.custom.patchNamespacedCustomObject({ ...ref, body, dryRun, fieldManager: FIELD_MANAGER }, merge);
    },
    deleteCustom(ref) {
      return clients.custom.deleteNamespacedCustomObject({ ...ref, dryRun, propagationPolicy: 'Background' });
    },
    replaceCustomStatus(ref, body) {
      return clients.custom.replaceNamespacedCustomObjectStatus({ ...ref, body, dryRun, fieldManager: FIELD_MANAGER });
    },
    createCustom(ref, body) {
      return clients.custom.createNamespacedCustomObject({ ...ref, body, dryRun, fieldManager: FIELD_MANAGER });
    },
    exec(namespace, pod, container, command, onLine, signal) {
      if (opts.dryRun) return Promise.reject(new Error('A command in a pod has no server-side dry run; it was not run.'));
      return new Promise<ExecResult>((resolve, reject) => {
        let settled = false;
        const out = lineSink((l) => onLine('stdout', l));
        const err = lineSink((l) => onLine('stderr', l));
        const finish = (r: ExecResult) => {
          if (settled) return;
          settled = true;
          out.flushRest();
          err.flushRest();
          resolve(r);
        };
        clients.exec
          .exec(namespace, pod, container, command, out, err, null, false, (status) => {
            finish({ exitCode: exitCodeOf(status), message: status?.status === 'Success' ? undefined : status?.message });
          })
          .then((ws) => {
            const onAbort = () => ws.close();
            signal?.addEventListener('abort', onAbort, { once: true });
            ws.on('close', () => {
              signal?.removeEventListener('abort', onAbort);
              // The status channel normally comes first; a close without one is a lost connection.
              setTimeout(() => finish({ exitCode: -1, message: signal?.aborted ? 'cancelled' : 'the connection closed before the command reported its exit status' }), 50);
            });
          })
          .catch((e) => {
            if (!settled) {
              settled = true;
              reject(e);
            }
          });
      });
    },
  });
}
