// Resolves a pod's owner through its ReplicaSet to the Deployment, as `kubectl get pods` users think of it,
// and remembers which pods hang off which ReplicaSet so that a late ReplicaSet re-maps them.
import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { directOwner, type PodOwner } from './pod-record.js';

export class OwnerIndex {
  /** `${ns}/${rs}` -> the ReplicaSet's own controller owner (a Deployment), if any. */
  private rsOwner = new Map<string, PodOwner | null>();
  /** `${ns}/${rs}` -> pod keys owned by it. */
  private podsByRs = new Map<string, Set<string>>();
  /** pod key -> `${ns}/${rs}`. */
  private rsOfPod = new Map<string, string>();

  ownerOfPod(podKey: string, pod: V1Pod): PodOwner | undefined {
    const direct = directOwner(pod);
    const prevRs = this.rsOfPod.get(podKey);
    if (!direct || direct.kind !== 'ReplicaSet') {
      if (prevRs) this.forgetPod(podKey);
      return direct;
    }
    const rsKey = `${pod.metadata?.namespace ?? ''}/${direct.name}`;
    if (prevRs !== rsKey) {
      if (prevRs) this.forgetPod(podKey);
      this.rsOfPod.set(podKey, rsKey);
      let set = this.podsByRs.get(rsKey);
      if (!set) this.podsByRs.set(rsKey, (set = new Set()));
      set.add(podKey);
    }
    const known = this.rsOwner.get(rsKey);
    if (known) return known;
    if (known === null) return direct;
    // ReplicaSet not seen yet: a Deployment's ReplicaSet is named <deployment>-<pod-template-hash>.
    const hash = pod.metadata?.labels?.['pod-template-hash'];
    if (hash && direct.name.endsWith(`-${hash}`)) return { kind: 'Deployment', name: direct.name.slice(0, -hash.length - 1) };
    return direct;
  }

  forgetPod(podKey: string): void {
    const rsKey = this.rsOfPod.get(podKey);
    if (!rsKey) return;
    this.rsOfPod.delete(podKey);
    const set = this.podsByRs.get(rsKey);
    set?.delete(podKey);
    if (set && set.size === 0) this.podsByRs.delete(rsKey);
  }

  /** Records a ReplicaSet's owner; returns the pod keys whose owner may have changed. */
  setReplicaSet(rs: V1ReplicaSet): string[] {
    const key = `${rs.metadata?.namespace ?? ''}/${rs.metadata?.name ?? ''}`;
    const refs = rs.metadata?.ownerReferences ?? [];
    const ref = refs.find((r) => r.controller) ?? refs[0];
    const owner = ref ? { kind: ref.kind, name: ref.name } : null;
    const prev = this.rsOwner.get(key);
    this.rsOwner.set(key, owner);
    if (prev !== undefined && prev?.kind === owner?.kind && prev?.name === owner?.name) return [];
    return [...(this.podsByRs.get(key) ?? [])];
  }

  removeReplicaSet(rs: V1ReplicaSet): string[] {
    const key = `${rs.metadata?.namespace ?? ''}/${rs.metadata?.name ?? ''}`;
    this.rsOwner.delete(key);
    return [];
  }
}
