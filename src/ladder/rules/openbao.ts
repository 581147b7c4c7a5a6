// OpenBao, from its own source (the seal state of each replica): sealed everywhere is THE root cause ("almost
// everything depends on it for credentials"), put first, and every finding of a component that needs it
// (the workloads with secrets synced by the Vault Secrets Operator, and the operator itself: box-graph.ts)
// is then "blocked by: OpenBao sealed" (order.ts). The operator gets a finding of its own while OpenBao is
// sealed, since it cannot sync anything even when its pod runs. One replica sealed while another serves is a
// warning (HA lost), not a root cause. Without the source (not configured, or not answering), nothing here:
// the pod rules' "OpenBao not ready, probably sealed" stands.
import type { BaoReplica, OpenbaoData } from '../../store/openbao-slice.js';
import type { SourceHealth } from '../../store/records.js';
import { boxGraph, type BoxGraph } from '../box-graph.js';
import { sourceDown } from '../source-state.js';
import type { Finding } from '../types.js';
import { listSome, type Kube } from './util.js';

export const OPENBAO_COMPONENT = { namespace: 'openbao', name: 'openbao', id: 'openbao/openbao' } as const;
const VSO = 'vault-secrets-operator/vault-secrets-operator-controller-manager';

/** The replicas whose last read answered (an unreachable one's old state says nothing about now). */
export function answering(ob: OpenbaoData | undefined): BaoReplica[] {
  return Object.values(ob?.replicas ?? {}).filter((r) => r.reachable);
}

/** Whether the source's data is live enough to judge by. */
export function openbaoLive(ob: OpenbaoData | undefined, health: SourceHealth | undefined): boolean {
  return !!ob && !!health && health.state !== 'not-connected' && !sourceDown(health.state) && health.state !== 'forbidden' && answering(ob).length > 0;
}

/** The Box components that need OpenBao, directly or through others (the ladder blocks them on it). */
export function openbaoDependents(graph: BoxGraph = boxGraph()): string[] {
  return graph.components.filter((c) => graph.ancestorsOf(c.id).includes(OPENBAO_COMPONENT.id)).map((c) => c.id);
}

function progressText(rs: BaoReplica[]): string {
  const r = rs.find((x) => (x.progress ?? 0) > 0) ?? rs[0];
  return r?.t ? `${r.progress ?? 0}/${r.t} key shares entered` : 'no key shares entered';
}

export function openbaoRules(ob: OpenbaoData | undefined, health: SourceHealth | undefined, kube: Kube, graph: BoxGraph = boxGraph()): Finding[] {
  if (!openbaoLive(ob, health)) return [];
  const live = answering(ob);
  const target = { kind: 'StatefulSet', namespace: OPENBAO_COMPONENT.namespace, name: OPENBAO_COMPONENT.name };
  const base = { namespace: OPENBAO_COMPONENT.namespace, component: OPENBAO_COMPONENT.name, target };
  const out: Finding[] = [];
  const uninit = live.filter((r) => r.initialized === false);
  const sealed = live.filter((r) => r.sealed === true && r.initialized !== false);
  const open = live.filter((r) => r.sealed === false);
  const names = (rs: BaoReplica[]) => rs.map((r) => r.name).join(', ');
  if (uninit.length && open.length === 0) {
    out.push({
      ...base,
      id: 'openbao-uninitialized:openbao/openbao',
      severity: 'failing',
      rule: 'openbao-uninitialized',
      title: `openbao/openbao: OpenBao not initialized (${names(uninit)})`,
      detail: 'OpenBao has no root key yet, so nothing can get credentials: initialize it (bao operator init) and keep the key shares safe.',
    });
  } else if (sealed.length && open.length === 0) {
    const dependents = openbaoDependents(graph).filter((id) => id !== VSO);
    const replicas = live.length > 1 ? ` (${sealed.length}/${live.length} replicas sealed)` : '';
    out.push({
      ...base,
      id: 'openbao-sealed:openbao/openbao',
      severity: 'failing',
      rule: 'openbao-sealed',
      title: `openbao/openbao: OpenBao sealed${replicas}, ${progressText(sealed)}`,
      detail: `Almost everything depends on it for credentials: unseal it first with ${sealed[0]?.t ?? 3} of ${sealed[0]?.n ?? 5} key shares (rung 4, Vault; sunbeam-console vault unseal). Blocked until then: the Vault Secrets Operator and ${listSome(dependents, 4)}.`,
    });
    if (Object.values(kube.workloads).some((w) => `${w.namespace}/${w.name}` === VSO) || Object.values(kube.pods).some((p) => `${p.namespace}/${p.ownerName}` === VSO)) {
      const [namespace, name] = VSO.split('/') as [string, string];
      out.push({
        id: `vso-cannot-sync:${VSO}`,
        severity: 'warn',
        namespace,
        component: name,
        rule: 'vso-cannot-sync',
        title: `${VSO}: cannot sync secrets while OpenBao is sealed`,
        detail: 'The Vault Secrets Operator reads every synced Secret from OpenBao: new and rotated credentials wait for the unseal.',
        target: { kind: 'Deployment', namespace, name },
      });
    }
  } else if (sealed.length) {
    out.push({
      ...base,
      id: 'openbao-replica-sealed:openbao/openbao',
      severity: 'warn',
      rule: 'openbao-replica-sealed',
      title: `openbao/openbao: ${sealed.length} of ${live.length} replicas sealed (${names(sealed)})`,
      detail: `${names(open)} still serve${open.length === 1 ? 's' : ''}, but high availability is lost until ${sealed.length === 1 ? 'it is' : 'they are'} unsealed (rung 4, Vault; ${progressText(sealed)}).`,
    });
  }
  return out;
}
