// The OpenBao slice: each replica's seal state and health (written by the OpenBao source), the token's
// validity and time to live, and the notices an unseal needs to see: a nonce that changed or progress that
// went back while shares were being entered (someone else reset the unseal, or is entering shares too). No
// share, token or secret value is ever here. The source is its only writer.
import type { GetState, SetState } from './slice.js';

/** What a replica's sys/health says it is, in the console's words. */
export type BaoRole = 'active' | 'standby' | 'performance standby' | 'sealed' | 'not initialized' | 'unreachable' | 'unknown';

export interface BaoReplica {
  /** The pod's name ('openbao-0'), or 'service' for BAO_ADDR's own answer when no pod is known. */
  name: string;
  /** Whether its last read answered (through the pod proxy, or BAO_ADDR). */
  reachable: boolean;
  /** One sentence for its last failed read; never contains a token. */
  error?: string;
  initialized?: boolean;
  sealed?: boolean;
  /** Threshold and number of shares: t of n. */
  t?: number;
  n?: number;
  /** Shares entered so far in the current unseal. */
  progress?: number;
  /** The current unseal attempt's nonce ('' when none is in progress). */
  nonce?: string;
  version?: string;
  clusterName?: string;
  clusterId?: string;
  /** 'shamir', ... */
  sealType?: string;
  role: BaoRole;
  /** sys/leader: HA enabled, and whether this replica is the leader, and the leader's address. */
  haEnabled?: boolean;
  leader?: boolean;
  leaderAddress?: string;
  /** ms epoch of the last read that answered. */
  checkedAt?: number;
}

export interface BaoToken {
  /** 'valid', 'invalid' (403/expired), 'none' (no token configured), 'unknown' (could not ask). */
  state: 'valid' | 'invalid' | 'none' | 'unknown';
  /** Seconds left when read (0: never expires, as a root token). */
  ttlSeconds?: number;
  /** ISO, when it expires (absent: never). */
  expireTime?: string;
  displayName?: string;
  policies?: string[];
  /** Where it came from: BAO_TOKEN, VAULT_TOKEN, ~/.vault-token. */
  from?: string;
  /** One sentence: why invalid or unknown, with what to do. */
  error?: string;
  checkedAt?: number;
}

/** Someone else touched an unseal in progress (two operators unsealing at once, or a reset). */
export interface BaoNotice {
  replica: string;
  kind: 'nonce-changed' | 'progress-reset' | 'progress-by-other';
  /** One sentence for the pane. */
  text: string;
  at: number;
}

export interface OpenbaoData {
  /** BAO_ADDR (or VAULT_ADDR); '' when not configured. */
  addr: string;
  /** By name; the pods of the openbao StatefulSet, or 'service' when none is known. */
  replicas: Record<string, BaoReplica>;
  token?: BaoToken;
  /** Newest last, the last few only. */
  notices: BaoNotice[];
  /** The first read of every replica has answered or failed. */
  synced: boolean;
}

export interface OpenbaoSlice {
  openbao: OpenbaoData;
}

export function emptyOpenbao(): OpenbaoData {
  return { addr: '', replicas: {}, notices: [], synced: false };
}

const MAX_NOTICES = 8;

export interface OpenbaoActions {
  /** Replaces the replicas named (and removes those in `remove`); marks synced when asked. */
  applyOpenbao(patch: { addr?: string; replicas?: BaoReplica[]; remove?: string[]; token?: BaoToken; notices?: BaoNotice[]; synced?: boolean }): void;
}

export function openbaoActions(set: SetState<OpenbaoSlice>, get: GetState<OpenbaoSlice>): OpenbaoActions {
  return {
    applyOpenbao(patch) {
      const cur = get().openbao;
      const next: OpenbaoData = { ...cur };
      if (patch.addr !== undefined) next.addr = patch.addr;
      if (patch.replicas?.length || patch.remove?.length) {
        const replicas = { ...cur.replicas };
        for (const r of patch.replicas ?? []) replicas[r.name] = r;
        for (const k of patch.remove ?? []) delete replicas[k];
        next.replicas = replicas;
      }
      if (patch.token) next.token = patch.token;
      if (patch.notices?.length) next.notices = [...cur.notices, ...patch.notices].slice(-MAX_NOTICES);
      if (patch.synced) next.synced = true;
      set({ openbao: next });
    },
  };
}
