// Pod templates and the pod statuses the kubelet writes, shaped like a real kubelet's.
import { type K8sObject, randomSuffix } from '../k8s/object-store.js';
import { type ContainerKind, NODE_IP, NODE_NAME, POSTGRES_IMAGE, type WorkloadSpec, findWorkload } from './catalog.js';
import { hex } from './util.js';

export function podTemplate(w: WorkloadSpec): any {
  const [cpuReq, memReq, cpuLim, memLim] = w.resources;
  const probePort = w.ports.find((p) => p.protocol !== 'UDP')?.containerPort;
  return {
    metadata: {
      labels: { app: w.name, 'app.kubernetes.io/name': w.name },
      annotations: w.needs.includes('linkerd') ? { 'linkerd.io/inject': 'enabled' } : {},
    },
    spec: {
      containers: [
        {
          name: w.container,
          image: w.image,
          imagePullPolicy: 'IfNotPresent',
          ports: w.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol ?? 'TCP' })),
          resources: { requests: { cpu: cpuReq, memory: memReq }, limits: { cpu: cpuLim, memory: memLim } },
          ...(probePort
            ? { readinessProbe: { tcpSocket: { port: probePort }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 } }
            : {}),
          ...(w.needs.includes('vault') ? { envFrom: [{ secretRef: { name: `${w.name}-db-creds` } }] } : {}),
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: w.name,
      securityContext: {},
      schedulerName: 'default-scheduler',
    },
  };
}

