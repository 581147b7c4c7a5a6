// Container logs: a bounded history per container (backfilled ~30 minutes for containers that were running
// when the Box started), live lines at each program's own pace, the previous instance after a restart,
// and followers. Implements the API server's LogProvider and the kubelet's LogSink.
import type { K8sObject } from '../../k8s/object-store.js';
import type { LogLine, LogProvider } from '../../k8s/providers.js';
import type { ContainerKind } from '../catalog.js';
import type { LogSink } from '../context.js';
import type { Ctx } from '../context.js';
import { type DepsUp, type CrashCause, depsFromStore } from '../health.js';
import { MINUTE, between } from '../util.js';
import { INTERVAL, type LineEnv, normalLines } from './lines.js';
import { crashLines, jobLines, leaderLines, readyLines, sealLines, startupLines, unsealLines } from './lifecycle.js';

const MAX_LINES = 2000;
const BACKFILL = 30 * MINUTE;

interface Buf {
  ns: string;
  pod: string;
  container: string;
  kind: ContainerKind;
  /** The pod's labels when the container started (app, cnpg.io/cluster...), for a simulated Loki. */
  labels: Record<string, string>;
  lines: LogLine[];
  prev?: LogLine[];
  running: boolean;
  startedAt: Date;
  /** Lines before this moment are generated on first read (the backfill). */
  liveSince: Date;
  needsBackfill: boolean;
  nextAt: number;
  env: LineEnv;
  followers: Set<(l: LogLine) => void>;
}

export class LogStore implements LogProvider, LogSink {
  private readonly bufs = new Map<string, Buf>();
  private deps: DepsUp = { postgres: true, vault: true, seaweedfs: true, linkerd: true };
  private ctx!: Ctx;
  private unsubscribe?: () => void;
  private readonly anyListeners = new Set<(where: { namespace: string; pod: string; container: string; labels: Record<string, string> }, line: LogLine) => void>();

  bind(ctx: Ctx): void {
    this.ctx = ctx;
  }

  private key(ns: string, pod: string, container: string): string {
    return `${ns}/${pod}/${container}`;
  }

