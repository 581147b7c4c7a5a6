// The Job and CronJob controllers: one pod per Job, run to completion, the Job's status; CronJobs on schedule.
import { randomSuffix } from '../k8s/object-store.js';
import type { Ctx } from './context.js';
import { nextRun } from './cron.js';
import { newPod } from './pods.js';
import { active, iso, ownedBy, podReady, refTo } from './util.js';

/** A Job runs one pod to completion (`kubectl create job --from=cronjob/...`). */
export function runJob(ctx: Ctx, ns: string, name: string): void {
  const { store } = ctx;
  const j = store.get('jobs.batch', ns, name);
  if (!j || j.metadata.deletionTimestamp || j.status?.completionTime) return;
  const uid = j.metadata.uid!;
  const labels = { 'batch.kubernetes.io/job-name': name, 'job-name': name, 'batch.kubernetes.io/controller-uid': uid, 'controller-uid': uid };
  let pods = store.list('pods', ns).filter((p) => ownedBy(p, j));
  if (!pods.length) {
    const tpl = structuredClone(j.spec.template ?? {});
    tpl.spec = { restartPolicy: 'Never', ...tpl.spec };
    const pod = newPod(tpl, ns, `${name}-${randomSuffix(5)}`, labels, refTo('jobs.batch', j), iso(ctx.now()));
    pod.metadata.generateName = `${name}-`;
    store.create('pods', pod);
    ctx.events.record(j, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, { component: 'job-controller' });
    pods = store.list('pods', ns).filter((p) => ownedBy(p, j));
  }
  const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
  const activePods = pods.filter((p) => active(p) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const now = iso(ctx.now());
  const done = succeeded >= (j.spec.completions ?? 1);
  store.mutate('jobs.batch', ns, name, (o) => {
    o.status = {
      ...o.status,
      startTime: o.status?.startTime ?? now,
      active: activePods.length,
      ready: activePods.filter(podReady).length,
      succeeded,
      terminating: 0,
      uncountedTerminatedPods: {},
    };
    if (!o.status.active) delete o.status.active;
    if (done) {
      o.status.completionTime = now;
      o.status.conditions = ['SuccessCriteriaMet', 'Complete'].map((type) => ({ type, status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: now, lastTransitionTime: now }));
    }
  }, true);
  if (done) ctx.events.record(j, 'Normal', 'Completed', 'Job completed', { component: 'job-controller' });
}

/**
 * CronJobs create a Job at their (five-field) schedule time, keeping successfulJobsHistoryLimit finished
 * Jobs. Returns a function that stops arming new runs.
 */
export function armCronJobs(ctx: Ctx): () => void {
  const cancels = new Map<string, () => void>();
  const arm = (ns: string, name: string) => {
    cancels.get(`${ns}/${name}`)?.();
    const cj = ctx.store.get('cronjobs.batch', ns, name);
    const next = cj && !cj.spec?.suspend ? nextRun(`0 ${cj.spec?.schedule ?? ''}`, ctx.now()) : undefined;
    if (!cj || !next) return;
    cancels.set(`${ns}/${name}`, ctx.sched.at(next, () => {
      const cur = ctx.store.get('cronjobs.batch', ns, name);
      if (!cur || cur.metadata.uid !== cj.metadata.uid) return;
      const jobName = `${name}-${Math.floor(next.getTime() / 60_000)}`;
      if (!ctx.store.get('jobs.batch', ns, jobName)) {
        ctx.store.create('jobs.batch', {
          metadata: { name: jobName, namespace: ns, labels: { 'batch.kubernetes.io/job-name': jobName, 'job-name': jobName }, ownerReferences: [refTo('cronjobs.batch', cur)] },
          spec: structuredClone(cur.spec.jobTemplate?.spec ?? {}),
        });
        ctx.events.record(cur, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`, { component: 'cronjob-controller' });
        ctx.store.mutate('cronjobs.batch', ns, name, (o) => void (o.status = { ...o.status, lastScheduleTime: iso(next) }), true);
      }
      const limit = cur.spec.successfulJobsHistoryLimit ?? 3;
      const done = ctx.store
        .list('jobs.batch', ns)
        .filter((j) => ownedBy(j, cur) && j.status?.completionTime)
        .sort((a, b) => a.metadata.creationTimestamp!.localeCompare(b.metadata.creationTimestamp!));
      for (const j of done.slice(0, Math.max(0, done.length - limit))) ctx.store.delete('jobs.batch', ns, j.metadata.name);
      arm(ns, name);
    }));
  };
  for (const cj of ctx.store.list('cronjobs.batch')) arm(cj.metadata.namespace!, cj.metadata.name);
  const unsub = ctx.store.subscribe((e) => {
    if (e.key === 'cronjobs.batch' && e.type !== 'DELETED' && JSON.stringify(e.object.spec) !== JSON.stringify(e.old?.spec)) {
      ctx.sched.soon(`cj/${e.object.metadata.namespace}/${e.object.metadata.name}`, () => arm(e.object.metadata.namespace!, e.object.metadata.name));
    }
  });
  return () => {
    unsub();
    for (const c of cancels.values()) c();
  };
}
