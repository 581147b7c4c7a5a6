// OpenBao's replicas as an action sees them: the pods of the openbao StatefulSet (listed through the
// Kubernetes API, so that a one-shot needs no store), each reached through the pod proxy, with its seal status
// read now; BAO_ADDR alone when the cluster shows no such pod. The order an unseal goes in: the leader first
// (the replica that leads, or that an unsealed one names as leader), then by ordinal.
import type { BaoClients, BaoEndpoint } from '../../sources/openbao/client.js';
import { OPENBAO } from '../../sources/openbao/client.js';
import { describeBaoError } from '../../sources/openbao/errors.js';
import { sealStatusOf, type LeaderBody, type SealStatus } from '../../sources/openbao/records.js';
import type { SourceClients } from '../../sources/source.js';

export interface ReplicaState {
  name: string;
  ep: BaoEndpoint;
  status?: SealStatus;
  /** sys/leader, for an unsealed replica. */
  leader?: LeaderBody;
  /** One sentence when it did not answer. */
  error?: string;
}

const ORDINAL = /-(\d+)$/;

/** The StatefulSet's pod names, by ordinal; empty when the list fails or finds none. */
async function podNames(clients: SourceClients): Promise<string[]> {
  try {
    const pods = await clients.kube.core.listNamespacedPod({ namespace: OPENBAO.namespace });
    const re = new RegExp(`^${OPENBAO.statefulSet}-\\d+$`);
    return pods.items
      .filter((p) => re.test(p.metadata?.name ?? '') && (p.metadata?.ownerReferences ?? [{ kind: 'StatefulSet', name: OPENBAO.statefulSet }]).some((o) => o.kind === 'StatefulSet' && o.name === OPENBAO.statefulSet))
      .map((p) => p.metadata!.name!)
      .sort((a, b) => Number(ORDINAL.exec(a)?.[1] ?? 0) - Number(ORDINAL.exec(b)?.[1] ?? 0));
  } catch {
    return [];
  }
}

export async function readReplicas(clients: SourceClients): Promise<ReplicaState[]> {
  const bao = clients.bao!;
  const names = await podNames(clients);
  const eps = names.length ? await Promise.all(names.map(async (n) => (await bao.replica(n).catch(() => undefined)) ?? bao.service)) : [bao.service];
  return Promise.all(
    eps.map(async (ep, i) => {
      const name = names[i] ?? 'service';
      const st: ReplicaState = { name, ep };
      try {
        st.status = sealStatusOf(await ep.vault.status());
        if (st.status.sealed === false) st.leader = (await ep.vault.leader().catch(() => undefined)) as LeaderBody | undefined;
      } catch (err) {
        st.error = describeBaoError(err, name === 'service' ? `OpenBao at ${bao.addr}` : `${name} (through the Kubernetes API)`, bao.tokenFrom).sentence;
      }
      return st;
    }),
  );
}

/** Leader first (by its own word, or as the others name it), then the standbys (they answer sys/leader), then the rest; each by ordinal. */
export function unsealOrder<T extends { name: string; leader?: LeaderBody }>(replicas: readonly T[]): T[] {
  const named = replicas.map((r) => r.leader?.leader_address ?? '').filter(Boolean);
  const rank = (r: T) => (r.leader?.is_self ? 0 : named.some((a) => a.includes(r.name)) ? 1 : r.leader ? 2 : 3);
  return [...replicas].sort((a, b) => rank(a) - rank(b) || Number(ORDINAL.exec(a.name)?.[1] ?? 0) - Number(ORDINAL.exec(b.name)?.[1] ?? 0));
}

/** The replicas of this run's OpenBao, or one sentence why there is none to act on. */
export function baoOf(clients: SourceClients): BaoClients {
  if (!clients.bao) throw new Error('OpenBao is not configured: set BAO_ADDR (and BAO_CACERT, BAO_TOKEN), or try --demo.');
  if (clients.bao.problem) throw new Error(clients.bao.problem);
  return clients.bao;
}
