// The kubelet: every pod's lifecycle (Pending -> ContainerCreating -> Running -> Ready, crash loops with
// back-off, readiness failures, graceful termination), with health derived causally from the World.
import type { K8sObject, StoreEvent } from '../k8s/object-store.js';
import type { ContainerKind } from './catalog.js';
import type { Ctx } from './context.js';
import { type DepsUp, type Verdict, depsFromStore, depsFromWorld, verdictFor } from './health.js';
import { type ContainerRun, containerKindOf, newContainerId, podStatus } from './pods.js';
import { between, int, iso } from './util.js';

const SRC = { component: 'kubelet', host: 'sunbeam-1' };
const BACKOFF_BASE = 5_000;
const BACKOFF_CAP = 20_000;

type Stage = 'scheduling' | 'creating' | 'configError' | 'running' | 'crashed' | 'backoff' | 'terminating' | 'done';

interface Rt {
  ns: string;
  name: string;
  uid: string;
  kind: ContainerKind;
  stage: Stage;
  run: ContainerRun;
  scheduledAt: string;
  startTime?: string;
  readySince?: string;
  podIP?: string;
  /** Real ms when the current container started. */
  runningSince: number;
  crashes: number;
  crashPending: boolean;
  /** The current container instance has been ready once. */
  readyOnce?: boolean;
  lastUnhealthy: number;
  cancel?: () => void;
}

export class Kubelet {
  private readonly pods = new Map<string, Rt>();
  private unsubscribe?: () => void;

  constructor(private readonly ctx: Ctx) {}

  /** While seeding: give every new pod its steady state for the scenario at once. */
  seedAll(): void {
    const deps = depsFromWorld(this.ctx.world);
    for (const pod of this.ctx.store.list('pods')) {
      if (pod.status?.startTime || this.pods.has(pod.metadata.uid!)) continue;
      this.seedPod(pod, deps);
    }
  }

