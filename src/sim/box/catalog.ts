// The seeded Box's workloads (see /work/notes/box-names.md): one row per Deployment or StatefulSet.

/** Which log generator and exec table a container uses. */
export type ContainerKind =
  | 'coredns' | 'postgres' | 'barman' | 'cnpg' | 'openbao' | 'vso' | 'pingora' | 'cert-manager'
  | 'cainjector' | 'webhook' | 'seaweed-master' | 'seaweed-volume' | 'seaweed-filer' | 'synapse' | 'sol'
  | 'prometheus' | 'alertmanager' | 'grafana' | 'loki' | 'receiver' | 'django' | 'celery' | 'postfix'
  | 'gitea' | 'drive' | 'linkerd-destination' | 'linkerd-identity' | 'linkerd-injector' | 'job';

/** What a workload needs to run: the controllers derive its health from these. */
export type Dependency = 'postgres' | 'vault' | 'seaweedfs' | 'linkerd';

export interface PortSpec {
  name: string;
  containerPort: number;
  protocol?: 'TCP' | 'UDP';
}

export interface WorkloadSpec {
  namespace: string;
  name: string;
  kind: 'Deployment' | 'StatefulSet';
  replicas: number;
  container: string;
  containerKind: ContainerKind;
  image: string;
  ports: PortSpec[];
  /** [cpu request, memory request, cpu limit, memory limit] */
  resources: [string, string, string, string];
  needs: Dependency[];
  /** Days since the workload was created (ages look real). */
  ageDays: number;
  /** Service name, when not the workload's. */
  service?: string;
  /** Not behind a Service. */
  headless?: boolean;
}

const R_SMALL: WorkloadSpec['resources'] = ['50m', '64Mi', '500m', '256Mi'];
const R_MED: WorkloadSpec['resources'] = ['100m', '256Mi', '1', '1Gi'];
const R_BIG: WorkloadSpec['resources'] = ['250m', '512Mi', '2', '2Gi'];
const REG = 'registry.sunbeam.example/sunbeam';

function w(
  namespace: string,
  name: string,
  kind: WorkloadSpec['kind'],
  replicas: number,
  container: string,
  containerKind: ContainerKind,
  image: string,
  ports: PortSpec[],
  opts: Partial<WorkloadSpec> = {},
): WorkloadSpec {
  return { namespace, name, kind, replicas, container, containerKind, image, ports, resources: R_SMALL, needs: [], ageDays: 41, ...opts };
}

const http = (port: number, name = 'http'): PortSpec => ({ name, containerPort: port, protocol: 'TCP' });

