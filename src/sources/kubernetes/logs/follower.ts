// The stern-style follower: every container of every pod of NS/NAME at once. A list + watch of the target's
// pods (its label selector, or the pod's name) starts each container's log when it has one (running, or
// terminated), so a rollout restart's new pods join the stream and pods that go away end theirs. A log that
// ends while its container still runs (same restartCount, not terminated) is a dropped connection: it resumes
// from its last line's time with backoff and jitter, skipping what it already had (resume.ts). A restarted
// container is followed again from its new start. At most maxStreams logs are open at once (stern's 50).
//
// Without follow it reads what is there once (each container's window) and finishes; with previous, each
// container's previous instance once.
import { ListWatch, type KubernetesObject, type V1ContainerStatus, type V1Pod } from '@kubernetes/client-node';
import type { KubeClients } from '../../../kube/client.js';
import type { LogRecord } from '../../../logs/record.js';
import type { LogStream } from '../../../store/index.js';
import { createBackoff, type Backoff } from '../../core/backoff.js';
import { StoppableWatch } from '../stoppable-watch.js';
import { openContainerLog, type ContainerLogHandle, type ContainerLogRequest } from './container-log.js';
import { advance, resumeSince, resumeSkipper, type ResumePoint } from './resume.js';
import { apiCode, apiFailureSentence, describeTarget, LogTargetError, resolveLogTarget, type LogTarget, type ResolveOptions } from './target.js';

export interface FollowerSpec {
  namespace: string;
  name: string;
  /** Only this container. */
  container?: string;
  /** Init containers too (stern's --init-containers); default not. */
  initContainers?: boolean;
  /** Each container's previous instance, read once. */
  previous?: boolean;
  /** Keep following (new lines, new pods); false: read what is there and finish. */
  follow: boolean;
  /** The window of the containers already there when it opens (later ones are read from their start). */
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC3339; wins over sinceSeconds. */
  sinceTime?: string;
  /** Try this kind first when resolving the name. */
  preferKind?: string;
}

export interface FollowerEvents {
  /** What the name is, with its pod count (again whenever the count changes). */
  onTarget?(target: LogTarget, describe: string): void;
  onLine(record: LogRecord): void;
  /** The streams and their states, after every change. */
  onStreams?(streams: LogStream[], resumes: number): void;
  /** One sentence (undefined: the last one no longer holds); fatal: there is nothing to follow (not found, forbidden). */
  onError?(sentence: string | undefined, fatal: boolean): void;
}

export interface FollowerOptions {
  /** Open container logs at most (default 50, as stern). */
  maxStreams?: number;
  /** Backoff between resumes and re-lists (ms), default 500 doubling to 10000, with jitter. */
  backoffMs?: [number, number];
  statusHint?: ResolveOptions['statusHint'];
}

export interface Follower {
  stop(): void;
  /** Resolves when a one-time read has read everything, when it cannot start, or on stop. */
  readonly done: Promise<void>;
}

export const MAX_LOG_STREAMS = 50;

/** One instance (restartCount) of one container of one pod. */
interface Instance {
  uid: string;
  pod: string;
  container: string;
  restartCount: number;
  /** Its window when it opens: the spec's for what was there at the start, from its start otherwise. */
  window: Pick<ContainerLogRequest, 'tailLines' | 'sinceSeconds' | 'sinceTime'>;
  state: LogStream['state'] | 'queued';
  error?: string;
  handle?: ContainerLogHandle;
  timer?: NodeJS.Timeout;
  point?: ResumePoint;
  /** Drops lines already had: after a resume, or the predecessor instance's lines. */
  skip?: (r: { time: number; nano: number }) => boolean;
  backoff: Backoff;
}

const isOpen = (i: Instance) => i.handle !== undefined || i.timer !== undefined;

function containerStatus(pod: V1Pod, container: string): V1ContainerStatus | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((c) => c.name === container);
}

/** The container has a log to read: it runs or ran (a crash-looping one waits with its last run's log). */
function hasLog(cs: V1ContainerStatus | undefined): cs is V1ContainerStatus {
  if (!cs?.state) return false;
  return !!cs.state.running || !!cs.state.terminated || (!!cs.state.waiting && (cs.restartCount ?? 0) > 0);
}

