// The alerting rules of the Box's Prometheus (kube-prometheus, CloudNativePG's and cert-manager's usual rules,
// and the Box's own for OpenBao, SeaweedFS, Linkerd and the Matrix receiver), as functions of the Box's state:
// the World and the Kubernetes objects its controllers keep. Each rule gives the alerts whose condition holds
// now, with when that condition began when the objects tell (a pod's first warning event, a condition's
// transition). src/sim/box/alerts.ts turns them into alerts with stable start times.
import { POSTGRES_LEAK_FAULT } from './scenarios.js';
import type { K8sObject, ObjectStore } from '../k8s/object-store.js';
import { getCondition, podReady } from './util.js';
import type { World } from './world.js';

export type Labels = Record<string, string>;

export interface Candidate {
  labels: Labels;
  annotations: Labels;
  /** The rule's PromQL, for the generator link. */
  expr: string;
  /** When the condition began (ms epoch), when the objects tell. */
  since?: number;
  /** The rule's `for:` (simulated ms): pending until the condition held this long. */
  forMs: number;
}

export interface RuleView {
  store: ObjectStore;
  /** Every pod not being deleted, listed once per evaluation. */
  pods: K8sObject[];
  world: World;
  /** The clock's ms epoch. */
  now: number;
  /** Real clock ms for a simulated span (divided by the Box's speed). */
  scale(simMs: number): number;
}

/** What the receiver Deployment answers AlertManager's webhook: accepted, 500 (Matrix rejects the bot's token), or nobody listens. */
export type ReceiverAnswer = 'ok' | 'serverError' | 'unreachable';

const MIN = 60_000;
const RUNBOOKS = 'https://runbooks.prometheus-operator.dev/runbooks';

function at(t: string | undefined): number | undefined {
  const ms = t ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

function earliest(...ts: (number | undefined)[]): number | undefined {
  const xs = ts.filter((t): t is number => t !== undefined);
  return xs.length ? Math.min(...xs) : undefined;
}

/** The first Warning event of each pod (`ns/name` -> ms), what tells when its trouble began. */
function firstWarnings(store: ObjectStore): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of store.list('events')) {
    if (e.type !== 'Warning' || e.involvedObject?.kind !== 'Pod') continue;
    const t = at(e.firstTimestamp ?? e.eventTime);
    if (t === undefined) continue;
    const key = `${e.involvedObject.namespace}/${e.involvedObject.name}`;
    out.set(key, Math.min(out.get(key) ?? t, t));
  }
  return out;
}

/** Every pod not being deleted. */
export const livePods = (store: ObjectStore) => store.list('pods').filter((p) => !p.metadata.deletionTimestamp);
const isJobPod = (p: K8sObject) => !!p.metadata.labels?.['job-name'] || (p.metadata.ownerReferences ?? []).some((o) => o.kind === 'Job');
const appPods = (pods: K8sObject[], ns: string, app: string) => pods.filter((p) => p.metadata.namespace === ns && p.metadata.labels?.app === app);

/** The receiver's answer to a webhook: it needs a ready pod, and Matrix must accept the bot's token. */
export function receiverAnswer(pods: K8sObject[], world: World): ReceiverAnswer {
  if (!appPods(pods, 'monitoring', 'matrix-alertmanager-receiver').some(podReady)) return 'unreachable';
  return world.hasFault('matrix-bot-token') ? 'serverError' : 'ok';
}

function watchdog(v: RuleView): Candidate[] {
  const prom = appPods(v.pods, 'monitoring', 'prometheus')[0];
  return [{
    labels: { alertname: 'Watchdog', namespace: 'monitoring', severity: 'none' },
    annotations: {
      summary: 'An alert that should always be firing to certify that Alertmanager is working properly.',
      description: 'This is an alert meant to ensure that the entire alerting pipeline is functional.\nThis alert is always firing, therefore it should always be firing in Alertmanager\nand always fire against a receiver.',
      runbook_url: `${RUNBOOKS}/general/watchdog`,
    },
    expr: 'vector(1)',
    since: at(prom?.status?.startTime),
    forMs: 0,
  }];
}

