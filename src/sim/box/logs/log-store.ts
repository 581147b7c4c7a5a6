// Container logs: a bounded history per container (backfilled ~30 minutes for containers that were running
// when the Box started), live lines at each program's own pace, the previous instance after a restart,
// and followers. Implements the API server's LogProvider and the kubelet's LogSink. What a Loki would keep
// besides (the instances before the previous one, the containers of deleted pods) is kept for the simulated
// Loki (linesSince), bounded too. Every line of a container has a unique, increasing nanosecond timestamp
// (stamp.ts), later than every line written before it. A rate knob (setRate) makes every pod of one app write extra lines at a total rate.
import type { K8sObject } from '../../k8s/object-store.js';
import type { LogLine, LogProvider } from '../../k8s/providers.js';
import type { ContainerKind } from '../catalog.js';
import type { LogSink } from '../context.js';
import type { Ctx } from '../context.js';
import { type DepsUp, type CrashCause, depsFromStore } from '../health.js';
import { MINUTE, between, int } from '../util.js';
import { appOf } from './labels.js';
import { INTERVAL, type LineEnv, normalLines } from './lines.js';
import { crashLines, jobLines, leaderLines, readyLines, sealLines, startupLines, unsealLines } from './lifecycle.js';
import { Stamper } from './stamp.js';

const MAX_LINES = 2000;
const BACKFILL = 30 * MINUTE;
/** Containers of deleted pods whose lines the simulated Loki still serves. */
const MAX_GONE = 200;
/** How far back a seeded crash loop's runs go (the Loki error burst of the last 15 minutes). */
const CRASH_HISTORY = 16 * MINUTE;

/** Where a line came from, as the simulated Loki labels it. */
export interface LineWhere {
  namespace: string;
  pod: string;
  container: string;
  labels: Record<string, string>;
}

interface Buf {
  ns: string;
  pod: string;
  container: string;
  kind: ContainerKind;
  /** The pod's labels when the container started (app, cnpg.io/cluster...), for a simulated Loki. */
  labels: Record<string, string>;
  lines: LogLine[];
  prev?: LogLine[];
  /** Instances before the previous one: only the simulated Loki reads them. */
  archive: LogLine[];
  running: boolean;
  startedAt: Date;
  /** Lines before this moment are generated on first read (the backfill). */
  liveSince: Date;
  needsBackfill: boolean;
  nextAt: number;
  env: LineEnv;
  followers: Set<(l: LogLine) => void>;
  /** The rate knob's carry of fractional lines, and when it last wrote (ms). */
  rateCarry: number;
  rateAt: number;
}

export class LogStore implements LogProvider, LogSink {
  private readonly bufs = new Map<string, Buf>();
  private deps: DepsUp = { postgres: true, vault: true, seaweedfs: true, linkerd: true };
  private ctx!: Ctx;
  private unsubscribe?: () => void;
  private readonly anyListeners = new Set<(where: LineWhere, line: LogLine) => void>();
  /** Buffers of deleted pods, oldest first (for the simulated Loki). */
  private readonly gone: Buf[] = [];
  /**
   * One clock for every live line of the Box: each line's timestamp is unique and after every line written
   * before it, in any container (so a Loki tail resumed from its last timestamp misses nothing).
   */
  private readonly stamper = new Stamper();
  /** Extra lines per second by "NS/APP" (the rate knob). */
  private readonly rates = new Map<string, number>();

  bind(ctx: Ctx): void {
    this.ctx = ctx;
  }

  private key(ns: string, pod: string, container: string): string {
    return `${ns}/${pod}/${container}`;
  }

  start(): void {
    this.deps = depsFromStore(this.ctx.store, this.ctx.world);
    this.ctx.sched.every(250, () => this.tick(), 20);
    this.ctx.sched.every(50, () => this.rateTick(), 50);
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
      archive: restart && old?.prev ? [...old.archive, ...old.prev].slice(-MAX_LINES) : old?.archive ?? [],
      running: true,
      startedAt: at,
      liveSince: now,
      needsBackfill: this.ctx.seeding,
      nextAt: this.ctx.sched.now() + this.ctx.sched.scale(between(0.2, 1) * (INTERVAL[kind] || 1000)),
      env,
      followers: old?.followers ?? new Set(),
      rateCarry: 0,
      rateAt: now.getTime(),
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
    for (const [k, b] of this.bufs) {
      if (b.ns !== ns || b.pod !== pod) continue;
      this.bufs.delete(k);
      b.running = false;
      this.gone.push(b);
    }
    if (this.gone.length > MAX_GONE) this.gone.splice(0, this.gone.length - MAX_GONE);
  }

