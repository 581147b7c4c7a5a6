// The Box's world state: the causes behind what the controllers show. Scenarios put faults here, the
// playbook's fixes (unseal, restart, renewal) take them away, and the controllers derive pod health from it.
// The simulated servers other than the Kubernetes API (src/sim/servers) read and change this, never the
// Kubernetes objects; subscribe() tells them of every change as it happens.

import { BackupCatalog } from './backups.js';
import { type BaoEvent, BaoCluster } from './openbao/cluster.js';
import { KvStore } from './openbao/kv.js';
import { TokenStore } from './openbao/tokens.js';

export interface WorldOptions {
  /** Replicas of the StatefulSet openbao/openbao (default 1). */
  openbaoReplicas?: number;
  /** The Box's clock (default the real one). */
  now?: () => Date;
}

export type WorldChange =
  /** Whether OpenBao as a whole is sealed for its clients changed (no active replica / one again). */
  | { kind: 'sealed'; sealed: boolean }
  /** One replica's seal, unseal progress, or the cluster's leader changed. */
  | { kind: 'openbao'; event: BaoEvent }
  /** A KV v2 write at `path` (`secret/<path>`); never the value. */
  | { kind: 'kv'; path: string; version: number }
  | { kind: 'postgres'; down: boolean }
  | { kind: 'fault'; fault: string; active: boolean };

export class World {
  /** The scenario the Box started with (what it was, not what is still broken). */
  readonly scenario: string;

  constructor(scenario = 'healthy', opts: WorldOptions = {}) {
    this.scenario = scenario;
    const now = opts.now ?? (() => new Date());
    this.bao = new BaoCluster(opts.openbaoReplicas ?? 1, now, (event) => this.onBao(event));
    this.kv = new KvStore(now, (path, version) => this.emit({ kind: 'kv', path: `secret/${path}`, version }));
    this.tokens = new TokenStore(now);
  }

  /** OpenBao's replicas: their seals, unseal progress, and the leader (src/sim/box/openbao/cluster.ts). */
  readonly bao: BaoCluster;
  /** OpenBao's KV v2 engine at secret/. */
  readonly kv: KvStore;
  /** OpenBao's tokens (the demo's root token). */
  readonly tokens: TokenStore;
  private wasSealed = false;

  /** OpenBao is sealed for its clients: no unsealed active replica, so credential-dependent workloads cannot get their credentials. */
  get sealed(): boolean {
    return !this.bao.leader;
  }

  private onBao(event: BaoEvent): void {
    // the constructor's first election comes before any listener
    if (!this.bao) return;
    this.emit({ kind: 'openbao', event });
    const sealed = this.sealed;
    if (sealed === this.wasSealed) return;
    this.wasSealed = sealed;
    this.emit({ kind: 'sealed', sealed });
  }
  /** The PostgreSQL cluster data/postgres is failing; only a restart of the Cluster clears it. */
  postgresDown = false;
  /**
   * Faults: 'storage/seaweedfs-volume', 'matrix/sol', 'linkerd/linkerd-destination', 'drive/drive' (drive's
   * connection pool leaks: POSTGRES_LEAK_FAULT) (`<namespace>/<workload>`, cleared by a restart of that workload); 'matrix-bot-token' (the bot's token is revoked: cleared when the
   * Secret monitoring/matrix-bot-secret changes); 'cert-expired' (Let's Encrypt issuance for
   * ingress/pingora-tls is failing; a forced renewal succeeds).
   */
  readonly faults = new Set<string>();
  /** barman's catalog of base backups and the WAL position. */
  readonly backups = new BackupCatalog();
  private readonly listeners = new Set<(c: WorldChange) => void>();

  subscribe(fn: (c: WorldChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(c: WorldChange): void {
    for (const l of [...this.listeners]) l(c);
  }

  /** Seals every OpenBao replica (the vault-sealed scenario; a restart of the StatefulSet does it too). */
  seal(): void {
    this.bao.sealAll();
  }

  setPostgresDown(down: boolean): void {
    if (this.postgresDown === down) return;
    this.postgresDown = down;
    this.emit({ kind: 'postgres', down });
  }

  hasFault(fault: string): boolean {
    return this.faults.has(fault);
  }

  addFault(fault: string): void {
    if (this.faults.has(fault)) return;
    this.faults.add(fault);
    this.emit({ kind: 'fault', fault, active: true });
  }

  clearFault(fault: string): void {
    if (!this.faults.delete(fault)) return;
    this.emit({ kind: 'fault', fault, active: false });
  }
}
