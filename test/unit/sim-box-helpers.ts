// Helpers for the Box simulator tests: a store with a started Box (on the real clock, or on a ManualClock
// that the test steps itself), and waiting for conditions.
import { afterEach } from 'vitest';
import { ObjectStore, type K8sObject } from '../../src/sim/k8s/object-store.js';
import type { ManualClock } from '../../src/sim/box/clock.js';
import { type Box, createBox } from '../../src/sim/box/index.js';
import { waitFor } from '../helpers/wait-for.js';

const boxes: Box[] = [];

afterEach(() => {
  for (const b of boxes.splice(0)) b.stop();
});

export const SPEED = 25;

export function boot(scenario = 'healthy', start = true, clock?: ManualClock): { store: ObjectStore; box: Box } {
  const store = new ObjectStore();
  const box = createBox(store, { scenario, speed: SPEED, clock });
  boxes.push(box);
  if (start) box.start();
  return { store, box };
}

export function until<T>(what: string, fn: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  return waitFor(fn, { message: what, timeoutMs }) as Promise<T>;
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
