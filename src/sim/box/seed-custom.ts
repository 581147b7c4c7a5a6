// Seeding the custom resources and batch objects: Ingresses and cert-manager (ClusterIssuer, Certificate,
// CertificateRequests, the TLS Secret), the CloudNativePG Cluster with its backups, and CronJobs with Jobs.
import type { ObjectStore } from '../k8s/object-store.js';
import { randomSuffix } from '../k8s/object-store.js';
import type { BackupCatalog } from './backups.js';
import type { Ctx } from './context.js';
import { NODE_IP } from './catalog.js';
import { certTimes } from './certs.js';
import { newContainerId, podStatus } from './pods.js';
import { type Condition, DAY, HOUR, MINUTE, int, iso, placeholder, refTo } from './util.js';

const ING = 'ingresses.networking.k8s.io';
const ROUTES: [string, string, string, number][] = [
  ['messages', 'messages.sunbeam.example', 'messages.messages.svc.cluster.local', 8000],
  ['gitea', 'git.sunbeam.example', 'gitea.gitea.svc.cluster.local', 3000],
  ['drive', 'drive.sunbeam.example', 'drive.drive.svc.cluster.local', 8000],
  ['matrix', 'matrix.sunbeam.example', 'synapse.matrix.svc.cluster.local', 8008],
  ['grafana', 'grafana.sunbeam.example', 'grafana.monitoring.svc.cluster.local', 3000],
];

