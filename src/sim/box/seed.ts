// Seeding the Box's core objects: the node, namespaces, workloads (their controllers create the
// ReplicaSets and pods), Services, ConfigMaps, Secrets (placeholders only), PVCs and ServiceAccounts.
import type { ObjectStore } from '../k8s/object-store.js';
import { NODE_IP, NODE_NAME, WORKLOADS, type WorkloadSpec } from './catalog.js';
import { podTemplate } from './pods.js';
import { DAY, HOUR, int, iso, placeholder } from './util.js';

const PART_OF = { 'app.kubernetes.io/part-of': 'sunbeam' };

/** `replicas`: the replica count of some workloads by `namespace/name`, instead of the catalog's. */
export function seedCore(store: ObjectStore, now: Date, replicas: Record<string, number> = {}): void {
  const ago = (ms: number) => iso(now.getTime() - ms);
  store.create('nodes', node(ago(61 * DAY)));
  const namespaces = ['default', 'kube-public', 'kube-node-lease', ...new Set(WORKLOADS.map((w) => w.namespace)), 'data'];
  for (const ns of new Set(namespaces)) {
    const created = ns.startsWith('kube') || ns === 'default' ? ago(61 * DAY) : ago((60 - (ns.length % 5)) * DAY);
    store.create('namespaces', {
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns }, creationTimestamp: created },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    store.create('serviceaccounts', { metadata: { name: 'default', namespace: ns, creationTimestamp: created } });
    store.create('configmaps', {
      metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' }, creationTimestamp: created },
      data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nsim-placeholder-cluster-ca\n-----END CERTIFICATE-----\n' },
    });
  }
  store.create('services', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' }, creationTimestamp: ago(61 * DAY) },
    spec: { type: 'ClusterIP', clusterIP: '10.43.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    status: { loadBalancer: {} },
  });
  let ip = 20;
  for (const w of WORKLOADS) {
    const created = ago(w.ageDays * DAY + int(0, 20) * HOUR);
    workload(store, { ...w, replicas: replicas[`${w.namespace}/${w.name}`] ?? w.replicas }, created);
    store.create('serviceaccounts', { metadata: { name: w.name, namespace: w.namespace, labels: { app: w.name }, creationTimestamp: created } });
    if (!w.headless) {
      const name = w.service ?? w.name;
      store.create('services', {
        metadata: { name, namespace: w.namespace, labels: { app: w.name, 'app.kubernetes.io/name': w.name, ...PART_OF }, creationTimestamp: created },
        spec: {
          type: 'ClusterIP',
          clusterIP: name === 'kube-dns' ? '10.43.0.10' : `10.43.${int(1, 250)}.${ip++}`,
          ports: w.ports.map((p) => ({ name: p.name, port: p.containerPort === 8080 && name === 'barman' ? 8080 : p.containerPort, protocol: p.protocol ?? 'TCP', targetPort: p.containerPort })),
          selector: { app: w.name },
          sessionAffinity: 'None',
        },
        status: { loadBalancer: {} },
      });
    }
  }
  seedConfig(store, now);
}

function node(created: string): any {
  return {
    metadata: {
      name: NODE_NAME,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': NODE_NAME,
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/control-plane': '',
        'node.kubernetes.io/instance-type': 'k3s',
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      creationTimestamp: created,
    },
    spec: { podCIDR: '10.42.0.0/24', podCIDRs: ['10.42.0.0/24'], providerID: `k3s://${NODE_NAME}` },
    status: {
      capacity: { cpu: '16', 'ephemeral-storage': '957350064Ki', memory: '65773596Ki', pods: '110' },
      allocatable: { cpu: '16', 'ephemeral-storage': '931300982034', memory: '65773596Ki', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ].map((c) => ({ ...c, lastHeartbeatTime: iso(Date.now() - 20_000), lastTransitionTime: created })),
      addresses: [
        { type: 'InternalIP', address: NODE_IP },
        { type: 'Hostname', address: NODE_NAME },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: 'c0a8f1e2-5b3d-4e6f-9a1b-2c3d4e5f6a7b',
        containerRuntimeVersion: 'containerd://1.7.23-k3s2',
        kernelVersion: '6.8.0-49-generic',
        kubeProxyVersion: 'v1.31.4+k3s1',
        kubeletVersion: 'v1.31.4+k3s1',
        machineID: '3f9e2b7c1d8a4e6f9b0c2d4e6f8a0b1c',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04.1 LTS',
        systemUUID: '4c4c4544-0051-3910-8052-b4c04f4e3532',
      },
    },
  };
}

