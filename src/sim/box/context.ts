// What every part of one Box shares.
import type { K8sObject, ObjectStore } from '../k8s/object-store.js';
import type { ContainerKind } from './catalog.js';
import type { EventRecorder } from './events.js';
import type { CrashCause } from './health.js';
import type { Scheduler } from './scheduler.js';
import { iso } from './util.js';
import type { IpPool } from './util.js';
import type { World } from './world.js';

/** What the kubelet tells the log store about containers. */
export interface LogSink {
  /** A container started (restart: a new instance of a container that ran before). */
  started(pod: K8sObject, container: string, kind: ContainerKind, at: Date, restart: boolean): void;
  /** It became ready (its readiness probe passed for the first time). */
  ready(pod: K8sObject, container: string, kind: ContainerKind): void;
  /** A Job's container finished its work (exit 0). */
  completed(pod: K8sObject, container: string): void;
  /** It is exiting because of a fault: write its last words. */
  crashed(pod: K8sObject, container: string, kind: ContainerKind, cause: CrashCause): void;
  /** It stopped (terminated or deleted): no new lines. */
  stopped(namespace: string, pod: string, container: string): void;
  /** Lines written by something happening inside the container (an exec'd command, an unseal). */
  write(namespace: string, pod: string, container: string, texts: string[]): void;
  /** Seeded crash-looping containers: the lines of their last two runs (and, for the simulated Loki, the runs before). */
  seedCrashes(pod: K8sObject, container: string, kind: ContainerKind, cause: CrashCause, lastRun: Date): void;
  /** The pod is gone. */
  removed(namespace: string, pod: string): void;
}

export interface Ctx {
  store: ObjectStore;
  world: World;
  sched: Scheduler;
  events: EventRecorder;
  logs: LogSink;
  ips: IpPool;
  /** True while createBox seeds the store: new objects are backdated and pods come up in their steady state. */
  seeding: boolean;
  now(): Date;
}

/** A creation timestamp: now, or while seeding a time between the parent's birth and now. */
export function birth(ctx: Ctx, parentCreated?: string): string {
  if (!ctx.seeding || !parentCreated) return iso(ctx.now());
  const p = Date.parse(parentCreated);
  const now = ctx.now().getTime();
  return iso(p + (now - p) * (0.35 + Math.random() * 0.6));
}
