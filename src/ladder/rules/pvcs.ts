// PersistentVolumeClaims stuck Pending, or Lost.
import type { Finding } from '../types.js';
import { ageMs, humanDuration } from '../age.js';
import type { Kube } from './util.js';

export const PVC_GRACE_MS = 120_000;
const DIGITS = /^\d+$/;

/** The workload a PVC belongs to: `<template>-<sts>-<n>` (StatefulSet) or `<cluster>-<n>` (CNPG); else the PVC. */
export function pvcComponent(kube: Kube, ns: string, name: string): string {
  let base = name;
  const dash = name.lastIndexOf('-');
  if (dash > 0 && DIGITS.test(name.slice(dash + 1))) base = name.slice(0, dash);
  for (const w of Object.values(kube.workloads)) if (w.namespace === ns && (base === w.name || base.endsWith(`-${w.name}`))) return w.name;
  for (const c of Object.values(kube.pgClusters)) if (c.namespace === ns && base === c.name) return c.name;
  return name;
}

export function pvcRules(kube: Kube, now: number): Finding[] {
  const out: Finding[] = [];
  for (const p of Object.values(kube.pvcs)) {
    const age = ageMs(p.created, now);
    if (p.phase === 'Bound' || (p.phase === 'Pending' && age < PVC_GRACE_MS)) continue;
    const lost = p.phase === 'Lost';
    out.push({
      id: `pvc-${lost ? 'lost' : 'pending'}:${p.namespace}/${p.name}`,
      severity: lost ? 'failing' : 'warn',
      namespace: p.namespace,
      component: pvcComponent(kube, p.namespace, p.name),
      rule: lost ? 'pvc-lost' : 'pvc-pending',
      title: lost ? `${p.namespace}/${p.name}: volume claim Lost` : `${p.namespace}/${p.name}: volume claim ${p.phase} for ${humanDuration(age)}`,
      detail: lost ? 'Its PersistentVolume is gone; the data on it is not reachable.' : 'No volume has been bound to it; check the storage class and the provisioner.',
      target: { kind: 'PersistentVolumeClaim', namespace: p.namespace, name: p.name },
    });
  }
  return out;
}
