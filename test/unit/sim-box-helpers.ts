// Helpers for the Box simulator tests: a store with a started Box on a ManualClock (the real clock only
// when a test asks for it), and waiting for conditions by stepping that clock: what a test sees does not
// depend on how busy the machine is.
import { afterEach } from 'vitest';
import { ObjectStore, type K8sObject } from '../../src/sim/k8s/object-store.js';
import { type Clock, ManualClock } from '../../src/sim/box/clock.js';
import { type Box, type BoxOptions, createBox } from '../../src/sim/box/index.js';
import { waitFor } from '../helpers/wait-for.js';

const boxes: Box[] = [];
/** The clock of the Box booted last, which until() steps. */
let current: Clock | undefined;

afterEach(() => {
  for (const b of boxes.splice(0)) b.stop();
  current = undefined;
});

export const SPEED = 25;

export function boot(scenario = 'healthy', start = true, clock: Clock = new ManualClock(), extra: Partial<BoxOptions> = {}): { store: ObjectStore; box: Box; clock: Clock } {
  const store = new ObjectStore();
  const box = createBox(store, { scenario, speed: SPEED, clock, ...extra });
  boxes.push(box);
  current = clock;
  if (start) box.start();
  return { store, box, clock };
}

/**
 * Waits until fn holds: on a ManualClock by stepping the last booted Box's time (timeoutMs of the
 * scheduler's real milliseconds), on the real clock by polling with the one waitFor. The ManualClock branch
 * is not built on waitFor on purpose: waitFor's budget is the machine's time, and each of its polls sleeps on
 * the real clock; here the budget is stepped Box time and nothing sleeps, so a loaded machine cannot change
 * what the test sees.
 */
export function until<T>(what: string, fn: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  if (current instanceof ManualClock) return advanceUntil(current, what, fn, timeoutMs);
  return waitFor(fn, { message: what, timeoutMs }) as Promise<T>;
}

/** Runs work to its end while stepping the clock (an exec'd command that waits on the Box's timers). */
export async function stepping<T>(clock: Clock, work: Promise<T>, maxMs = 60_000, stepMs = 10): Promise<T> {
  if (!(clock instanceof ManualClock)) return work;
  let done = false;
  const settled = work.finally(() => void (done = true));
  for (let spent = 0; !done && spent < maxMs; spent += stepMs) await clock.advanceAsync(stepMs);
  return settled;
}

/**
 * Steps a ManualClock (in real milliseconds of the Box's scheduler, `stepMs` at a time) until fn holds;
 * throws after `maxMs` of simulated stepping. Nothing waits on the machine's time.
 */
export async function advanceUntil<T>(clock: ManualClock, what: string, fn: () => T | undefined | false, maxMs = 15_000, stepMs = 10): Promise<T> {
  for (let spent = 0; ; spent += stepMs) {
    const v = fn();
    if (v) return v;
    if (spent >= maxMs) throw new Error(`${what} did not happen within ${maxMs} ms of stepped time`);
    await clock.advanceAsync(stepMs);
  }
}

export function ready(p: K8sObject | undefined): boolean {
  return !!p && p.status?.phase === 'Running' && p.status.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') && !p.metadata.deletionTimestamp;
}

export function podsOf(store: ObjectStore, ns: string, app: string): K8sObject[] {
  return store.list('pods', ns).filter((p) => p.metadata.labels?.app === app);
}

export function cond(o: K8sObject | undefined, type: string): any {
  return o?.status?.conditions?.find((c: any) => c.type === type);
}

/** `bao operator unseal` on one replica with three genuine shares of the Box's keys. */
export async function unsealWith(box: Box, replica: string, which: number[] = [0, 1, 2]): Promise<void> {
  const shares = await box.world.bao.init();
  for (const i of which) await box.world.bao.submitShare(replica, Buffer.from(shares[i]!, 'base64'));
}
