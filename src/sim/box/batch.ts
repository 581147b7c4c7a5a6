// The Job controller: one pod per Job, run to completion, and the Job's status.
import { randomSuffix } from '../k8s/object-store.js';
import type { Ctx } from './context.js';
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