export function seedIngress(store: ObjectStore, now: Date, expired: boolean): void {
  const t = now.getTime();
  const created = iso(t - 49 * DAY);
  for (const [name, host, target, port] of ROUTES) {
    store.create('services', {
      metadata: { name, namespace: 'ingress', creationTimestamp: created },
      spec: { type: 'ExternalName', externalName: target, ports: [{ name: 'http', port, protocol: 'TCP', targetPort: port }], sessionAffinity: 'None' },
      status: { loadBalancer: {} },
    });
    store.create(ING, {
      metadata: { name, namespace: 'ingress', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' }, creationTimestamp: created },
      spec: {
        ingressClassName: 'pingora',
        tls: [{ hosts: [host], secretName: 'pingora-tls' }],
        rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: port } } } }] } }],
      },
      status: { loadBalancer: { ingress: [{ ip: NODE_IP }] } },
    });
  }
  store.create('clusterissuers.cert-manager.io', {
    metadata: { name: 'letsencrypt', creationTimestamp: iso(t - 57 * DAY) },
    spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'ops@sunbeam.example', privateKeySecretRef: { name: 'letsencrypt-account-key' }, solvers: [{ http01: { ingress: { ingressClassName: 'pingora' } } }] } },
    status: {
      acme: { uri: 'https://acme-v02.api.letsencrypt.org/acme/acct/1893204712', lastRegisteredEmail: 'ops@sunbeam.example', lastPrivateKeyHash: 'sim-placeholder' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'ACMEAccountRegistered', message: 'The ACME account was registered with the ACME server', lastTransitionTime: iso(t - 57 * DAY), observedGeneration: 1 }],
    },
  });
  store.create('secrets', { metadata: { name: 'letsencrypt-account-key', namespace: 'cert-manager', creationTimestamp: iso(t - 57 * DAY) }, type: 'Opaque', data: { 'tls.key': placeholder() } });
  const owner = store.get(ING, 'ingress', 'messages')!;
  const hosts = ROUTES.map((r) => r[1]);
  const issued = expired ? t - 91 * DAY : t - 30 * DAY;
  const revision = expired ? 1 : 2;
  const cert = store.create('certificates.cert-manager.io', {
    metadata: { name: 'pingora-tls', namespace: 'ingress', ownerReferences: [refTo(ING, owner)], creationTimestamp: created },
    spec: { dnsNames: hosts, issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt' }, secretName: 'pingora-tls', usages: ['digital signature', 'key encipherment'] },
  });
  const times = certTimes(issued);
  const conds: Condition[] = expired
    ? [
        { type: 'Ready', status: 'False', reason: 'Expired', message: `Certificate expired on ${new Date(times.notAfter).toUTCString().replace('GMT', 'UTC')}`, lastTransitionTime: times.notAfter, observedGeneration: 1 },
        { type: 'Issuing', status: 'False', reason: 'Failed', message: 'The certificate request has failed to complete and will be retried: Failed to wait for order resource "pingora-tls-2-3871244901" to become ready: order is in "invalid" state: ', lastTransitionTime: iso(t - 2 * HOUR), observedGeneration: 1 },
      ]
    : [{ type: 'Ready', status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired', lastTransitionTime: iso(issued + 40_000), observedGeneration: 1 }];
  store.update('certificates.cert-manager.io', {
    ...cert,
    status: { conditions: conds, ...times, revision, ...(expired ? { lastFailureTime: iso(t - 2 * HOUR), failedIssuanceAttempts: 6 } : {}) },
  }, { statusOnly: true });
  const crApproved = (at: number): Condition => ({ type: 'Approved', status: 'True', reason: 'cert-manager.io', message: 'Certificate request has been approved by cert-manager.io', lastTransitionTime: iso(at) });
  for (let r = 1; r <= 2; r++) {
    const at = expired ? (r === 1 ? t - 91 * DAY : t - 2 * HOUR) : r === 1 ? t - 49 * DAY : issued;
    const failed = expired && r === 2;
    store.create('certificaterequests.cert-manager.io', {
      metadata: {
        name: `pingora-tls-${r}`,
        namespace: 'ingress',
        annotations: { 'cert-manager.io/certificate-name': 'pingora-tls', 'cert-manager.io/certificate-revision': String(r), 'cert-manager.io/private-key-secret-name': `pingora-tls-${randomSuffix(5)}` },
        ownerReferences: [refTo('certificates.cert-manager.io', cert)],
        creationTimestamp: iso(at),
      },
      spec: { issuerRef: cert.spec.issuerRef, request: placeholder(), usages: cert.spec.usages, username: 'system:serviceaccount:cert-manager:cert-manager' },
      status: {
        conditions: [
          crApproved(at),
          failed
            ? { type: 'Ready', status: 'False', reason: 'Failed', message: 'Failed to wait for order resource "pingora-tls-2-3871244901" to become ready: order is in "invalid" state: ', lastTransitionTime: iso(at + 90_000) }
            : { type: 'Ready', status: 'True', reason: 'Issued', message: 'Certificate fetched from issuer successfully', lastTransitionTime: iso(at + 40_000) },
        ],
        ...(failed ? { failureTime: iso(at + 90_000) } : { certificate: placeholder() }),
      },
    });
  }
  store.create('secrets', {
    metadata: {
      name: 'pingora-tls',
      namespace: 'ingress',
      labels: { 'controller.cert-manager.io/fao': 'true' },
      annotations: {
        'cert-manager.io/alt-names': hosts.join(','),
        'cert-manager.io/certificate-name': 'pingora-tls',
        'cert-manager.io/common-name': hosts[0]!,
        'cert-manager.io/issuer-group': 'cert-manager.io',
        'cert-manager.io/issuer-kind': 'ClusterIssuer',
        'cert-manager.io/issuer-name': 'letsencrypt',
      },
      creationTimestamp: created,
    },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': placeholder(), 'tls.key': placeholder() },
  });
}

export function seedPostgres(store: ObjectStore, now: Date, catalog: BackupCatalog): void {
  const t = now.getTime();
  const created = iso(t - 52 * DAY);
  const cluster = store.create('clusters.postgresql.cnpg.io', {
    metadata: { name: 'postgres', namespace: 'data', labels: { 'app.kubernetes.io/part-of': 'sunbeam' }, annotations: {}, creationTimestamp: created },
    spec: {
      instances: 2,
      imageName: 'ghcr.io/cloudnative-pg/postgresql:16.4',
      primaryUpdateStrategy: 'unsupervised',
      primaryUpdateMethod: 'restart',
      storage: { size: '20Gi', storageClass: 'local-path' },
      postgresql: { parameters: { max_connections: '200', shared_buffers: '1GB', archive_timeout: '5min' } },
      bootstrap: { initdb: { database: 'app', owner: 'app', secret: { name: 'postgres-app' } } },
      backup: {
        barmanObjectStore: {
          destinationPath: 's3://sunbeam-backups/postgres',
          endpointURL: 'https://s3.fr-par.scw.cloud',
          s3Credentials: { accessKeyId: { name: 'postgres-s3', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'postgres-s3', key: 'ACCESS_SECRET_KEY' } },
          wal: { compression: 'gzip' },
          data: { compression: 'gzip' },
        },
        retentionPolicy: '30d',
      },
      monitoring: { enablePodMonitor: true },
    },
  });
  const first = catalog.first!;
  const last = catalog.last!;
  store.update('clusters.postgresql.cnpg.io', {
    ...cluster,
    status: {
      firstRecoverabilityPoint: iso(first.stoppedAt),
      lastSuccessfulBackup: iso(last.stoppedAt),
      systemID: '7437393920498655251',
      currentPrimaryTimestamp: iso(t - 52 * DAY + 95_000),
      conditions: [{ type: 'LastBackupSucceeded', status: 'True', reason: 'LastBackupSucceeded', message: 'Backup was successful', lastTransitionTime: iso(last.stoppedAt) }],
    },
  }, { statusOnly: true });
  const lastRun = new Date(last.startedAt);
  lastRun.setUTCSeconds(0);
  const sb = store.create('scheduledbackups.postgresql.cnpg.io', {
    metadata: { name: 'postgres-daily', namespace: 'data', creationTimestamp: created },
    spec: { schedule: '0 0 2 * * *', cluster: { name: 'postgres' }, backupOwnerReference: 'self', method: 'barmanObjectStore', immediate: true },
  });
  store.update('scheduledbackups.postgresql.cnpg.io', {
    ...sb,
    status: { lastCheckTime: iso(lastRun), lastScheduleTime: iso(lastRun), nextScheduleTime: iso(lastRun.getTime() + DAY) },
  }, { statusOnly: true });
  for (const rec of catalog.records.slice(-4)) {
    const sched = new Date(rec.startedAt);
    sched.setUTCSeconds(0);
    const stamp = sched.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    store.create('backups.postgresql.cnpg.io', {
      metadata: {
        name: `postgres-daily-${stamp}`,
        namespace: 'data',
        labels: { 'cnpg.io/cluster': 'postgres', 'cnpg.io/immediateBackup': 'false', 'cnpg.io/scheduled-backup': 'postgres-daily' },
        ownerReferences: [refTo('scheduledbackups.postgresql.cnpg.io', sb)],
        creationTimestamp: iso(sched),
      },
      spec: { cluster: { name: 'postgres' }, method: 'barmanObjectStore', target: 'prefer-standby' },
      status: {
        phase: 'completed',
        method: 'barmanObjectStore',
        online: true,
        startedAt: iso(rec.startedAt),
        stoppedAt: iso(rec.stoppedAt),
        backupId: rec.id,
        backupName: `backup-${rec.id}`,
        beginWal: rec.beginWal,
        endWal: rec.endWal,
        beginLSN: rec.beginLsn,
        endLSN: rec.endLsn,
        destinationPath: 's3://sunbeam-backups/postgres',
        endpointURL: 'https://s3.fr-par.scw.cloud',
        serverName: 'postgres',
        instanceID: { podName: 'postgres-2', ContainerID: newContainerId() },
      },
    });
  }
}

/** CronJobs with their last three completed Jobs and pods. */
export function seedCronJobs(store: ObjectStore, now: Date, ips: () => string): void {
  const jobs: [string, string, string, number, string, string[]][] = [
    ['gitea', 'gitea-backup', '0 3 * * *', 3, 'docker.gitea.com/gitea:1.22.4-rootless', ['gitea', 'dump', '--type', 'tar.gz', '--file', '/backup/gitea-dump.tar.gz']],
    ['messages', 'messages-clearsessions', '30 4 * * *', 4.5, 'registry.sunbeam.example/sunbeam/messages:2026.11.20', ['python', 'manage.py', 'clearsessions']],
  ];
  for (const [ns, name, schedule, hour, image, command] of jobs) {
    const cj = store.create('cronjobs.batch', {
      metadata: { name, namespace: ns, labels: { app: name }, creationTimestamp: iso(now.getTime() - 40 * DAY) },
      spec: {
        schedule,
        concurrencyPolicy: 'Forbid',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: { spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name, image, command, resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } } } },
      },
    });
    let last = new Date(now);
    last.setUTCHours(Math.floor(hour), (hour % 1) * 60, 0, 0);
    if (last > now) last = new Date(last.getTime() - DAY);
    for (let d = 2; d >= 0; d--) {
      const at = last.getTime() - d * DAY;
      const jobName = `${name}-${Math.floor(at / MINUTE)}`;
      const done = at + int(20, 140) * 1000;
      const job = store.create('jobs.batch', {
        metadata: { name: jobName, namespace: ns, labels: { 'batch.kubernetes.io/job-name': jobName, 'job-name': jobName }, ownerReferences: [refTo('cronjobs.batch', cj)], creationTimestamp: iso(at) },
        spec: { backoffLimit: 2, completions: 1, parallelism: 1, template: cj.spec.jobTemplate.spec.template },
        status: {
          startTime: iso(at),
          completionTime: iso(done),
          succeeded: 1,
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
          conditions: [
            { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: iso(done), lastTransitionTime: iso(done) },
            { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: iso(done), lastTransitionTime: iso(done) },
          ],
        },
      });
      const podName = `${jobName}-${randomSuffix(5)}`;
      const pod: any = {
        metadata: { name: podName, namespace: ns, labels: { 'batch.kubernetes.io/job-name': jobName, 'job-name': jobName, 'batch.kubernetes.io/controller-uid': job.metadata.uid!, 'controller-uid': job.metadata.uid! }, ownerReferences: [refTo('jobs.batch', job)], creationTimestamp: iso(at) },
        spec: { ...structuredClone(cj.spec.jobTemplate.spec.template.spec), nodeName: 'sunbeam-1', schedulerName: 'default-scheduler', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 },
        status: { qosClass: 'Burstable' },
      };
      pod.status = podStatus(pod, {
        phase: 'Succeeded',
        scheduledAt: iso(at),
        startTime: iso(at),
        readySince: iso(done),
        podIP: ips(),
        run: { state: 'terminated', ready: false, reason: 'Completed', exitCode: 0, startedAt: iso(at + 2000), finishedAt: iso(done), restartCount: 0, containerID: newContainerId() },
      });
      store.create('pods', pod);
    }
    store.update('cronjobs.batch', { ...cj, status: { lastScheduleTime: iso(last), lastSuccessfulTime: iso(last.getTime() + 60_000) } }, { statusOnly: true });
  }
}

/** Events of the last hour that any Box has: Linkerd's identity service issuing proxy certificates. */
export function seedRecentEvents(ctx: Ctx): void {
  const now = ctx.now().getTime();
  for (const [ns, sa] of [['messages', 'messages'], ['matrix', 'synapse'], ['matrix', 'sol'], ['gitea', 'gitea'], ['drive', 'drive'], ['ingress', 'pingora']]) {
    const obj = ctx.store.get('serviceaccounts', ns, sa);
    if (!obj) continue;
    const at = new Date(now - (5 + Math.floor(Math.random() * 50)) * 60_000);
    const until = new Date(at.getTime() + 24 * 3600_000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC');
    ctx.events.seed(obj, 'Normal', 'IssuedLeafCertificate', `issued certificate for ${sa}.${ns}.serviceaccount.identity.linkerd.cluster.local until ${until}: ${Math.floor(Math.random() * 1e15).toString(16)}`, { component: 'linkerd-identity' }, at);
  }
}
