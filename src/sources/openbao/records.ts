// The OpenBao source's pure parts: a replica's record from what sys/seal-status, sys/health and sys/leader
// answered; its role in words; the token's record from auth/token/lookup-self; and the notices an unseal in
// progress needs (a nonce that changed or progress that went back: someone reset it; progress that went up
// without a share from us: someone else is entering shares).
import type { BaoNotice, BaoReplica, BaoRole, BaoToken } from '../../store/openbao-slice.js';

/** sys/seal-status (and sys/unseal's answer, which is the same JSON). */
export interface SealStatus {
  type?: string;
  initialized?: boolean;
  sealed?: boolean;
  t?: number;
  n?: number;
  progress?: number;
  nonce?: string;
  version?: string;
  cluster_name?: string;
  cluster_id?: string;
}

/** sys/health's body (node-vault resolves its non-2xx answers as data). */
export interface HealthBody {
  initialized?: boolean;
  sealed?: boolean;
  standby?: boolean;
  performance_standby?: boolean;
  version?: string;
  cluster_name?: string;
}

export interface LeaderBody {
  ha_enabled?: boolean;
  is_self?: boolean;
  leader_address?: string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** Only the fields we know, typed: a seal-status answer as the record keeps it. */
export function sealStatusOf(body: unknown): SealStatus {
  const b = (body ?? {}) as Record<string, unknown>;
  const s: SealStatus = {};
  const set = <K extends keyof SealStatus>(k: K, v: SealStatus[K] | undefined) => {
    if (v !== undefined) s[k] = v;
  };
  set('type', str(b.type));
  set('initialized', bool(b.initialized));
  set('sealed', bool(b.sealed));
  set('t', num(b.t));
  set('n', num(b.n));
  set('progress', num(b.progress));
  set('nonce', str(b.nonce));
  set('version', str(b.version));
  set('cluster_name', str(b.cluster_name));
  set('cluster_id', str(b.cluster_id));
  return s;
}

/** What sys/health (or, without it, seal-status) says a replica is. */
export function roleOf(seal: SealStatus | undefined, health: HealthBody | undefined): BaoRole {
  const initialized = health?.initialized ?? seal?.initialized;
  const sealed = seal?.sealed ?? health?.sealed;
  if (initialized === false) return 'not initialized';
  if (sealed === true) return 'sealed';
  if (health?.performance_standby) return 'performance standby';
  if (health?.standby === true) return 'standby';
  if (health?.standby === false && sealed === false) return 'active';
  return 'unknown';
}

/** A replica's role in the words a pane and `vault status` print: "active", "standby", "sealed 1/3"... */
export function roleWords(r: Pick<BaoReplica, 'role' | 'progress' | 't' | 'reachable'>): string {
  if (!r.reachable) return 'unreachable';
  if (r.role === 'sealed') return r.t ? `sealed, ${r.progress ?? 0}/${r.t} shares` : 'sealed';
  return r.role;
}

/** The replica's record from its reads; `prev` keeps what a read that failed this time did not say (sys/leader). */
export function replicaRecord(name: string, seal: SealStatus, health: HealthBody | undefined, leader: LeaderBody | undefined, at: number, prev?: BaoReplica): BaoReplica {
  const r: BaoReplica = { name, reachable: true, role: roleOf(seal, health), checkedAt: at };
  const put = <K extends keyof BaoReplica>(k: K, v: BaoReplica[K] | undefined) => {
    if (v !== undefined) r[k] = v;
  };
  put('initialized', seal.initialized ?? health?.initialized);
  put('sealed', seal.sealed ?? health?.sealed);
  put('t', seal.t);
  put('n', seal.n);
  put('progress', seal.progress);
  put('nonce', seal.nonce);
  put('version', seal.version ?? health?.version);
  put('clusterName', seal.cluster_name ?? health?.cluster_name ?? prev?.clusterName);
  put('clusterId', seal.cluster_id ?? prev?.clusterId);
  put('sealType', seal.type);
  // sys/leader is read less often: keep its last answer, but a sealed replica leads nothing.
  const l = leader ?? (prev ? { ha_enabled: prev.haEnabled, is_self: prev.leader, leader_address: prev.leaderAddress } : undefined);
  put('haEnabled', l?.ha_enabled);
  if (r.sealed) r.leader = false;
  else if (health?.standby === false) r.leader = true;
  else if (health?.standby === true) r.leader = false;
  else put('leader', l?.is_self);
  put('leaderAddress', l?.leader_address || undefined);
  return r;
}

/** A replica that did not answer: its last known state stays, marked unreachable, with the sentence. */
export function unreachableRecord(name: string, error: string, prev?: BaoReplica): BaoReplica {
  return { ...(prev ?? { name, role: 'unknown' }), name, reachable: false, error, role: 'unreachable' };
}

/**
 * What changed in an unseal between two reads of one replica that we did not cause: `ours` says whether the
 * console submitted a share or a reset to it in between (its answer then is the new `prev`).
 */
export function unsealNotices(prev: BaoReplica | undefined, next: BaoReplica, at: number, ours = false): BaoNotice[] {
  if (!prev || ours || !prev.reachable || !next.reachable || prev.sealed !== true || next.sealed !== true) return [];
  const p = prev.progress ?? 0;
  const q = next.progress ?? 0;
  const t = next.t ?? prev.t;
  const of = t ? `/${t}` : '';
  if (prev.nonce && next.nonce && prev.nonce !== next.nonce) {
    return [{ replica: next.name, kind: 'nonce-changed', at, text: `${next.name}: the unseal nonce changed (${p}${of} -> ${q}${of}): someone reset the unseal and started again; shares entered before count no more.` }];
  }
  if (q < p) {
    return [{ replica: next.name, kind: 'progress-reset', at, text: `${next.name}: unseal progress went back from ${p}${of} to ${q}${of}: someone reset it (or the pod restarted); enter the shares again.` }];
  }
  if (q > p) {
    return [{ replica: next.name, kind: 'progress-by-other', at, text: `${next.name}: unseal progress went from ${p}${of} to ${q}${of} without a share from here: someone else is entering shares; agree who goes on.` }];
  }
  return [];
}

/** The token's record from auth/token/lookup-self's data. */
export function tokenRecord(data: unknown, at: number, from?: string): BaoToken {
  const d = ((data as { data?: unknown })?.data ?? {}) as Record<string, unknown>;
  const t: BaoToken = { state: 'valid', checkedAt: at };
  const ttl = num(d.ttl);
  if (ttl !== undefined) t.ttlSeconds = ttl;
  const exp = str(d.expire_time);
  if (exp) t.expireTime = exp;
  const name = str(d.display_name);
  if (name) t.displayName = name;
  if (Array.isArray(d.policies)) t.policies = d.policies.filter((p): p is string => typeof p === 'string');
  if (from) t.from = from;
  return t;
}

/** "never expires", "expires in 2h 5m", "expired" */
export function ttlWords(t: Pick<BaoToken, 'state' | 'ttlSeconds' | 'expireTime'>): string {
  if (t.state !== 'valid') return t.state;
  if (!t.ttlSeconds || !t.expireTime) return 'valid, never expires';
  const s = t.ttlSeconds;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `valid, expires in ${h ? `${h}h ` : ''}${m}m`;
}