  private seedPod(pod: K8sObject, deps: DepsUp): void {
    const container = pod.spec.containers[0].name;
    const kind = containerKindOf(pod, container);
    const created = Date.parse(pod.metadata.creationTimestamp!);
    const v = verdictFor(pod, kind, this.ctx.world, deps);
    const startedMs = created + int(4, 25) * 1000;
    const rt = this.newRt(pod, kind);
    rt.scheduledAt = iso(created + 1000);
    rt.startTime = iso(created + 1000);
    rt.podIP = this.ctx.ips.take();
    rt.run.containerID = newContainerId();
    const missing = this.missingSecret(pod);
    if (missing) {
      const now = this.ctx.now().getTime();
      rt.stage = 'configError';
      rt.run = { state: 'waiting', ready: false, reason: 'CreateContainerConfigError', message: `secret "${missing}" not found`, restartCount: 0 };
      rt.readySince = rt.startTime;
      this.ctx.events.seed(pod, 'Warning', 'Failed', `Error: secret "${missing}" not found`, SRC, new Date(now - int(15, 40) * 60_000), new Date(now - 4000), int(40, 120), `spec.containers{${container}}`);
    } else if (v.type === 'crash') {
      const now = this.ctx.now().getTime();
      rt.crashes = int(5, 14);
      rt.run = {
        state: 'waiting',
        ready: false,
        reason: 'CrashLoopBackOff',
        message: this.backoffMessage(rt, container),
        restartCount: rt.crashes,
        containerID: rt.run.containerID,
        lastTerminated: { exitCode: v.exitCode, reason: 'Error', startedAt: iso(now - int(8, 20) * 1000), finishedAt: iso(now - int(2, 6) * 1000) },
      };
      rt.stage = 'backoff';
      rt.readySince = rt.run.lastTerminated!.finishedAt;
      this.ctx.logs.seedCrashes(pod, container, kind, v.cause, new Date(Date.parse(rt.run.lastTerminated!.startedAt)));
      const first = new Date(now - int(15, 40) * 60_000);
      this.ctx.events.seed(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${container} in pod ${rt.name}_${rt.ns}(${rt.uid})`, SRC, first, new Date(now - 3000), rt.crashes * 3, `spec.containers{${container}}`);
    } else {
      rt.run = { state: 'running', ready: v.type === 'ok', startedAt: iso(startedMs), restartCount: 0, containerID: rt.run.containerID };
      rt.readySince = iso(startedMs + int(2, 9) * 1000);
      rt.stage = 'running';
      this.ctx.logs.started(pod, container, kind, new Date(startedMs), false);
      if (v.type === 'notReady') {
        const now = this.ctx.now().getTime();
        this.ctx.events.seed(pod, 'Warning', 'Unhealthy', v.probe, SRC, new Date(now - int(15, 40) * 60_000), new Date(now - 5000), int(60, 200), `spec.containers{${container}}`);
      }
    }
    this.pods.set(rt.uid, rt);
    this.write(rt);
  }

  start(): void {
    this.unsubscribe = this.ctx.store.subscribe((e) => this.onEvent(e));
    for (const pod of this.ctx.store.list('pods')) {
      const rt = this.pods.get(pod.metadata.uid!);
      if (!rt) {
        if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
        this.track(pod);
      } else if (rt.stage === 'backoff') {
        // seeded crash loops exited a few seconds ago: the rest of their back-off is still ahead
        const b = this.backoff(rt);
        rt.cancel = this.ctx.sched.after(between(0.7 * b, 0.9 * b), () => this.restartContainer(rt));
      } else if (rt.stage === 'configError') {
        rt.cancel = this.ctx.sched.after(between(1_000, 3_000), () => this.startContainer(rt, false));
      }
    }
    this.ctx.sched.every(1000, () => this.probe(), 20);
  }

  stop(): void {
    this.unsubscribe?.();
    for (const rt of this.pods.values()) rt.cancel?.();
  }

  private newRt(pod: K8sObject, kind: ContainerKind): Rt {
    return {
      ns: pod.metadata.namespace!,
      name: pod.metadata.name,
      uid: pod.metadata.uid!,
      kind,
      stage: 'scheduling',
      run: { state: 'waiting', ready: false, reason: 'ContainerCreating', restartCount: 0 },
      scheduledAt: iso(this.ctx.now()),
      runningSince: 0,
      crashes: 0,
      crashPending: false,
      lastUnhealthy: 0,
    };
  }

  private onEvent(e: StoreEvent): void {
    if (e.key !== 'pods') return;
    const pod = e.object;
    const rt = this.pods.get(pod.metadata.uid!);
    if (e.type === 'ADDED') {
      if (!rt && pod.status?.phase !== 'Succeeded') this.track(pod);
    } else if (e.type === 'MODIFIED') {
      if (pod.metadata.deletionTimestamp && rt && rt.stage !== 'terminating') this.terminate(rt, pod);
    } else if (e.type === 'DELETED') {
      if (rt) {
        rt.cancel?.();
        this.pods.delete(rt.uid);
      }
      this.ctx.logs.removed(pod.metadata.namespace!, pod.metadata.name);
    }
  }

  private get(rt: Rt): K8sObject | undefined {
    const p = this.ctx.store.get('pods', rt.ns, rt.name);
    return p && p.metadata.uid === rt.uid ? p : undefined;
  }

  private container(pod: K8sObject): string {
    return pod.spec?.containers?.[0]?.name ?? 'main';
  }

  private track(pod: K8sObject): void {
    const rt = this.newRt(pod, containerKindOf(pod, this.container(pod)));
    this.pods.set(rt.uid, rt);
    if (pod.metadata.deletionTimestamp) return this.terminate(rt, pod);
    rt.cancel = this.ctx.sched.after(between(150, 400), () => this.schedule(rt));
  }

  private schedule(rt: Rt): void {
    const pod = this.get(rt);
    if (!pod) return;
    rt.scheduledAt = iso(this.ctx.now());
    this.ctx.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${rt.ns}/${rt.name} to sunbeam-1`, { component: 'default-scheduler' });
    this.write(rt);
    rt.cancel = this.ctx.sched.after(between(200, 500), () => {
      rt.stage = 'creating';
      rt.startTime = iso(this.ctx.now());
      rt.podIP = this.ctx.ips.take();
      this.write(rt);
      rt.cancel = this.ctx.sched.after(between(700, 1500), () => this.startContainer(rt, false));
    });
  }

  /** The first Secret the container's environment needs that does not exist (kubelet: CreateContainerConfigError). */
  private missingSecret(pod: K8sObject): string | undefined {
    const refs: string[] = [];
    for (const c of pod.spec?.containers ?? []) {
      for (const e of c.envFrom ?? []) if (e.secretRef?.name && !e.secretRef.optional) refs.push(e.secretRef.name);
      for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef?.name && !e.valueFrom.secretKeyRef.optional) refs.push(e.valueFrom.secretKeyRef.name);
    }
    return refs.find((name) => !this.ctx.store.get('secrets', pod.metadata.namespace, name));
  }

