// The OpenBao cluster of the Box: one replica per pod of the StatefulSet openbao/openbao, integrated storage
// (Raft) with HA. Each replica has its own seal: a fresh process starts sealed, takes key shares of its own
// (progress, nonce), and opens only when the shares it was given combine into the unseal key (./keys.ts).
// An unsealed replica becomes the active node once a quorum of replicas is unsealed (Raft needs a majority
// to elect a leader); the others are standbys. Only the seal state lives here, never the HTTP shapes (those
// are src/sim/servers/openbao).
import { randomUUID } from 'node:crypto';
import { KEY_SHARES, KEY_THRESHOLD, MAX_SHARE_BYTES, MIN_KEY_BYTES, SealKeys, UnsealError } from './keys.js';

export interface ReplicaView {
  name: string;
  ordinal: number;
  /** Its server process runs (its pod's container is up). */
  up: boolean;
  sealed: boolean;
  /** Shares given since the last reset, 0 when unsealed. */
  progress: number;
  /** The current unseal attempt's nonce ('' when none is in progress). */
  nonce: string;
  active: boolean;
  /** When it became the active node (ISO), while it is. */
  activeSince?: string;
}

export type BaoEvent =
  | { kind: 'sealed'; replica: string; sealed: boolean }
  | { kind: 'progress'; replica: string; progress: number }
  | { kind: 'leader'; leader: string | undefined };

interface Replica {
  name: string;
  ordinal: number;
  up: boolean;
  sealed: boolean;
  parts: Uint8Array[];
  nonce: string;
}

export const OPENBAO_VERSION = '2.1.0';
export const OPENBAO_BUILD_DATE = '2024-11-29T14:11:21Z';

export class BaoCluster {
  readonly threshold = KEY_THRESHOLD;
  readonly shares = KEY_SHARES;
  readonly clusterName = 'vault-cluster-5d3e1f0a';
  readonly clusterId = randomUUID();
  private readonly replicas: Replica[] = [];
  private leaderName: string | undefined;
  private leaderSince: string | undefined;
  private keys: SealKeys | undefined;
  private initialized: Promise<string[]> | undefined;
  /** Raft's committed index: every write moves it. */
  raftIndex = 40_000 + Math.floor(Math.random() * 10_000);

  constructor(
    readonly size: number,
    private readonly now: () => Date,
    private readonly emit: (e: BaoEvent) => void,
  ) {
    if (!Number.isInteger(size) || size < 1 || size > 9) throw new Error(`OpenBao runs 1 to 9 replicas, not ${size}.`);
    for (let i = 0; i < size; i++) this.replicas.push({ name: `openbao-${i}`, ordinal: i, up: true, sealed: false, parts: [], nonce: '' });
    this.elect();
  }

  /**
   * `bao operator init` (once): makes the keys and resolves with the five shares (base64), which the
   * simulator hands to whoever runs it (the keys file); the cluster keeps only the sealed root key.
   */
  init(): Promise<string[]> {
    this.initialized ??= SealKeys.init().then(({ keys, shares }) => {
      this.keys = keys;
      return shares;
    });
    return this.initialized;
  }

  /** The replica with this pod name, if it is one of the cluster's. */
  has(name: string): boolean {
    return this.replicas.some((r) => r.name === name);
  }

  view(name: string): ReplicaView | undefined {
    const r = this.replicas.find((x) => x.name === name);
    if (!r) return undefined;
    const active = this.leaderName === r.name;
    return { name: r.name, ordinal: r.ordinal, up: r.up, sealed: r.sealed, progress: r.parts.length, nonce: r.nonce, active, activeSince: active ? this.leaderSince : undefined };
  }

  views(): ReplicaView[] {
    return this.replicas.map((r) => this.view(r.name)!);
  }

  /** The active node's name, when a quorum is unsealed. */
  get leader(): string | undefined {
    return this.leaderName;
  }