function crashLooping(v: RuleView, warnings: Map<string, number>): Candidate[] {
  const out: Candidate[] = [];
  for (const p of v.pods) {
    for (const cs of p.status?.containerStatuses ?? []) {
      const last = cs.lastState?.terminated;
      const recentCrash = !!last && last.exitCode !== 0 && v.now - (at(last.finishedAt) ?? 0) <= v.scale(5 * MIN);
      if (cs.state?.waiting?.reason !== 'CrashLoopBackOff' && !(recentCrash && !cs.ready)) continue;
      const ns = p.metadata.namespace!;
      const pod = p.metadata.name;
      out.push({
        labels: { alertname: 'KubePodCrashLooping', container: cs.name, job: 'kube-state-metrics', namespace: ns, pod, reason: 'CrashLoopBackOff', severity: 'warning' },
        annotations: {
          summary: 'Pod is crash looping.',
          description: `Pod ${ns}/${pod} (${cs.name}) is in waiting state (reason: "CrashLoopBackOff").`,
          runbook_url: `${RUNBOOKS}/kubernetes/kubepodcrashlooping`,
        },
        expr: 'max_over_time(kube_pod_container_status_waiting_reason{job="kube-state-metrics",reason="CrashLoopBackOff"}[5m]) >= 1',
        since: warnings.get(`${ns}/${pod}`) ?? at(last?.startedAt),
        forMs: 15 * MIN,
      });
    }
  }
  return out;
}

function notReady(v: RuleView, warnings: Map<string, number>): Candidate[] {
  const out: Candidate[] = [];
  for (const p of v.pods) {
    if (isJobPod(p) || !['Pending', 'Running', 'Unknown'].includes(p.status?.phase) || podReady(p)) continue;
    const ns = p.metadata.namespace!;
    const pod = p.metadata.name;
    out.push({
      labels: { alertname: 'KubePodNotReady', job: 'kube-state-metrics', namespace: ns, pod, severity: 'warning' },
      annotations: {
        summary: 'Pod has been in a non-ready state for more than 15 minutes.',
        description: `Pod ${ns}/${pod} has been in a non-ready state for longer than 15 minutes.`,
        runbook_url: `${RUNBOOKS}/kubernetes/kubepodnotready`,
      },
      expr: `sum by (namespace, pod) (max by (namespace, pod) (kube_pod_status_ready{condition="false",job="kube-state-metrics",namespace="${ns}"})) > 0`,
      since: warnings.get(`${ns}/${pod}`) ?? at(getCondition(p, 'Ready')?.lastTransitionTime),
      forMs: 15 * MIN,
    });
  }
  return out;
}

function cnpgOffline(v: RuleView, warnings: Map<string, number>): Candidate[] {
  const out: Candidate[] = [];
  for (const c of v.store.list('clusters.postgresql.cnpg.io')) {
    if ((c.status?.readyInstances ?? 0) > 0) continue;
    const ns = c.metadata.namespace!;
    const name = c.metadata.name;
    const podTrouble = v.pods.filter((p) => p.metadata.namespace === ns && p.metadata.labels?.['cnpg.io/cluster'] === name).map((p) => warnings.get(`${ns}/${p.metadata.name}`));
    out.push({
      labels: { alertname: 'CNPGClusterOffline', cnpg_cluster: name, namespace: ns, severity: 'critical' },
      annotations: {
        summary: 'CNPG Cluster has no running instances!',
        description: `CloudNativePG Cluster "${ns}/${name}" has no ready instances.\n\nHaving an offline cluster means your applications will not be able to access the database, leading to potential service disruption and/or data loss.`,
        runbook_url: 'https://github.com/cloudnative-pg/charts/blob/main/charts/cluster/docs/runbooks/CNPGClusterOffline.md',
      },
      expr: `(count(cnpg_collector_up{namespace="${ns}",pod=~"${name}-([1-9][0-9]*)$"}) OR on() vector(0)) == 0`,
      since: earliest(...podTrouble) ?? at(getCondition(c, 'Ready')?.lastTransitionTime),
      forMs: 5 * MIN,
    });
  }
  return out;
}

/**
 * CloudNativePG's own rule for connections near max_connections (its chart's CNPGClusterHighConnectionsCritical,
 * over 95%): the leak drill holds them (the simulated database's real server fills up with drive's sessions).
 */