function workload(store: ObjectStore, w: WorkloadSpec, created: string): void {
  const metadata = { name: w.name, namespace: w.namespace, labels: { app: w.name, 'app.kubernetes.io/name': w.name, ...PART_OF }, annotations: {}, creationTimestamp: created };
  const selector = { matchLabels: { app: w.name } };
  if (w.kind === 'Deployment') {
    store.create('deployments.apps', {
      metadata,
      spec: {
        replicas: w.replicas,
        selector,
        template: podTemplate(w),
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    });
    return;
  }
  const size = w.name === 'seaweedfs-volume' ? '200Gi' : w.name === 'prometheus' || w.name === 'loki' ? '50Gi' : '10Gi';
  store.create('statefulsets.apps', {
    metadata,
    spec: {
      replicas: w.replicas,
      selector,
      serviceName: w.service ?? w.name,
      template: podTemplate(w),
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, storageClassName: 'local-path', volumeMode: 'Filesystem' } }],
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
  });
}

function seedConfig(store: ObjectStore, now: Date): void {
  const at = (days: number) => iso(now.getTime() - days * DAY);
  const cm = (ns: string, name: string, data: Record<string, string>, days = 30) =>
    store.create('configmaps', { metadata: { name, namespace: ns, labels: PART_OF, creationTimestamp: at(days) }, data });
  cm('kube-system', 'coredns', { Corefile: '.:53 {\n    errors\n    health\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n      pods insecure\n      fallthrough in-addr.arpa ip6.arpa\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n' }, 58);
  cm('messages', 'messages-config', { DJANGO_SETTINGS_MODULE: 'messages.settings.production', ALLOWED_HOSTS: 'messages.sunbeam.example', DB_HOST: 'postgres-rw.data.svc', DB_NAME: 'messages', CELERY_BROKER_URL: 'redis://messages-redis:6379/0' }, 3);
  cm('matrix', 'sol-config', { MATRIX_HOMESERVER: 'https://matrix.sunbeam.example', MISTRAL_API_BASE: 'https://api.mistral.ai', MISTRAL_MODEL: 'mistral-large-latest', OPENSEARCH_URL: 'http://opensearch.matrix.svc:9200', ORCHESTRATOR_AGENT: 'sol-orchestrator' }, 6);
  cm('monitoring', 'alertmanager-config', { 'alertmanager.yml': 'route:\n  receiver: matrix\n  group_by: [alertname, namespace]\n  group_wait: 30s\n  group_interval: 5m\n  repeat_interval: 4h\nreceivers:\n  - name: matrix\n    webhook_configs:\n      - url: http://matrix-alertmanager-receiver.monitoring.svc:12345/alerts/ops\n        send_resolved: true\ninhibit_rules:\n  - source_matchers: [severity="critical"]\n    target_matchers: [severity=~"warning|info"]\n    equal: [namespace, alertname]\n' }, 50);
  cm('monitoring', 'matrix-alertmanager-receiver-config', { 'config.yaml': 'http:\n  port: 12345\n  alerts-path-prefix: /alerts\nmatrix:\n  homeserver-url: https://matrix.sunbeam.example\n  user-id: "@alertbot:sunbeam.example"\n  room-mapping:\n    ops: "!opsRoomId:sunbeam.example"\n' }, 33);
  cm('ingress', 'pingora-config', { 'pingora.yaml': 'listen:\n  http: 0.0.0.0:80\n  https: 0.0.0.0:443\ntls:\n  secret: ingress/pingora-tls\n  hot_reload: true\nupstream_mesh: linkerd\n' }, 49);
  cm('storage', 'seaweedfs-config', { 'filer.toml': '[leveldb2]\nenabled = true\ndir = "/data/filerldb2"\n', 'master.toml': '[master.volume_growth]\ncopy_1 = 1\n' }, 47);
  const secret = (ns: string, name: string, keys: string[], days: number, extra: Record<string, string> = {}, labels: Record<string, string> = {}) =>
    store.create('secrets', {
      metadata: { name, namespace: ns, labels: { ...PART_OF, ...labels }, creationTimestamp: at(days) },
      type: 'Opaque',
      data: { ...Object.fromEntries(keys.map((k) => [k, placeholder()])), ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) },
    });
  secret('data', 'postgres-app', ['password', 'pgpass', 'uri', 'jdbc-uri'], 52, { username: 'app', host: 'postgres-rw', port: '5432', dbname: 'app' }, { 'cnpg.io/cluster': 'postgres', 'cnpg.io/reload': 'true' });
  secret('data', 'postgres-s3', ['ACCESS_KEY_ID', 'ACCESS_SECRET_KEY'], 52);
  secret('monitoring', 'matrix-bot-secret', ['access-token'], 33, { 'user-id': '@alertbot:sunbeam.example' });
  secret('openbao', 'openbao-tls', ['tls.crt', 'tls.key', 'ca.crt'], 55);
  const vso = { 'app.kubernetes.io/managed-by': 'hashicorp-vso', 'app.kubernetes.io/component': 'secret-sync' };
  for (const w of WORKLOADS.filter((x) => x.needs.includes('vault'))) {
    secret(w.namespace, `${w.name}-db-creds`, ['username', 'password'], 0.003, {}, vso);
  }
  secret('messages', 'django-secret', ['DJANGO_SECRET_KEY'], 3, {}, vso);
}
