// Domain records: what the sources make of the APIs they read, and all that screens and the ladder see.
// Plain serialisable data; no client-node types leak past the sources.

/**
 * A source's state. When nothing it reads is live, it says why: 'unauthorized' (the API refused our
 * credentials, 401), 'forbidden' (403), 'unreachable' (no answer: refused, no such host, dropped), 'timeout'
 * (it does not answer in time). 'degraded': some of it live, some failing.
 */
export type SourceState = 'connecting' | 'ok' | 'degraded' | 'unreachable' | 'unauthorized' | 'forbidden' | 'timeout' | 'not-connected';

export interface SourceHealth {
  state: SourceState;
  /** ms epoch of the last successful read. */
  lastSuccess?: number;
  /** One clear sentence; never contains a secret. */
  lastError?: string;
  /** Extra facts about the source in one sentence, e.g. which custom resources are not installed. */
  detail?: string;
}

export interface ContainerRecord {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  /** running | waiting | terminated */
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** CrashLoopBackOff, ImagePullBackOff, ErrImagePull, CreateContainerConfigError, ContainerCreating, Error, Completed... */
  reason?: string;
  message?: string;
  /** When the last termination happened (lastState.terminated.finishedAt), ISO. */
  lastTerminatedAt?: string;
  lastExitCode?: number;
}

export interface PodRecord {
  /** `${namespace}/${name}` */
  key: string;
  namespace: string;
  name: string;
  phase: string;
  /** The STATUS kubectl would print: Running, Pending, ContainerCreating, CrashLoopBackOff, Terminating, Completed... */
  status: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  /** ISO; the most recent container restart, if any. */
  lastRestartAt?: string;
  created: string;
  node?: string;
  ip?: string;
  /** The workload that owns the pod, resolved through its ReplicaSet: 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Cluster'... */
  ownerKind?: string;
  ownerName?: string;
  labels: Record<string, string>;
  containers: ContainerRecord[];
  deleting: boolean;
  resourceVersion: string;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export interface WorkloadRecord {
  /** `${kind}/${namespace}/${name}` */
  key: string;
  kind: WorkloadKind;
  namespace: string;
  name: string;
  desired: number;
  ready: number;
  updated: number;
  available: number;
  generation: number;
  observedGeneration: number;
  created: string;
  selector: Record<string, string>;
  paused: boolean;
  /** The kubectl.kubernetes.io/restartedAt annotation of the pod template, if any. */
  restartedAt?: string;
  resourceVersion: string;
}

export interface NodeRecord {
  name: string;
  ready: boolean;
  roles: string[];
  version: string;
  created: string;
  /** Conditions other than Ready that are True (MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable). */
  pressures: string[];
  unschedulable: boolean;
}

export interface EventRecord {
  /** `${namespace}/${name}` */
  key: string;
  namespace: string;
  type: 'Normal' | 'Warning' | string;
  reason: string;
  message: string;
  involvedKind: string;
  involvedName: string;
  count: number;
  /** ISO time of the last occurrence. */
  last: string;
}

export interface CertificateRecord {
  key: string;
  namespace: string;
  name: string;
  ready: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  notAfter?: string;
  renewalTime?: string;
  secretName: string;
  issuerKind: string;
  issuerName: string;
  dnsNames: string[];
  /** The Ingress that owns it (ingress-shim), if any. */
  ownerIngress?: string;
  issuing: boolean;
  revision?: number;
  created: string;
}

export interface PgClusterRecord {
  key: string;
  namespace: string;
  name: string;
  instances: number;
  readyInstances: number;
  phase: string;
  phaseReason?: string;
  primary?: string;
  /** condition type -> status */
  conditions: Record<string, string>;
  firstRecoverabilityPoint?: string;
  lastSuccessfulBackup?: string;
  lastFailedBackup?: string;
  created: string;
}

export interface PvcRecord {
  key: string;
  namespace: string;
  name: string;
  phase: string;
  created: string;
}

export interface PgBackupRecord {
  key: string;
  namespace: string;
  name: string;
  cluster: string;
  method: string;
  phase: string;
  error?: string;
  startedAt?: string;
  stoppedAt?: string;
  created: string;
}

/** A CloudNativePG ScheduledBackup: its six-field cron (a leading seconds field) and when it last fired. */
export interface PgScheduledBackupRecord {
  key: string;
  namespace: string;
  name: string;
  cluster: string;
  schedule: string;
  suspend: boolean;
  method: string;
  lastScheduleTime?: string;
  nextScheduleTime?: string;
  created: string;
}