  private configError(rt: Rt, pod: K8sObject, secret: string, restart: boolean): void {
    const c = pod.spec.containers[0];
    const message = `secret "${secret}" not found`;
    if (rt.stage !== 'configError') {
      rt.stage = 'configError';
      rt.run = { state: 'waiting', ready: false, reason: 'CreateContainerConfigError', message, restartCount: rt.run.restartCount, lastTerminated: rt.run.lastTerminated, containerID: rt.run.containerID };
      this.write(rt);
    }
    this.ctx.events.record(pod, 'Warning', 'Failed', `Error: ${message}`, SRC, `spec.containers{${c.name}}`);
    rt.cancel = this.ctx.sched.after(between(2_000, 4_000), () => this.startContainer(rt, restart));
  }

  private startContainer(rt: Rt, restart: boolean): void {
    const pod = this.get(rt);
    if (!pod || rt.stage === 'terminating') return;
    const c = pod.spec.containers[0];
    const missing = this.missingSecret(pod);
    if (missing) return this.configError(rt, pod, missing, restart);
    const field = `spec.containers{${c.name}}`;
    this.ctx.events.record(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, SRC, field);
    this.ctx.events.record(pod, 'Normal', 'Created', `Created container: ${c.name}`, SRC, field);
    this.ctx.events.record(pod, 'Normal', 'Started', `Started container ${c.name}`, SRC, field);
    const now = this.ctx.now();
    rt.stage = 'running';
    rt.crashPending = false;
    rt.readyOnce = false;
    rt.runningSince = this.ctx.sched.now();
    rt.run = {
      state: 'running',
      ready: false,
      startedAt: iso(now),
      restartCount: restart ? rt.run.restartCount + 1 : rt.run.restartCount,
      lastTerminated: rt.run.lastTerminated,
      containerID: newContainerId(),
    };
    this.ctx.logs.started(pod, c.name, rt.kind, now, restart);
    // OpenBao uses Shamir seals: a fresh server process starts sealed
    if (rt.kind === 'openbao') this.ctx.world.bao.restarted(rt.name);
    this.write(rt);
    rt.cancel = this.ctx.sched.after(between(500, 1000), () => this.evaluate(rt, depsFromStore(this.ctx.store, this.ctx.world)));
  }

  /** The periodic readiness probe of every running container. */
  private probe(): void {
    const deps = depsFromStore(this.ctx.store, this.ctx.world);
    for (const rt of this.pods.values()) if (rt.stage === 'running' && !rt.crashPending) this.evaluate(rt, deps);
  }

  private evaluate(rt: Rt, deps: DepsUp): void {
    if (rt.stage !== 'running') return;
    const pod = this.get(rt);
    if (!pod) return;
    const v: Verdict = verdictFor(pod, rt.kind, this.ctx.world, deps);
    if (v.type === 'ok' && pod.metadata.ownerReferences?.some((r) => r.kind === 'Job') && !rt.crashPending) {
      // a Job's pod runs to completion
      rt.crashPending = true;
      rt.cancel = this.ctx.sched.after(between(1_500, 3_000), () => this.complete(rt));
      return;
    }
    if (v.type === 'crash') {
      rt.crashPending = true;
      rt.cancel?.();
      rt.cancel = this.ctx.sched.after(rt.run.ready ? 200 : between(300, 800), () => this.crash(rt, v.exitCode, v.cause));
      return;
    }
    if (v.type === 'notReady') {
      if (rt.run.ready) {
        rt.run.ready = false;
        rt.readySince = iso(this.ctx.now());
        this.write(rt);
      }
      if (this.ctx.sched.now() - rt.lastUnhealthy > this.ctx.sched.scale(10_000)) {
        rt.lastUnhealthy = this.ctx.sched.now();
        this.ctx.events.record(pod, 'Warning', 'Unhealthy', v.probe, SRC, `spec.containers{${this.container(pod)}}`);
      }
      return;
    }
    if (!rt.run.ready) {
      if (!rt.readyOnce) this.ctx.logs.ready(pod, this.container(pod), rt.kind);
      rt.readyOnce = true;
      rt.run.ready = true;
      rt.crashes = 0;
      rt.readySince = iso(this.ctx.now());
      this.write(rt);
    }
  }

