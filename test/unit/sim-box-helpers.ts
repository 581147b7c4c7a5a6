// Helpers for the Box simulator tests: a store with a started Box, and waiting for conditions.
import { afterEach } from 'vitest';
import { ObjectStore, type K8sObject } from '../../src/sim/k8s/object-store.js';
import { type Box, createBox } from '../../src/sim/box/index.js';

const boxes: Box[] = [];

afterEach(() => {
  for (const b of boxes.splice(0)) b.stop();
});

export const SPEED = 25;

export function boot(scenario = 'healthy', start = true): { store: ObjectStore; box: Box } {
  const store = new ObjectStore();
  const box = createBox(store, { scenario, speed: SPEED });
  boxes.push(box);
  if (start) box.start();
  return { store, box };
}

export async function until<T>(what: string, fn: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
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
