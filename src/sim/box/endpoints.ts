// The endpoints controller: each Service's ready and not-ready pod addresses.
import type { K8sObject } from '../k8s/object-store.js';
import type { Ctx } from './context.js';
import { active, matchesLabels, podReady } from './util.js';

/** Endpoints of every Service with a selector in a namespace, from its pods' readiness. */
export function syncEndpoints(ctx: Ctx, ns: string): void {
  const { store } = ctx;
  const pods = store.list('pods', ns).filter((p) => p.status?.podIP);
  for (const svc of store.list('services', ns)) {
    const sel = svc.spec?.selector;
    if (!sel) continue;
    const members = pods.filter((p) => matchesLabels(p.metadata.labels, sel));
    const addr = (p: K8sObject) => ({ ip: p.status.podIP, nodeName: 'sunbeam-1', targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid } });
    const ready = members.filter((p) => podReady(p) && active(p)).map(addr);
    const notReady = members.filter((p) => !(podReady(p) && active(p))).map(addr);
    const ports = (svc.spec.ports ?? []).map((p: any) => ({ name: p.name, port: typeof p.targetPort === 'number' ? p.targetPort : p.port, protocol: p.protocol ?? 'TCP' }));
    const subsets = members.length ? [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports }] : [];
    const existing = store.get('endpoints', ns, svc.metadata.name);
    if (!existing) {
      store.create('endpoints', { metadata: { name: svc.metadata.name, namespace: ns, labels: svc.metadata.labels ?? {}, creationTimestamp: svc.metadata.creationTimestamp }, subsets });
    } else if (JSON.stringify(existing.subsets ?? []) !== JSON.stringify(subsets)) {
      store.mutate('endpoints', ns, svc.metadata.name, (e) => {
        e.subsets = subsets;
      });
    }
  }
}