export const WORKLOADS: WorkloadSpec[] = [
  w('kube-system', 'coredns', 'Deployment', 2, 'coredns', 'coredns', 'rancher/mirrored-coredns-coredns:1.11.3', [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    http(9153, 'metrics'),
  ], { ageDays: 58, service: 'kube-dns' }),
  w('data', 'barman', 'StatefulSet', 1, 'barman', 'barman', `${REG}/barman:3.12.1`, [http(8080, 'metrics')], { resources: R_MED, ageDays: 52 }),
  w('cnpg-system', 'cnpg-controller-manager', 'Deployment', 1, 'manager', 'cnpg', 'ghcr.io/cloudnative-pg/cloudnative-pg:1.24.1', [
    http(8080, 'metrics'), http(9443, 'webhook-server'),
  ], { ageDays: 52, service: 'cnpg-webhook-service' }),
  w('openbao', 'openbao', 'StatefulSet', 1, 'openbao', 'openbao', 'quay.io/openbao/openbao:2.1.0', [http(8200), http(8201, 'https-internal')], {
    resources: R_MED, ageDays: 55,
  }),
  w('vault-secrets-operator', 'vault-secrets-operator-controller-manager', 'Deployment', 1, 'manager', 'vso', 'hashicorp/vault-secrets-operator:0.9.1', [
    http(8080, 'metrics'),
  ], { ageDays: 55, service: 'vault-secrets-operator-metrics-service' }),
  w('ingress', 'pingora', 'Deployment', 2, 'pingora', 'pingora', `${REG}/pingora-proxy:0.4.0`, [http(80), http(443, 'https'), http(6190, 'metrics')], {
    resources: R_MED, needs: ['linkerd'], ageDays: 49,
  }),
  w('cert-manager', 'cert-manager', 'Deployment', 1, 'cert-manager-controller', 'cert-manager', 'quay.io/jetstack/cert-manager-controller:v1.16.2', [http(9402, 'http-metrics')], { ageDays: 57 }),
  w('cert-manager', 'cert-manager-cainjector', 'Deployment', 1, 'cert-manager-cainjector', 'cainjector', 'quay.io/jetstack/cert-manager-cainjector:v1.16.2', [http(9402, 'http-metrics')], { ageDays: 57, headless: true }),
  w('cert-manager', 'cert-manager-webhook', 'Deployment', 1, 'cert-manager-webhook', 'webhook', 'quay.io/jetstack/cert-manager-webhook:v1.16.2', [http(10250, 'https')], { ageDays: 57 }),
  w('storage', 'seaweedfs-master', 'StatefulSet', 1, 'master', 'seaweed-master', 'chrislusf/seaweedfs:3.80', [http(9333, 'swfs-master'), http(19333, 'swfs-master-grpc')], { ageDays: 47 }),
  w('storage', 'seaweedfs-volume', 'StatefulSet', 1, 'volume', 'seaweed-volume', 'chrislusf/seaweedfs:3.80', [http(8080, 'swfs-volume'), http(18080, 'swfs-volume-grpc')], {
    resources: R_MED, ageDays: 47,
  }),
  w('storage', 'seaweedfs-filer', 'StatefulSet', 1, 'filer', 'seaweed-filer', 'chrislusf/seaweedfs:3.80', [http(8888, 'swfs-filer'), http(8333, 'swfs-s3')], {
    resources: R_MED, needs: ['seaweedfs'], ageDays: 47,
  }),
  w('matrix', 'synapse', 'Deployment', 1, 'synapse', 'synapse', 'ghcr.io/element-hq/synapse:v1.120.2', [http(8008)], { resources: R_BIG, needs: ['postgres', 'vault', 'linkerd'], ageDays: 44 }),
  w('matrix', 'sol', 'Deployment', 1, 'sol', 'sol', `${REG}/sol:1.8.3`, [http(8000)], { resources: R_MED, needs: ['postgres', 'vault', 'linkerd'], ageDays: 6 }),
  w('monitoring', 'prometheus', 'StatefulSet', 1, 'prometheus', 'prometheus', 'quay.io/prometheus/prometheus:v2.55.1', [http(9090, 'web')], { resources: R_BIG, ageDays: 50 }),
  w('monitoring', 'alertmanager', 'StatefulSet', 1, 'alertmanager', 'alertmanager', 'quay.io/prometheus/alertmanager:v0.27.0', [http(9093, 'web')], { ageDays: 50 }),
  w('monitoring', 'grafana', 'Deployment', 1, 'grafana', 'grafana', 'docker.io/grafana/grafana:11.3.1', [http(3000)], { resources: R_MED, ageDays: 50 }),
  w('monitoring', 'loki', 'StatefulSet', 1, 'loki', 'loki', 'docker.io/grafana/loki:3.3.0', [http(3100, 'http-metrics')], { resources: R_MED, ageDays: 50 }),
  w('monitoring', 'matrix-alertmanager-receiver', 'Deployment', 1, 'matrix-alertmanager-receiver', 'receiver', 'docker.io/metio/matrix-alertmanager-receiver:2024.11.20', [http(12345)], { ageDays: 33 }),
  w('messages', 'messages', 'Deployment', 2, 'django', 'django', `${REG}/messages:2026.11.20`, [http(8000)], { resources: R_BIG, needs: ['postgres', 'vault', 'linkerd'], ageDays: 3 }),
  w('messages', 'messages-worker', 'Deployment', 1, 'worker', 'celery', `${REG}/messages:2026.11.20`, [], { resources: R_MED, needs: ['postgres', 'vault', 'linkerd'], ageDays: 3, headless: true }),
  w('mail', 'postfix', 'Deployment', 1, 'postfix', 'postfix', 'docker.io/boky/postfix:v4.3.0', [{ name: 'smtp', containerPort: 587, protocol: 'TCP' }], { ageDays: 39 }),
  w('gitea', 'gitea', 'Deployment', 1, 'gitea', 'gitea', 'docker.gitea.com/gitea:1.22.4-rootless', [http(3000), { name: 'ssh', containerPort: 2222, protocol: 'TCP' }], {
    resources: R_MED, needs: ['postgres', 'vault', 'seaweedfs', 'linkerd'], ageDays: 45,
  }),
  w('drive', 'drive', 'Deployment', 1, 'drive', 'drive', `${REG}/drive:2026.11.18`, [http(8000)], { resources: R_MED, needs: ['postgres', 'vault', 'seaweedfs', 'linkerd'], ageDays: 5 }),
  w('linkerd', 'linkerd-destination', 'Deployment', 1, 'destination', 'linkerd-destination', 'cr.l5d.io/linkerd/controller:edge-24.11.8', [http(8086, 'grpc'), http(9996, 'admin-http')], { ageDays: 58, service: 'linkerd-dst' }),
  w('linkerd', 'linkerd-identity', 'Deployment', 1, 'identity', 'linkerd-identity', 'cr.l5d.io/linkerd/controller:edge-24.11.8', [http(8080, 'grpc'), http(9990, 'admin-http')], { ageDays: 58 }),
  w('linkerd', 'linkerd-proxy-injector', 'Deployment', 1, 'proxy-injector', 'linkerd-injector', 'cr.l5d.io/linkerd/controller:edge-24.11.8', [http(8443, 'proxy-injector'), http(9995, 'admin-http')], { ageDays: 58 }),
];

/** The CloudNativePG cluster's instance container. */
export const POSTGRES_IMAGE = 'ghcr.io/cloudnative-pg/postgresql:16.4';

export function findWorkload(namespace: string, name: string): WorkloadSpec | undefined {
  return WORKLOADS.find((x) => x.namespace === namespace && x.name === name);
}

export const NODE_NAME = 'sunbeam-1';
export const NODE_IP = '10.0.0.10';
