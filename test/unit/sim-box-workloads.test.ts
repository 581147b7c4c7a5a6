import { describe, expect, it } from 'vitest';
import type { K8sObject, ObjectStore } from '../../src/sim/k8s/object-store.js';
import { boot, cond, podsOf, ready, until } from './sim-box-helpers.js';

const RESTART = 'kubectl.kubernetes.io/restartedAt';

function restart(store: ObjectStore, key: string, ns: string, name: string): void {
  store.mutate(key, ns, name, (o) => {
    o.spec.template.metadata.annotations = { ...o.spec.template.metadata.annotations, [RESTART]: new Date().toISOString() };
  });
}

/** What `kubectl rollout status deployment` checks before it reports success. */
function deploymentRolledOut(d: K8sObject | undefined): boolean {
  if (!d || (d.status?.observedGeneration ?? 0) < d.metadata.generation!) return false;
  const s = d.status;
  const want = d.spec.replicas;
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && (s.availableReplicas ?? 0) === (s.updatedReplicas ?? 0) && cond(d, 'Progressing')?.reason === 'NewReplicaSetAvailable';
}

/** What `kubectl rollout status statefulset` checks. */
function statefulSetRolledOut(s: K8sObject | undefined): boolean {
  if (!s || !s.status?.observedGeneration || s.metadata.generation! > s.status.observedGeneration) return false;
  return (s.status.readyReplicas ?? 0) >= s.spec.replicas && s.status.updateRevision === s.status.currentRevision;
}