function cnpgHighConnections(v: RuleView): Candidate[] {
  if (!v.world.hasFault(POSTGRES_LEAK_FAULT) || v.world.postgresDown) return [];
  const leaker = appPods(v.pods, 'drive', 'drive')[0];
  return v.store
    .list('clusters.postgresql.cnpg.io')
    .filter((c) => (c.status?.readyInstances ?? 0) > 0)
    .map((c) => ({
      labels: { alertname: 'CNPGClusterHighConnectionsCritical', cnpg_cluster: c.metadata.name, namespace: c.metadata.namespace!, severity: 'critical' },
      annotations: {
        summary: 'CNPG Instance maximum number of connections critical!',
        description: `CloudNativePG Cluster "${c.metadata.namespace}/${c.metadata.name}" instance is using over 95% of the maximum number of connections.`,
        runbook_url: 'https://github.com/cloudnative-pg/charts/blob/main/charts/cluster/docs/runbooks/CNPGClusterHighConnectionsCritical.md',
      },
      expr: `sum by (pod) (cnpg_backends_total{namespace="${c.metadata.namespace}",pod=~"${c.metadata.name}-([1-9][0-9]*)$"}) / max by (pod) (cnpg_pg_settings_setting{name="max_connections",namespace="${c.metadata.namespace}",pod=~"${c.metadata.name}-([1-9][0-9]*)$"}) * 100 > 95`,
      since: at(leaker?.status?.startTime),
      forMs: 5 * MIN,
    }));
}

function openbaoSealed(v: RuleView, warnings: Map<string, number>): Candidate[] {
  const out: Candidate[] = [];
  for (const p of appPods(v.pods, 'openbao', 'openbao')) {
    const replica = v.world.bao.view(p.metadata.name);
    if (!replica?.sealed) continue;
    const pod = p.metadata.name;
    // a replica sealed alone while a quorum serves is a warning; no active replica at all is critical
    const critical = v.world.sealed;
    out.push({
      labels: { alertname: 'OpenBaoSealed', job: 'openbao', namespace: 'openbao', pod, severity: critical ? 'critical' : 'warning' },
      annotations: {
        summary: critical ? 'OpenBao is sealed.' : 'An OpenBao replica is sealed.',
        description: `OpenBao replica openbao/${pod} is sealed${critical ? ' and no replica is active: workloads cannot get their credentials' : ''}. Unseal it with three key shares (bao operator unseal).`,
        runbook_url: 'https://openbao.org/docs/concepts/seal/',
      },
      expr: `vault_core_unsealed{job="openbao",namespace="openbao",pod="${pod}"} == 0`,
      since: warnings.get(`openbao/${pod}`) ?? at(getCondition(p, 'Ready')?.lastTransitionTime),
      forMs: MIN,
    });
  }
  return out;
}

function certificates(v: RuleView): Candidate[] {
  const out: Candidate[] = [];
  for (const c of v.store.list('certificates.cert-manager.io')) {
    const ns = c.metadata.namespace!;
    const name = c.metadata.name;
    const notAfter = at(c.status?.notAfter);
    const labels = { exported_namespace: ns, job: 'cert-manager', name, namespace: 'cert-manager' };
    if (notAfter !== undefined && notAfter - v.now < 21 * 24 * 60 * MIN) {
      out.push({
        labels: { alertname: 'CertManagerCertExpirySoon', ...labels, severity: 'warning' },
        annotations: {
          summary: 'The cert `' + name + '` is 21 days away from expiring.',
          description: `The domain that this cert covers will be unavailable after ${new Date(notAfter).toISOString()}. Clients using endpoints that this cert protects will start to fail in ${Math.max(0, Math.round((notAfter - v.now) / 86_400_000))} days.`,
          runbook_url: 'https://gitlab.com/uneeq-oss/cert-manager-mixin/-/blob/master/RUNBOOK.md#certmanagercertexpirysoon',
        },
        expr: 'avg by (exported_namespace, namespace, name) (certmanager_certificate_expiration_timestamp_seconds - time()) < (21 * 24 * 3600)',
        since: notAfter - 21 * 24 * 60 * MIN,
        forMs: 60 * MIN,
      });
    }
    const ready = getCondition(c, 'Ready');
    if (ready && ready.status !== 'True') {
      out.push({
        labels: { alertname: 'CertManagerCertNotReady', condition: ready.status, ...labels, severity: 'critical' },
        annotations: {
          summary: 'The cert `' + name + '` is not ready to serve traffic.',
          description: `This certificate has not been ready to serve traffic for at least 10m. If the cert is being renewed or there is another valid cert, the ingress controller may be able to serve that instead.${ready.message ? ` ${ready.message}` : ''}`,
          runbook_url: 'https://gitlab.com/uneeq-oss/cert-manager-mixin/-/blob/master/RUNBOOK.md#certmanagercertnotready',
        },
        expr: 'max by (name, exported_namespace, namespace, condition) (certmanager_certificate_ready_status{condition!="True"} == 1)',
        since: at(ready.lastTransitionTime),
        forMs: 10 * MIN,
      });
    }
  }
  return out;
}