  start(): void {
    this.deps = depsFromStore(this.ctx.store, this.ctx.world);
    this.ctx.sched.every(250, () => this.tick(), 20);
    this.unsubscribe = this.ctx.world.subscribe((c) => {
      if (c.kind !== 'openbao') return;
      const e = c.event;
      const lines = e.kind === 'sealed' ? (e.sealed ? sealLines : unsealLines)(this.ctx.now()) : e.kind === 'leader' ? leaderLines(this.ctx.now()) : undefined;
      const pod = e.kind === 'leader' ? e.leader : e.replica;
      if (!lines || !pod) return;
      for (const b of this.bufs.values()) if (b.kind === 'openbao' && b.running && b.pod === pod) this.append(b, lines);
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  started(pod: K8sObject, container: string, kind: ContainerKind, at: Date, restart: boolean): void {
    const k = this.key(pod.metadata.namespace!, pod.metadata.name, container);
    const old = this.bufs.get(k);
    const env: LineEnv = old?.env ?? { ns: pod.metadata.namespace!, pod: pod.metadata.name, world: this.ctx.world, deps: this.deps, n: {} };
    const now = this.ctx.now();
    const b: Buf = {
      ns: pod.metadata.namespace!,
      pod: pod.metadata.name,
      container,
      kind,
      labels: pod.metadata.labels ?? {},
      lines: [],
      prev: restart && old ? this.all(old) : old?.prev,
      running: true,
      startedAt: at,
      liveSince: now,
      needsBackfill: this.ctx.seeding,
      nextAt: this.ctx.sched.now() + this.ctx.sched.scale(between(0.2, 1) * (INTERVAL[kind] || 1000)),
      env,
      followers: old?.followers ?? new Set(),
    };
    this.bufs.set(k, b);
    if (!this.ctx.seeding) this.append(b, startupLines(kind, now));
  }

  ready(pod: K8sObject, container: string, kind: ContainerKind): void {
    const b = this.bufs.get(this.key(pod.metadata.namespace!, pod.metadata.name, container));
    if (b && !this.ctx.seeding) this.append(b, readyLines(kind, this.ctx.now(), pod.metadata.labels?.role));
  }

  completed(pod: K8sObject, container: string): void {
    const b = this.bufs.get(this.key(pod.metadata.namespace!, pod.metadata.name, container));
    const job = pod.metadata.labels?.['batch.kubernetes.io/job-name'] ?? pod.metadata.name;
    if (b) for (const l of jobLines(job, b.startedAt, this.ctx.now())) this.append(b, [l.text]);
  }

  crashed(pod: K8sObject, container: string, kind: ContainerKind, cause: CrashCause): void {
    const b = this.bufs.get(this.key(pod.metadata.namespace!, pod.metadata.name, container));
    if (b) this.append(b, crashLines(kind, cause, this.ctx.now()));
  }

  stopped(ns: string, pod: string, container: string): void {
    const b = this.bufs.get(this.key(ns, pod, container));
    if (b) b.running = false;
  }

  removed(ns: string, pod: string): void {
    for (const [k, b] of this.bufs) if (b.ns === ns && b.pod === pod) this.bufs.delete(k);
  }

  /** Lines that a crash-looping container wrote in its last two runs (seeded pods in a fault scenario). */
  seedCrashes(pod: K8sObject, container: string, kind: ContainerKind, cause: CrashCause, lastRun: Date): void {
    const k = this.key(pod.metadata.namespace!, pod.metadata.name, container);
    const env: LineEnv = { ns: pod.metadata.namespace!, pod: pod.metadata.name, world: this.ctx.world, deps: this.deps, n: {} };
    const run = (t: Date) => [...startupLines(kind, t), ...crashLines(kind, cause, new Date(t.getTime() + 1500))].map((text) => ({ time: t, text }));
    this.bufs.set(k, {
      ns: env.ns, pod: env.pod, container, kind, env, labels: pod.metadata.labels ?? {},
      lines: run(lastRun),
      prev: run(new Date(lastRun.getTime() - 40_000)),
      running: false,
      startedAt: lastRun,
      liveSince: lastRun,
      needsBackfill: false,
      nextAt: Infinity,
      followers: new Set(),
    });
  }

  /** Write lines to a container from outside (exec side effects, OpenBao events). */
  write(ns: string, pod: string, container: string, texts: string[]): void {
    const b = this.bufs.get(this.key(ns, pod, container));
    if (b) this.append(b, texts);
  }

  history(namespace: string, pod: string, container: string, previous: boolean): LogLine[] | undefined {
    const b = this.bufs.get(this.key(namespace, pod, container));
    if (!b) {
      const p = this.ctx.store.get('pods', namespace, pod);
      if (!p || !(p.spec?.containers ?? []).some((c: any) => c.name === container) || previous) return undefined;
      const done = p.status?.containerStatuses?.find((c: any) => c.name === container)?.state?.terminated;
      const job = p.metadata.labels?.['batch.kubernetes.io/job-name'];
      return done && job ? jobLines(job, new Date(done.startedAt), new Date(done.finishedAt)) : [];
    }
    if (previous) return b.prev ? [...b.prev] : undefined;
    return this.all(b);
  }

  follow(namespace: string, pod: string, container: string, onLine: (line: LogLine) => void): () => void {
    const k = this.key(namespace, pod, container);
    let b = this.bufs.get(k);
    if (!b) {
      const p = this.ctx.store.get('pods', namespace, pod);
      if (!p) return () => {};
      // a pod that has not started yet: its buffer appears when the container starts
      b = { ns: namespace, pod, container, kind: 'job', labels: p.metadata.labels ?? {}, lines: [], running: false, startedAt: this.ctx.now(), liveSince: this.ctx.now(), needsBackfill: false, nextAt: Infinity, env: { ns: namespace, pod, world: this.ctx.world, deps: this.deps, n: {} }, followers: new Set() };
      this.bufs.set(k, b);
    }
    const set = b.followers;
    set.add(onLine);
    return () => set.delete(onLine);
  }

  /** Every container's lines since a time, with the pod's labels (for a simulated Loki). */
  linesSince(since: Date): { namespace: string; pod: string; container: string; kind: ContainerKind; labels: Record<string, string>; lines: LogLine[] }[] {
    return [...this.bufs.values()].map((b) => ({ namespace: b.ns, pod: b.pod, container: b.container, kind: b.kind, labels: b.labels, lines: this.all(b).filter((l) => l.time >= since) }));
  }

  /** Every line any container writes from now on, with where it came from (for a simulated Loki tail). */
  onAnyLine(fn: (where: { namespace: string; pod: string; container: string; labels: Record<string, string> }, line: LogLine) => void): () => void {
    this.anyListeners.add(fn);
    return () => this.anyListeners.delete(fn);
  }

  private all(b: Buf): LogLine[] {
    if (b.needsBackfill) this.backfill(b);
    return [...b.lines];
  }

  private backfill(b: Buf): void {
    b.needsBackfill = false;
    const mean = INTERVAL[b.kind];
    if (!mean) return;
    const from = Math.max(b.startedAt.getTime(), b.liveSince.getTime() - BACKFILL);
    const out: LogLine[] = [];
    if (b.startedAt.getTime() >= from) for (const text of [...startupLines(b.kind, b.startedAt), ...readyLines(b.kind, b.startedAt, b.labels.role)]) out.push({ time: b.startedAt, text });
    for (let t = from + between(0.2, 1) * mean; t < b.liveSince.getTime(); t += between(0.5, 1.5) * mean) {
      const at = new Date(t);
      for (const text of normalLines(b.kind, b.env, at)) out.push({ time: at, text });
    }
    b.lines = [...out, ...b.lines].slice(-MAX_LINES);
  }

  private append(b: Buf, texts: string[]): void {
    const time = this.ctx.now();
    for (const text of texts) {
      const line = { time, text };
      b.lines.push(line);
      for (const f of [...b.followers]) f(line);
      for (const f of [...this.anyListeners]) f({ namespace: b.ns, pod: b.pod, container: b.container, labels: b.labels }, line);
    }
    if (b.lines.length > MAX_LINES + 200) b.lines.splice(0, b.lines.length - MAX_LINES);
  }

  private tick(): void {
    const now = this.ctx.sched.now();
    let depsFresh = false;
    for (const b of this.bufs.values()) {
      if (!b.running || b.nextAt > now) continue;
      if (!depsFresh) {
        this.deps = depsFromStore(this.ctx.store, this.ctx.world);
        depsFresh = true;
      }
      b.env.deps = this.deps;
      const mean = INTERVAL[b.kind];
      b.nextAt = mean ? now + this.ctx.sched.scale(between(0.5, 1.5) * mean) : Infinity;
      if (mean) this.append(b, normalLines(b.kind, b.env, this.ctx.now()));
    }
  }
}