  /** Whether any replica is unsealed (even without a leader). */
  get anyUnsealed(): boolean {
    return this.replicas.some((r) => r.up && !r.sealed);
  }

  /**
   * One key share given to replica `name` (`bao operator unseal`). A repeated share is ignored, as OpenBao
   * ignores it; at the threshold the parts are combined and wiped whatever the outcome, and a wrong
   * combination throws OpenBao's error (the progress is back to 0 either way).
   */
  async submitShare(name: string, share: Uint8Array): Promise<void> {
    const r = this.get(name);
    if (share.length < MIN_KEY_BYTES) throw new UnsealError(400, `invalid key: key is shorter than minimum ${MIN_KEY_BYTES} bytes`);
    if (share.length > MAX_SHARE_BYTES) throw new UnsealError(400, `invalid key: key is longer than maximum ${MAX_SHARE_BYTES} bytes`);
    if (!r.up || !r.sealed) return;
    if (r.parts.some((p) => p.length === share.length && Buffer.from(p).equals(Buffer.from(share)))) return;
    if (!r.parts.length) r.nonce = randomUUID();
    r.parts.push(Uint8Array.from(share));
    if (r.parts.length < this.threshold) {
      this.emit({ kind: 'progress', replica: name, progress: r.parts.length });
      return;
    }
    const parts = r.parts;
    r.parts = [];
    r.nonce = '';
    this.emit({ kind: 'progress', replica: name, progress: 0 });
    try {
      if (!this.keys) await this.init();
      await this.keys!.open(parts);
    } finally {
      for (const p of parts) p.fill(0);
    }
    // the process may have restarted while the shares were being combined
    if (!r.up || !r.sealed || r.parts.length) return;
    r.sealed = false;
    this.emit({ kind: 'sealed', replica: name, sealed: false });
    this.elect();
  }

  /** `bao operator unseal -reset`: forgets the shares given so far. */
  resetUnseal(name: string): void {
    const r = this.get(name);
    if (!r.parts.length && !r.nonce) return;
    this.wipe(r);
    this.emit({ kind: 'progress', replica: name, progress: 0 });
  }

  /** `bao operator seal` on this replica (or a scenario sealing it). */
  seal(name: string): void {
    const r = this.get(name);
    this.wipe(r);
    if (r.sealed) return;
    r.sealed = true;
    this.emit({ kind: 'sealed', replica: name, sealed: true });
    this.elect();
  }

  sealAll(): void {
    for (const r of this.replicas) this.seal(r.name);
  }

  /** Its server process started again: Shamir seals mean it starts sealed. */
  restarted(name: string): void {
    const r = this.replicas.find((x) => x.name === name);
    if (!r) return;
    r.up = true;
    this.seal(name);
  }

  /** Its process stopped (the pod is terminating): out of the cluster until it starts again. */
  stopped(name: string): void {
    const r = this.replicas.find((x) => x.name === name);
    if (!r || !r.up) return;
    this.seal(name);
    r.up = false;
    this.elect();
  }

  private get(name: string): Replica {
    const r = this.replicas.find((x) => x.name === name);
    if (!r) throw new Error(`No OpenBao replica ${name}.`);
    return r;
  }

  private wipe(r: Replica): void {
    for (const p of r.parts) p.fill(0);
    r.parts = [];
    r.nonce = '';
  }

  /** Raft: a leader needs a majority of the cluster unsealed; a leader that is still unsealed stays leader. */
  private elect(): void {
    const unsealed = this.replicas.filter((r) => r.up && !r.sealed);
    const quorum = Math.floor(this.size / 2) + 1;
    let next: string | undefined;
    if (unsealed.length >= quorum) next = unsealed.some((r) => r.name === this.leaderName) ? this.leaderName : unsealed[0]!.name;
    if (next === this.leaderName) return;
    this.leaderName = next;
    this.leaderSince = next ? this.now().toISOString() : undefined;
    this.emit({ kind: 'leader', leader: next });
  }
}