/** A target whose pods are all down: `up == 0` for the Box's own scrape jobs. */
function targetDown(v: RuleView, warnings: Map<string, number>, ns: string, app: string, alertname: string, severity: string, summary: string, description: string): Candidate[] {
  const pods = appPods(v.pods, ns, app);
  if (pods.some(podReady)) return [];
  const pod = pods[0]?.metadata.name;
  return [{
    labels: { alertname, job: app, namespace: ns, ...(pod ? { pod } : {}), severity },
    annotations: { summary, description, runbook_url: `https://docs.sunbeam.example/runbooks/${alertname.toLowerCase()}` },
    expr: `up{job="${app}",namespace="${ns}"} == 0 or absent(up{job="${app}",namespace="${ns}"})`,
    since: earliest(...pods.map((p) => warnings.get(`${ns}/${p.metadata.name}`))) ?? earliest(...pods.map((p) => at(getCondition(p, 'Ready')?.lastTransitionTime))),
    forMs: 2 * MIN,
  }];
}

function boxTargets(v: RuleView, warnings: Map<string, number>): Candidate[] {
  return [
    ...targetDown(v, warnings, 'storage', 'seaweedfs-volume', 'SeaweedFSVolumeServerDown', 'critical', 'SeaweedFS volume server is down.',
      'No volume server of storage/seaweedfs-volume is up: the filer cannot store or read objects (drive, gitea LFS, attachments).'),
    ...targetDown(v, warnings, 'linkerd', 'linkerd-destination', 'LinkerdDestinationDown', 'critical', 'Linkerd destination service is down.',
      'linkerd/linkerd-destination has no ready pod: meshed proxies cannot resolve their endpoints and requests through the ingress fail with 502.'),
    ...targetDown(v, warnings, 'monitoring', 'matrix-alertmanager-receiver', 'MatrixAlertmanagerReceiverDown', 'critical', 'The Matrix alert receiver is down.',
      'monitoring/matrix-alertmanager-receiver has no ready pod: AlertManager cannot deliver notifications to the ops room.'),
  ];
}

function failedToSend(v: RuleView): Candidate[] {
  const answer = receiverAnswer(v.pods, v.world);
  if (answer === 'ok') return [];
  return [{
    labels: { alertname: 'AlertmanagerFailedToSendAlerts', integration: 'webhook', job: 'alertmanager', namespace: 'monitoring', pod: 'alertmanager-0', severity: 'warning' },
    annotations: {
      summary: 'An Alertmanager instance failed to send notifications.',
      description: `Alertmanager monitoring/alertmanager-0 failed to send 100% of notifications to webhook.`,
      runbook_url: `${RUNBOOKS}/alertmanager/alertmanagerfailedtosendalerts`,
    },
    expr: '(rate(alertmanager_notifications_failed_total{job="alertmanager",namespace="monitoring"}[5m]) / ignoring (reason) group_left () rate(alertmanager_notifications_total{job="alertmanager",namespace="monitoring"}[5m])) > 0.01',
    forMs: 5 * MIN,
  }];
}

/** Every rule's alerts whose condition holds now. */
export function evaluateRules(v: RuleView): Candidate[] {
  const warnings = firstWarnings(v.store);
  return [
    ...watchdog(v),
    ...crashLooping(v, warnings),
    ...notReady(v, warnings),
    ...cnpgOffline(v, warnings),
    ...cnpgHighConnections(v),
    ...openbaoSealed(v, warnings),
    ...certificates(v),
    ...boxTargets(v, warnings),
    ...failedToSend(v),
  ];
}