function hasPrevious(cs: V1ContainerStatus | undefined): boolean {
  return !!cs && ((cs.restartCount ?? 0) > 0 || !!cs.lastState?.terminated);
}

export function startFollower(kube: KubeClients, spec: FollowerSpec, events: FollowerEvents, opts: FollowerOptions = {}): Follower {
  const max = opts.maxStreams ?? MAX_LOG_STREAMS;
  const [minMs, maxMs] = opts.backoffMs ?? [500, 10_000];
  const { namespace } = spec;
  const instances = new Map<string, Instance>();
  const queued: Instance[] = [];
  /** uid/container/restartCount of what was there when the first list came. */
  const atStart = new Set<string>();
  const pods = new Map<string, string>();
  let target: LogTarget | undefined;
  let lastDescribe = '';
  let resumes = 0;
  let stopped = false;
  let listed = false;
  let listFailed = false;
  let limitSaid = false;
  let informer: ListWatch<KubernetesObject> | undefined;
  let relist: NodeJS.Timeout | undefined;
  const watch = new StoppableWatch(kube.kc);
  const listBackoff = createBackoff({ minMs, maxMs });
  let finish: () => void = () => {};
  const done = new Promise<void>((r) => (finish = r));

  const publish = () => {
    if (stopped) return;
    // Keep the list bounded over a long follow: the oldest ended streams of pods that went away go first (a
    // live pod's ended instance stays: it is what says that instance was read).
    const gone = (i: Instance) => i.state === 'ended' && !pods.has(i.uid);
    let ended = [...instances.values()].filter(gone).length;
    for (const [k, i] of instances) {
      if (ended <= 2 * max) break;
      if (gone(i)) {
        instances.delete(k);
        ended--;
      }
    }
    const streams = [...instances.values()].map((i): LogStream => ({
      pod: i.pod,
      container: i.container,
      state: i.state === 'queued' ? 'error' : i.state,
      ...(i.error ? { error: i.error } : {}),
    }));
    events.onStreams?.(streams, resumes);
  };

  const describe = () => {
    if (!target || stopped) return;
    const d = describeTarget(target, pods.size);
    if (d === lastDescribe) return;
    lastDescribe = d;
    events.onTarget?.(target, d);
  };

  /** A one-time read is done when its list came and nothing is open or queued. */
  const checkDone = () => {
    if ((spec.follow && !spec.previous) || !listed) return;
    if ([...instances.values()].some((i) => isOpen(i) || i.state === 'queued')) return;
    finish();
  };

  const request = (i: Instance): ContainerLogRequest => ({
    namespace,
    pod: i.pod,
    container: i.container,
    follow: spec.follow && !spec.previous,
    ...(spec.previous ? { previous: true } : {}),
    ...(i.point ? { sinceTime: resumeSince(i.point) } : i.window),
  });

  function open(i: Instance): void {
    i.state = 'streaming';
    i.error = undefined;
    i.handle = openContainerLog(kube.log, request(i), (l) => onLine(i, l), (err) => onEnd(i, err));
  }

  function onLine(i: Instance, l: { time: number; nano: number; text: string }): void {
    if (stopped) return;
    if (i.skip && !i.skip(l)) return;
    i.skip = undefined;
    i.point = advance(i.point, l);
    if (i.backoff.attempt) i.backoff.reset();
    if (i.state !== 'streaming' || i.error) {
      i.state = 'streaming';
      i.error = undefined;
      publish();
    }
    events.onLine({ time: l.time, nano: l.nano, namespace, pod: i.pod, container: i.container, text: l.text, ...(spec.previous ? { previous: true } : {}) });
  }

  function end(i: Instance, state: 'ended' | 'error', error?: string): void {
    i.state = state;
    i.error = error;
    publish();
    startQueued();
    checkDone();
  }

  function startQueued(): void {
    while (queued.length && [...instances.values()].filter(isOpen).length < max) {
      const i = queued.shift()!;
      if (instances.get(`${i.uid}/${i.container}`) === i && i.state === 'queued') open(i);
    }
  }

  function begin(pod: V1Pod, container: string, cs: V1ContainerStatus): void {
    const uid = pod.metadata?.uid ?? pod.metadata?.name ?? '';
    const key = `${uid}/${container}`;
    const restartCount = cs.restartCount ?? 0;
    const known = instances.get(key);
    if (known && known.restartCount === restartCount) return;
    // The old instance's log is still open: its end (checked against the pod then) starts this one.
    if (known && isOpen(known)) return;
    const initial = atStart.has(`${key}/${restartCount}`);
    const i: Instance = {
      uid,
      pod: pod.metadata!.name!,
      container,
      restartCount,
      window: initial ? { tailLines: spec.tailLines, ...(spec.sinceTime ? { sinceTime: spec.sinceTime } : { sinceSeconds: spec.sinceSeconds }) } : {},
      state: 'queued',
      backoff: createBackoff({ minMs, maxMs }),
      // A new instance's lines come after the last one its predecessor's log gave; anything not later was
      // read already (a log that is not cut exactly at the restart hands on the new instance's first lines).
      ...(known?.point ? { skip: resumeSkipper(known.point) } : {}),
    };
    instances.set(key, i);
    if ([...instances.values()].filter(isOpen).length >= max) {
      queued.push(i);
      i.error = `Not followed: ${max} container logs are open already, the most at once.`;
      if (!limitSaid) {
        limitSaid = true;
        events.onError?.(`${describeTarget(target!, pods.size)} has more than ${max} container logs to follow; ${max} are followed, the rest wait for one to end (name one pod or one container to see them).`, false);
      }
      publish();
      return;
    }
    open(i);
    publish();
  }

  function containersOf(pod: V1Pod): string[] {
    const names = [...(spec.initContainers ? (pod.spec?.initContainers ?? []) : []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
    return spec.container ? names.filter((n) => n === spec.container) : names;
  }

  function ensure(pod: V1Pod): void {
    if (stopped) return;
    for (const c of containersOf(pod)) {
      const cs = containerStatus(pod, c);
      if (spec.previous ? hasPrevious(cs) : hasLog(cs)) begin(pod, c, cs!);
    }
  }

  function podGone(uid: string): void {
    for (const i of instances.values()) {
      if (i.uid !== uid) continue;
      i.handle?.stop();
      i.handle = undefined;
      clearTimeout(i.timer);
      i.timer = undefined;
      if (i.state !== 'ended' && i.state !== 'error') i.state = 'ended';
    }
    publish();
    startQueued();
  }

  function onEnd(i: Instance, err?: unknown): void {
    i.handle = undefined;
    if (stopped) return;
    if (!spec.follow || spec.previous) {
      end(i, err ? 'error' : 'ended', err ? apiFailureSentence(`The log of ${i.pod}/${i.container} could not be read`, err) : undefined);
      return;
    }
    if (err && apiCode(err) === 403) {
      end(i, 'error', apiFailureSentence(`The log of ${i.pod}/${i.container} cannot be read`, err));
      return;
    }
    void check(i, err);
  }

  /** After a follow ended: did the container stop (or the pod go), or did the connection drop? */
  async function check(i: Instance, err?: unknown): Promise<void> {
    let pod: V1Pod;
    try {
      pod = await kube.core.readNamespacedPod({ namespace, name: i.pod });
    } catch (e) {
      if (stopped) return;
      if (apiCode(e) === 404) end(i, 'ended');
      else resume(i, apiFailureSentence('Reconnecting', e));
      return;
    }
    if (stopped) return;
    if (pod.metadata?.uid !== i.uid) return end(i, 'ended');
    const cs = containerStatus(pod, i.container);
    if (!cs || (cs.restartCount ?? 0) !== i.restartCount || !cs.state?.running) {
      end(i, 'ended');
      ensure(pod);
      return;
    }
    resume(i, err ? apiFailureSentence('The connection dropped; resuming from its last line', err) : 'The connection dropped; resuming from its last line.');
  }

  function resume(i: Instance, why: string): void {
    i.state = 'reconnecting';
    i.error = why;
    publish();
    i.timer = setTimeout(() => {
      i.timer = undefined;
      if (stopped) return;
      resumes++;
      i.skip = i.point ? resumeSkipper(i.point) : i.skip;
      open(i);
      publish();
    }, i.backoff.next());
  }

  const selector = () => (target!.selector === undefined ? { fieldSelector: `metadata.name=${target!.name}` } : { labelSelector: target!.selector });

  function onPod(o: KubernetesObject, deleted: boolean): void {
    const pod = o as V1Pod;
    const uid = pod.metadata?.uid ?? '';
    if (deleted) {
      pods.delete(uid);
      podGone(uid);
    } else {
      pods.set(uid, pod.metadata?.name ?? '');
      ensure(pod);
    }
    describe();
  }

  /** -c NAME that no pod has: nothing will ever be followed, so say so (with the names there are). */
  function checkContainer(items: V1Pod[]): boolean {
    if (!spec.container || items.length === 0 || items.some((p) => containersOf(p).length > 0)) return true;
    const names = [...new Set(items.flatMap((p) => [...(spec.initContainers ? (p.spec?.initContainers ?? []) : []), ...(p.spec?.containers ?? [])].map((c) => c.name)))];
    events.onError?.(`No pod of ${describeTarget(target!, items.length)} has a container named ${spec.container} (its containers: ${names.join(', ')}).`, true);
    return false;
  }

  function markStart(items: V1Pod[]): void {
    for (const p of items) {
      for (const c of containersOf(p)) atStart.add(`${p.metadata?.uid ?? p.metadata?.name}/${c}/${containerStatus(p, c)?.restartCount ?? 0}`);
    }
  }

  /** Follow: a ListWatch of the pods (it re-watches from the last version; a failure re-lists with backoff). */
  function watchPods(): void {
    const sel = selector();
    const list = async () => {
      const result = await kube.core.listNamespacedPod({ namespace, ...sel });
      if (stopped) throw new Error('stopped');
      if (!listed && !checkContainer(result.items)) {
        halt();
        throw new Error('stopped');
      }
      if (!listed) markStart(result.items);
      listed = true;
      if (listFailed) {
        listFailed = false;
        events.onError?.(undefined, false);
      }
      for (const p of result.items) pods.set(p.metadata?.uid ?? '', p.metadata?.name ?? '');
      describe();
      listBackoff.reset();
      return result;
    };
    informer = new ListWatch<KubernetesObject>(`/api/v1/namespaces/${namespace}/pods`, watch, list, false, sel.labelSelector, sel.fieldSelector);
    informer.on('add', (o) => onPod(o, false));
    informer.on('update', (o) => onPod(o, false));
    informer.on('delete', (o) => onPod(o, true));
    informer.on('error', (err) => {
      if (stopped) return;
      const fatal = !listed && apiCode(err) === 403;
      events.onError?.(apiFailureSentence(`Cannot list the pods of ${target!.namespace}/${target!.name}`, err), fatal);
      if (fatal) return finish();
      listFailed = true;
      clearTimeout(relist);
      relist = setTimeout(() => {
        if (stopped) return;
        (informer as unknown as { resourceVersion: string }).resourceVersion = '';
        informer!.start().catch(() => undefined);
      }, listBackoff.next());
    });
    informer.start().catch(() => undefined);
  }

  /** A one-time read: list once, read each container. */
  async function readOnce(): Promise<void> {
    let items: V1Pod[];
    try {
      items = (await kube.core.listNamespacedPod({ namespace, ...selector() })).items;
    } catch (err) {
      if (stopped) return;
      events.onError?.(apiFailureSentence(`Cannot list the pods of ${target!.namespace}/${target!.name}`, err), true);
      finish();
      return;
    }
    if (stopped) return;
    if (!checkContainer(items)) return finish();
    markStart(items);
    listed = true;
    for (const p of items) pods.set(p.metadata?.uid ?? '', p.metadata?.name ?? '');
    describe();
    for (const p of items) ensure(p);
    publish();
    checkDone();
  }

  void (async () => {
    try {
      target = await resolveLogTarget(kube, namespace, spec.name, { preferKind: spec.preferKind, statusHint: opts.statusHint });
    } catch (err) {
      if (stopped) return;
      events.onError?.(err instanceof LogTargetError ? err.message : apiFailureSentence(`Cannot look up ${namespace}/${spec.name}`, err), true);
      finish();
      return;
    }
    if (stopped) return;
    if (spec.follow && !spec.previous) watchPods();
    else await readOnce();
  })();

  function halt(): void {
    if (stopped) return;
    stopped = true;
    clearTimeout(relist);
    watch.stopAll();
    informer?.stop().catch(() => undefined);
    for (const i of instances.values()) {
      i.handle?.stop();
      i.handle = undefined;
      clearTimeout(i.timer);
    }
    finish();
  }

  return { done, stop: halt };
}