export function postgresTemplate(cluster: string, instance: string, role: 'primary' | 'replica'): any {
  return {
    metadata: {
      labels: {
        app: cluster,
        'app.kubernetes.io/name': cluster,
        'cnpg.io/cluster': cluster,
        'cnpg.io/instanceName': instance,
        'cnpg.io/instanceRole': role,
        'cnpg.io/podRole': 'instance',
        role,
      },
      annotations: { 'cnpg.io/operatorVersion': '1.24.1' },
    },
    spec: {
      containers: [
        {
          name: 'postgres',
          image: POSTGRES_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          command: ['/controller/manager', 'instance', 'run'],
          ports: [
            { name: 'postgresql', containerPort: 5432, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9187, protocol: 'TCP' },
            { name: 'status', containerPort: 8000, protocol: 'TCP' },
          ],
          resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
          readinessProbe: { httpGet: { path: '/readyz', port: 8000, scheme: 'HTTPS' }, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      volumes: [{ name: 'pgdata', persistentVolumeClaim: { claimName: instance } }],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 1800,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: cluster,
      schedulerName: 'default-scheduler',
      hostname: instance,
      subdomain: `${cluster}-any`,
    },
  };
}

/** A new pod from a template: Pending, not yet scheduled. */
export function newPod(template: any, namespace: string, name: string, extraLabels: Record<string, string>, owner: any, at: string): K8sObject {
  const t = structuredClone(template);
  // the service account token every pod gets mounted (the admission plugin's projected volume)
  const token = `kube-api-access-${randomSuffix(5)}`;
  t.spec.volumes = [
    ...(t.spec.volumes ?? []),
    {
      name: token,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  ];
  for (const c of t.spec.containers ?? []) {
    c.volumeMounts = [...(c.volumeMounts ?? []), { name: token, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }];
  }
  t.spec.serviceAccountName ??= 'default';
  t.spec.serviceAccount = t.spec.serviceAccountName;
  return {
    metadata: {
      name,
      namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...extraLabels },
      annotations: t.metadata?.annotations ?? {},
      ownerReferences: owner ? [owner] : [],
      creationTimestamp: at,
    },
    spec: { ...t.spec, nodeName: NODE_NAME, tolerations: defaultTolerations(), enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority', priority: 0 },
    status: { phase: 'Pending', qosClass: qosClass(t.spec) },
  };
}

function defaultTolerations(): any[] {
  return [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ];
}

export function qosClass(spec: any): string {
  const cs: any[] = spec?.containers ?? [];
  if (!cs.some((c) => c.resources?.requests || c.resources?.limits)) return 'BestEffort';
  const guaranteed = cs.every(
    (c) => c.resources?.limits && c.resources?.requests && c.resources.limits.cpu === c.resources.requests.cpu && c.resources.limits.memory === c.resources.requests.memory,
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Which generator writes a container's logs and which commands it has. */
export function containerKindOf(pod: K8sObject, container: string): ContainerKind {
  const l = pod.metadata.labels ?? {};
  if (l['cnpg.io/cluster']) return 'postgres';
  if (l['acme.cert-manager.io/http01-solver'] || l['batch.kubernetes.io/job-name']) return 'job';
  const w = findWorkload(pod.metadata.namespace ?? '', l.app ?? '');
  if (w && w.container === container) return w.containerKind;
  return 'job';
}

export interface ContainerRun {
  /** running (ready or not), waiting (reason), terminated (last run ended). */
  state: 'running' | 'waiting' | 'terminated';
  ready: boolean;
  reason?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  restartCount: number;
  lastTerminated?: { exitCode: number; reason: string; startedAt: string; finishedAt: string };
  containerID?: string;
}

export function newContainerId(): string {
  return `containerd://${hex(64)}`;
}

function imageId(image: string): string {
  const repo = image.replace(/:[^:/]+$/, '');
  return `${repo.includes('.') && repo.split('/')[0]!.includes('.') ? repo : `docker.io/${repo}`}@sha256:${hexOf(image)}`;
}

function hexOf(s: string): string {
  let h = '';
  let x = 0;
  for (let i = 0; i < 64; i++) {
    x = (x * 31 + s.charCodeAt(i % s.length) + i) >>> 0;
    h += (x % 16).toString(16);
  }
  return h;
}

export interface PodStatusInput {
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  scheduledAt: string;
  startTime?: string;
  initializedAt?: string;
  readySince?: string;
  podIP?: string;
  run: ContainerRun;
}

/** The whole pod status for one state of its (identical) containers. */
export function podStatus(pod: K8sObject, s: PodStatusInput): any {
  const containers: any[] = pod.spec?.containers ?? [];
  const names = containers.map((c) => c.name).join(' ');
  const ready = s.run.ready && s.phase === 'Running';
  const conds: any[] = [];
  const t = s.readySince ?? s.initializedAt ?? s.scheduledAt;
  if (s.startTime) {
    conds.push({ type: 'PodReadyToStartContainers', status: s.run.state === 'waiting' && !s.run.containerID ? 'False' : 'True', lastProbeTime: null, lastTransitionTime: t });
    conds.push({ type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: s.initializedAt ?? s.startTime });
    const notReady = { reason: s.phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady', message: s.phase === 'Succeeded' ? undefined : `containers with unready status: [${names}]` };
    conds.push(ready ? { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: t } : { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: t, ...clean(notReady) });
    conds.push(ready ? { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: t } : { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: t, ...clean(notReady) });
  }
  conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: s.scheduledAt });
  const status: any = { phase: s.phase, conditions: conds, hostIP: NODE_IP, hostIPs: [{ ip: NODE_IP }], qosClass: pod.status?.qosClass ?? qosClass(pod.spec) };
  if (s.podIP) {
    status.podIP = s.podIP;
    status.podIPs = [{ ip: s.podIP }];
  }
  if (s.startTime) {
    status.startTime = s.startTime;
    status.containerStatuses = containers.map((c) => containerStatus(c, s.run));
  }
  return status;
}

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function containerStatus(c: any, r: ContainerRun): any {
  let state: any;
  if (r.state === 'running') state = { running: { startedAt: r.startedAt } };
  else if (r.state === 'waiting') state = { waiting: clean({ reason: r.reason, message: r.message }) };
  else state = { terminated: clean({ exitCode: r.exitCode ?? 0, reason: r.reason ?? 'Completed', startedAt: r.startedAt, finishedAt: r.finishedAt, containerID: r.containerID }) };
  const cs: any = {
    name: c.name,
    state,
    lastState: r.lastTerminated ? { terminated: { ...r.lastTerminated, containerID: r.containerID } } : {},
    ready: r.ready && r.state === 'running',
    restartCount: r.restartCount,
    image: c.image,
    imageID: r.containerID || r.restartCount > 0 ? imageId(c.image) : '',
    started: r.state === 'running',
  };
  if (r.containerID) cs.containerID = r.containerID;
  return cs;
}