  /**
   * Lines that a crash-looping container wrote in its runs: the last two as the kubelet keeps them (current
   * and previous), and the runs before them over the last quarter of an hour at the crash loop's pace, which
   * only the simulated Loki serves (an error burst that is already under way when the Box starts).
   */
  seedCrashes(pod: K8sObject, container: string, kind: ContainerKind, cause: CrashCause, lastRun: Date): void {
    const k = this.key(pod.metadata.namespace!, pod.metadata.name, container);
    const env: LineEnv = { ns: pod.metadata.namespace!, pod: pod.metadata.name, world: this.ctx.world, deps: this.deps, n: {} };
    const stamper = new Stamper();
    const run = (t: Date) => [
      ...startupLines(kind, t).map((text) => stamper.line(t.getTime(), text)),
      ...crashLines(kind, cause, new Date(t.getTime() + 1500)).map((text) => stamper.line(t.getTime() + 1500, text)),
    ];
    const prevAt = lastRun.getTime() - 40_000;
    const starts: number[] = [];
    for (let t = prevAt - int(20, 25) * 1000; t > lastRun.getTime() - CRASH_HISTORY; t -= int(20, 25) * 1000) starts.unshift(t);
    const archive = starts.flatMap((t) => run(new Date(t)));
    const prev = run(new Date(prevAt));
    this.bufs.set(k, {
      ns: env.ns, pod: env.pod, container, kind, env, labels: pod.metadata.labels ?? {},
      lines: run(lastRun),
      prev,
      archive: archive.slice(-MAX_LINES),
      running: false,
      startedAt: lastRun,
      liveSince: lastRun,
      needsBackfill: false,
      nextAt: Infinity,
      followers: new Set(),
      rateCarry: 0,
      rateAt: 0,
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
      b = { ns: namespace, pod, container, kind: 'job', labels: p.metadata.labels ?? {}, lines: [], archive: [], running: false, startedAt: this.ctx.now(), liveSince: this.ctx.now(), needsBackfill: false, nextAt: Infinity, env: { ns: namespace, pod, world: this.ctx.world, deps: this.deps, n: {} }, followers: new Set(), rateCarry: 0, rateAt: 0 };
      this.bufs.set(k, b);
    }
    const set = b.followers;
    set.add(onLine);
    return () => set.delete(onLine);
  }

  /**
   * Every container's lines at or after a time, oldest first, with the pod's labels: what a Loki has kept (the
   * earlier instances of a restarted container and the containers of deleted pods too), for a simulated Loki.
   */
  linesSince(since: Date): { namespace: string; pod: string; container: string; kind: ContainerKind; labels: Record<string, string>; lines: LogLine[] }[] {
    const t = since.getTime();
    const from = (lines: LogLine[]): LogLine[] => {
      // lines are in time order: find the first one at or after `since`
      let lo = 0;
      let hi = lines.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (lines[mid]!.time.getTime() < t) lo = mid + 1;
        else hi = mid;
      }
      return lines.slice(lo);
    };
    return [...this.gone, ...this.bufs.values()].map((b) => ({
      namespace: b.ns, pod: b.pod, container: b.container, kind: b.kind, labels: b.labels,
      lines: [...from(b.archive), ...from(b.prev ?? []), ...from(this.all(b))],
    }));
  }

  /** Every line any container writes from now on, with where it came from (for a simulated Loki tail). */
  onAnyLine(fn: (where: LineWhere, line: LogLine) => void): () => void {
    this.anyListeners.add(fn);
    return () => this.anyListeners.delete(fn);
  }

  /**
   * The rate knob: every running container of the pods of `target` ("NS/APP", APP as the Loki label `app`)
   * writes extra lines of its own kind, `linesPerSecond` in total; 0 turns it off.
   */
  setRate(target: string, linesPerSecond: number): void {
    if (!/^[^/\s]+\/[^/\s]+$/.test(target)) throw new Error(`A log rate target is NAMESPACE/APP (for example matrix/sol), not "${target}".`);
    if (!(linesPerSecond >= 0) || !Number.isFinite(linesPerSecond)) throw new Error(`A log rate is a number of lines per second, 0 or more, not ${linesPerSecond}.`);
    if (linesPerSecond === 0) this.rates.delete(target);
    else this.rates.set(target, linesPerSecond);
    const now = this.ctx.now().getTime();
    for (const b of this.bufs.values()) {
      b.rateAt = now;
      b.rateCarry = 0;
    }
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
    // its own stamper: these lines come before every live one, which has its own sequence
    const stamper = new Stamper();
    if (b.startedAt.getTime() >= from) for (const text of [...startupLines(b.kind, b.startedAt), ...readyLines(b.kind, b.startedAt, b.labels.role)]) out.push(stamper.line(b.startedAt.getTime(), text));
    for (let t = from + between(0.2, 1) * mean; t < b.liveSince.getTime(); t += between(0.5, 1.5) * mean) {
      const at = new Date(t);
      for (const text of normalLines(b.kind, b.env, at)) out.push(stamper.line(at.getTime(), text));
    }
    b.lines = [...out, ...b.lines].slice(-MAX_LINES);
  }

  private append(b: Buf, texts: string[]): void {
    const at = this.ctx.now().getTime();
    const followers = [...b.followers];
    const listeners = [...this.anyListeners];
    const where: LineWhere = { namespace: b.ns, pod: b.pod, container: b.container, labels: b.labels };
    for (const text of texts) {
      const line = this.stamper.line(at, text);
      b.lines.push(line);
      for (const f of followers) f(line);
      for (const f of listeners) f(where, line);
    }
    if (b.lines.length > MAX_LINES + 200) b.lines.splice(0, b.lines.length - MAX_LINES);
  }

  /** The rate knob's lines for the containers of each target, in one batch per container per tick. */
  private rateTick(): void {
    if (!this.rates.size) return;
    const now = this.ctx.now().getTime();
    const byTarget = new Map<string, Buf[]>();
    for (const b of this.bufs.values()) {
      if (!b.running || !INTERVAL[b.kind]) continue;
      const target = `${b.ns}/${appOf(b.pod, b.labels)}`;
      if (!this.rates.has(target)) continue;
      const list = byTarget.get(target) ?? [];
      list.push(b);
      byTarget.set(target, list);
    }
    for (const [target, bufs] of byTarget) {
      const share = this.rates.get(target)! / bufs.length;
      for (const b of bufs) {
        const due = b.rateCarry + (share * Math.max(0, now - b.rateAt)) / 1000;
        const n = Math.floor(due);
        b.rateCarry = due - n;
        b.rateAt = now;
        if (n <= 0) continue;
        const texts: string[] = [];
        const t = new Date(now);
        while (texts.length < n) texts.push(...normalLines(b.kind, b.env, t));
        this.append(b, texts.slice(0, n));
      }
    }
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