  private crash(rt: Rt, exitCode: number, cause: import('./health.js').CrashCause): void {
    const pod = this.get(rt);
    if (!pod || rt.stage !== 'running') return;
    const c = this.container(pod);
    this.ctx.logs.crashed(pod, c, rt.kind, cause);
    this.ctx.logs.stopped(rt.ns, rt.name, c);
    const now = iso(this.ctx.now());
    const last = { exitCode, reason: 'Error', startedAt: rt.run.startedAt ?? now, finishedAt: now };
    rt.stage = 'crashed';
    rt.crashes++;
    rt.run = { state: 'terminated', ready: false, exitCode, reason: 'Error', startedAt: last.startedAt, finishedAt: now, restartCount: rt.run.restartCount, lastTerminated: rt.run.lastTerminated, containerID: rt.run.containerID };
    rt.readySince = now;
    this.write(rt);
    rt.cancel = this.ctx.sched.after(300, () => {
      const p = this.get(rt);
      if (!p || rt.stage !== 'crashed') return;
      rt.stage = 'backoff';
      rt.run = { state: 'waiting', ready: false, reason: 'CrashLoopBackOff', message: this.backoffMessage(rt, c), restartCount: rt.run.restartCount, lastTerminated: last, containerID: rt.run.containerID };
      this.ctx.events.record(p, 'Warning', 'BackOff', `Back-off restarting failed container ${c} in pod ${rt.name}_${rt.ns}(${rt.uid})`, SRC, `spec.containers{${c}}`);
      this.write(rt);
      rt.cancel = this.ctx.sched.after(this.backoff(rt), () => this.restartContainer(rt));
    });
  }

  private complete(rt: Rt): void {
    const pod = this.get(rt);
    if (!pod || rt.stage !== 'running') return;
    const c = this.container(pod);
    this.ctx.logs.completed(pod, c);
    this.ctx.logs.stopped(rt.ns, rt.name, c);
    const now = iso(this.ctx.now());
    rt.stage = 'done';
    rt.run = { state: 'terminated', ready: false, exitCode: 0, reason: 'Completed', startedAt: rt.run.startedAt, finishedAt: now, restartCount: rt.run.restartCount, containerID: rt.run.containerID };
    rt.readySince = now;
    this.write(rt);
  }

  private restartContainer(rt: Rt): void {
    if (rt.stage !== 'backoff') return;
    this.startContainer(rt, true);
  }

  private backoff(rt: Rt): number {
    return Math.min(BACKOFF_CAP, BACKOFF_BASE * 2 ** Math.max(0, rt.crashes - 1));
  }

  private backoffMessage(rt: Rt, container: string): string {
    const secs = Math.round(Math.min(BACKOFF_CAP, BACKOFF_BASE * 2 ** Math.max(0, rt.crashes - 1)) / 1000) * 2;
    return `back-off ${secs}s restarting failed container=${container} pod=${rt.name}_${rt.ns}(${rt.uid})`;
  }

  private terminate(rt: Rt, pod: K8sObject): void {
    rt.cancel?.();
    rt.stage = 'terminating';
    // the server process stops: that replica leaves the Raft cluster (a leader gives way to a standby)
    if (rt.kind === 'openbao') this.ctx.world.bao.stopped(rt.name);
    const c = this.container(pod);
    if (rt.run.state === 'running') {
      this.ctx.events.record(pod, 'Normal', 'Killing', `Stopping container ${c}`, SRC, `spec.containers{${c}}`);
    }
    this.ctx.logs.stopped(rt.ns, rt.name, c);
    rt.cancel = this.ctx.sched.after(between(700, 1300), () => {
      this.ctx.store.finalize('pods', rt.ns, rt.name);
    });
  }

  private write(rt: Rt): void {
    this.ctx.store.mutate(
      'pods',
      rt.ns,
      rt.name,
      (p) => {
        if (p.metadata.uid !== rt.uid) return false;
        const neverRan = rt.stage === 'scheduling' || rt.stage === 'creating' || (rt.stage === 'configError' && !rt.run.lastTerminated && rt.run.restartCount === 0);
        const phase = neverRan ? 'Pending' : rt.stage === 'done' ? 'Succeeded' : 'Running';
        p.status = podStatus(p, {
          phase,
          scheduledAt: rt.scheduledAt,
          startTime: rt.startTime,
          initializedAt: rt.startTime,
          readySince: rt.readySince,
          podIP: rt.podIP,
          run: rt.run,
        });
      },
      true,
    );
  }
}
