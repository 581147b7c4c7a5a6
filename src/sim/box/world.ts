// The Box's world state: the causes behind what the controllers show. Scenarios put faults here, the
// playbook's fixes (unseal, restart, renewal) take them away, and the controllers derive pod health from it.
// The simulated servers other than the Kubernetes API (src/sim/servers) read and change this, never the
// Kubernetes objects; subscribe() tells them of every change as it happens.

import { BackupCatalog } from './backups.js';

export type WorldChange =
  | { kind: 'sealed'; sealed: boolean }
  | { kind: 'unsealProgress'; progress: number }
  | { kind: 'kv'; path: string; version: number }
  | { kind: 'postgres'; down: boolean }
  | { kind: 'fault'; fault: string; active: boolean };

export class World {
  /** The scenario the Box started with (what it was, not what is still broken). */
  readonly scenario: string;

  constructor(scenario = 'healthy') {
    this.scenario = scenario;
  }

  /** OpenBao is sealed: credential-dependent workloads cannot get their credentials. */
  sealed = false;
  /** The PostgreSQL cluster data/postgres is failing; only a restart of the Cluster clears it. */
  postgresDown = false;
  /**
   * Faults: 'storage/seaweedfs-volume', 'matrix/sol', 'linkerd/linkerd-destination' (`<namespace>/<workload>`,
   * cleared by a restart of that workload); 'matrix-bot-token' (the bot's token is revoked: cleared when the
   * Secret monitoring/matrix-bot-secret changes); 'cert-expired' (Let's Encrypt issuance for
   * ingress/pingora-tls is failing; a forced renewal succeeds).
   */
  readonly faults = new Set<string>();
  /** OpenBao's unseal progress (key shares given so far) while sealed; threshold 3 of 5. */
  unsealProgress = 0;
  readonly unsealThreshold = 3;
  readonly unsealShares = 5;
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

  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    this.unsealProgress = 0;
    this.emit({ kind: 'sealed', sealed: true });
  }

  unseal(): void {
    if (!this.sealed) return;
    this.sealed = false;
    this.unsealProgress = 0;
    this.emit({ kind: 'sealed', sealed: false });
  }

  /**
   * One more valid unseal key share (the simulated OpenBao API checks the key itself). At the threshold the
   * vault unseals. Returns the progress after this share (0 once unsealed).
   */
  addUnsealShare(): number {
    if (!this.sealed) return 0;
    this.unsealProgress++;
    if (this.unsealProgress >= this.unsealThreshold) {
      this.unseal();
      return 0;
    }
    this.emit({ kind: 'unsealProgress', progress: this.unsealProgress });
    return this.unsealProgress;
  }

  /** `bao operator unseal -reset`: forget the shares given so far. */
  resetUnseal(): void {
    if (!this.unsealProgress) return;
    this.unsealProgress = 0;
    this.emit({ kind: 'unsealProgress', progress: 0 });
  }

  /**
   * A KV v2 write happened in OpenBao at `path` (e.g. `secret/monitoring/matrix-bot`). Only the path and a
   * version are kept, never the values; the Vault Secrets Operator syncs the matching Kubernetes Secret.
   */
  kvPut(path: string): number {
    const version = (this.kvVersions.get(path) ?? 0) + 1;
    this.kvVersions.set(path, version);
    this.emit({ kind: 'kv', path, version });
    return version;
  }

  /** KV v2 versions written through kvPut, by path. */
  readonly kvVersions = new Map<string, number>();

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