describe('workload controllers', () => {
  it('rollout restart of a Deployment replaces its pods one by one and ends as kubectl rollout status wants', async () => {
    const { store } = boot();
    const before = podsOf(store, 'messages', 'messages').map((p) => p.metadata.name);
    const gen = store.get('deployments.apps', 'messages', 'messages')!.metadata.generation!;
    let maxPods = 0;
    let minReady = 99;
    const unsub = store.subscribe((e) => {
      if (e.key !== 'pods' || e.object.metadata.namespace !== 'messages') return;
      const pods = podsOf(store, 'messages', 'messages').filter((p) => !p.metadata.deletionTimestamp);
      maxPods = Math.max(maxPods, pods.length);
      minReady = Math.min(minReady, pods.filter(ready).length);
    });
    restart(store, 'deployments.apps', 'messages', 'messages');
    const d = await until('the rollout to finish', () => {
      const x = store.get('deployments.apps', 'messages', 'messages');
      return deploymentRolledOut(x) && (x!.metadata.generation ?? 0) > gen && podsOf(store, 'messages', 'messages').length === 2 && x;
    });
    unsub();
    const after = podsOf(store, 'messages', 'messages');
    expect(after.every(ready)).toBe(true);
    expect(after.map((p) => p.metadata.name).some((n) => before.includes(n))).toBe(false);
    // one by one: never more than replicas + 1 pods, never fewer than replicas Ready (maxUnavailable 0 at 2 replicas)
    expect(maxPods).toBe(3);
    expect(minReady).toBeGreaterThanOrEqual(2);
    const rss = store.list('replicasets.apps', 'messages').filter((r) => r.metadata.name.startsWith('messages-') && !r.metadata.name.startsWith('messages-worker'));
    expect(rss).toHaveLength(2);
    const newRs = rss.find((r) => r.spec.replicas === 2)!;
    expect(newRs.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(rss.find((r) => r !== newRs)!.spec.replicas).toBe(0);
    expect(after.every((p) => p.metadata.name.startsWith(newRs.metadata.name))).toBe(true);
    expect(d.status.observedGeneration).toBe(d.metadata.generation);
    const events = store.list('events', 'messages').map((e) => `${e.reason}: ${e.message}`);
    expect(events.some((e) => /^ScalingReplicaSet: Scaled up replica set messages-\w+ from 0 to 1$/.test(e))).toBe(true);
    expect(events.some((e) => /^ScalingReplicaSet: Scaled down replica set messages-\w+ from 2 to 1$/.test(e))).toBe(true);
    expect(events.some((e) => e.startsWith('Killing: Stopping container django'))).toBe(true);
    expect(events.some((e) => e.startsWith('SuccessfulCreate: Created pod: messages-'))).toBe(true);
  });

  it('rollout restart of a StatefulSet replaces the pod and ends with currentRevision == updateRevision', async () => {
    const { store } = boot();
    const old = store.get('pods', 'monitoring', 'prometheus-0')!;
    const rev0 = store.get('statefulsets.apps', 'monitoring', 'prometheus')!.status.updateRevision;
    restart(store, 'statefulsets.apps', 'monitoring', 'prometheus');
    await until('the new revision to be recorded', () => store.get('statefulsets.apps', 'monitoring', 'prometheus')!.status.updateRevision !== rev0);
    expect(statefulSetRolledOut(store.get('statefulsets.apps', 'monitoring', 'prometheus'))).toBe(false);
    const s = await until('the sts rollout', () => {
      const x = store.get('statefulsets.apps', 'monitoring', 'prometheus');
      const p = store.get('pods', 'monitoring', 'prometheus-0');
      return statefulSetRolledOut(x) && p && p.metadata.uid !== old.metadata.uid && ready(p) && x;
    });
    expect(s.status.updateRevision).not.toBe(rev0);
    expect(store.get('pods', 'monitoring', 'prometheus-0')!.metadata.labels?.['controller-revision-hash']).toBe(s.status.updateRevision);
    expect(store.get('controllerrevisions.apps', 'monitoring', s.status.updateRevision)).toBeDefined();
  });

  it('recreates a deleted pod: a new name for ReplicaSet pods, the same name for StatefulSet pods', async () => {
    const { store } = boot();
    const victim = podsOf(store, 'gitea', 'gitea')[0]!;
    store.delete('pods', 'gitea', victim.metadata.name, { graceful: true });
    expect(store.get('pods', 'gitea', victim.metadata.name)!.metadata.deletionTimestamp).toBeTruthy();
    await until('a replacement gitea pod', () => {
      const pods = podsOf(store, 'gitea', 'gitea');
      return pods.length === 1 && pods[0]!.metadata.name !== victim.metadata.name && ready(pods[0]) && pods;
    });
    const phases = new Set<string>();
    const unsub = store.subscribe((e) => {
      if (e.key === 'pods' && e.object.metadata.name === 'loki-0') {
        const cs = e.object.status?.containerStatuses?.[0];
        phases.add(`${e.object.status?.phase}/${cs?.state?.waiting?.reason ?? (cs?.state?.running ? (cs.ready ? 'ready' : 'running') : '-')}`);
      }
    });
    const loki = store.get('pods', 'monitoring', 'loki-0')!;
    store.delete('pods', 'monitoring', 'loki-0', { graceful: true });
    await until('loki-0 back', () => {
      const p = store.get('pods', 'monitoring', 'loki-0');
      return p && p.metadata.uid !== loki.metadata.uid && ready(p);
    });
    unsub();
    expect([...phases]).toEqual(expect.arrayContaining(['Pending/-', 'Pending/ContainerCreating', 'Running/running', 'Running/ready']));
    const sts = await until('the sts status', () => {
      const s = store.get('statefulsets.apps', 'monitoring', 'loki');
      return s?.status.readyReplicas === 1 && s;
    });
    expect(sts.status.currentRevision).toBe(sts.status.updateRevision);
  });

  it('a DaemonSet gets its one pod, and a template change replaces it', async () => {
    const { store } = boot();
    store.create('daemonsets.apps', {
      metadata: { name: 'node-exporter', namespace: 'monitoring' },
      spec: {
        selector: { matchLabels: { app: 'node-exporter' } },
        template: { metadata: { labels: { app: 'node-exporter' } }, spec: { containers: [{ name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2', resources: { requests: { cpu: '10m' } } }] } },
      },
    });
    const first = await until('the pod', () => podsOf(store, 'monitoring', 'node-exporter').find(ready));
    expect(first.metadata.name).toMatch(/^node-exporter-[a-z0-9]{5}$/);
    await until('the status', () => store.get('daemonsets.apps', 'monitoring', 'node-exporter')?.status?.numberReady === 1);
    restart(store, 'daemonsets.apps', 'monitoring', 'node-exporter');
    await until('the replacement', () => {
      const pods = podsOf(store, 'monitoring', 'node-exporter');
      return pods.length === 1 && pods[0]!.metadata.uid !== first.metadata.uid && ready(pods[0]);
    });
    const ds = await until('the status', () => {
      const d = store.get('daemonsets.apps', 'monitoring', 'node-exporter');
      return d?.status?.updatedNumberScheduled === 1 && d.status.numberReady === 1 && d;
    });
    expect(ds.status.observedGeneration).toBe(ds.metadata.generation);
  });

  it('rollout undo returns to the previous ReplicaSet, which becomes the newest revision', async () => {
    const { store } = boot();
    const first = store.list('replicasets.apps', 'mail')[0]!;
    restart(store, 'deployments.apps', 'mail', 'postfix');
    await until('the restart', () => deploymentRolledOut(store.get('deployments.apps', 'mail', 'postfix')) && store.list('replicasets.apps', 'mail').length === 2);
    // what kubectl rollout undo does: the old ReplicaSet's template without pod-template-hash, with key order and nulls as JSON gives them
    const template = JSON.parse(JSON.stringify({ metadata: { creationTimestamp: null, ...first.spec.template.metadata }, spec: first.spec.template.spec }));
    delete template.metadata.labels['pod-template-hash'];
    store.mutate('deployments.apps', 'mail', 'postfix', (d) => void (d.spec.template = template));
    const d = await until('the undo', () => {
      const x = store.get('deployments.apps', 'mail', 'postfix');
      return deploymentRolledOut(x) && store.get('replicasets.apps', 'mail', first.metadata.name)!.spec.replicas === 1 && x;
    });
    expect(store.list('replicasets.apps', 'mail')).toHaveLength(2);
    expect(store.get('replicasets.apps', 'mail', first.metadata.name)!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('a Job made from a CronJob runs one pod to completion (kubectl create job --from=cronjob/...)', async () => {
    const { store, box } = boot();
    const cj = store.get('cronjobs.batch', 'gitea', 'gitea-backup')!;
    store.create('jobs.batch', { metadata: { name: 'gitea-backup-manual', namespace: 'gitea', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid!, controller: true }] }, spec: cj.spec.jobTemplate.spec });
    const job = await until('the job to complete', () => {
      const j = store.get('jobs.batch', 'gitea', 'gitea-backup-manual');
      return j?.status?.succeeded === 1 && j.status.completionTime && j;
    });
    expect(job.status.conditions.map((c: any) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    const pod = store.list('pods', 'gitea').find((p) => p.metadata.labels?.['job-name'] === 'gitea-backup-manual')!;
    expect(pod.status.phase).toBe('Succeeded');
    expect(pod.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(box.logs.history('gitea', pod.metadata.name, 'gitea-backup', false)!.map((l) => l.text).join('\n')).toContain('Finish dumping in file');
  });
});
