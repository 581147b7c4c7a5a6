// What a simulator run can be asked for: the scenario and speed of the Box, and the options of its servers.
import type { ForbidRule } from './k8s/server.js';
import type { LokiLimits } from './servers/loki/params.js';

export interface SimOptions {
  /** A scenario of src/sim/box (default 'healthy'); an unknown one throws Error('Unknown scenario ...'). */
  scenario?: string;
  /** The Kubernetes API's port; 0 (the default) picks a free one. The other servers always pick a free port. */
  port?: number;
  /** Where to write the kubeconfig; default a new temporary directory (removed by stop()). */
  kubeconfigPath?: string;
  /** Divides the Box's simulated delays (tests run it faster). */
  speed?: number;
  /** Requests the simulated RBAC refuses with 403 (changeable later with setForbidden). */
  forbid?: ForbidRule[];
  /** The server closes watches after a random time in this range (ms); default [30000, 90000]. */
  watchLifetimeMs?: [number, number];
  /** How often watches that allow bookmarks get one (ms); default 15000. */
  bookmarkIntervalMs?: number;
  /** Replicas of the StatefulSet openbao/openbao (default 1; 3 gives HA with Raft: a leader and two standbys). */
  openbaoReplicas?: number;
  /** Where to write the five OpenBao unseal key shares (one per line, base64, mode 0600); default nowhere. */
  unsealKeysPath?: string;
  /**
   * Extra log lines per second from the start, by "NAMESPACE/APP" (e.g. { 'matrix/sol': 5000 }): every pod of
   * that app writes plausible lines of its own format at that total rate (SimHandle.setLogRate changes it).
   */
  logRate?: Record<string, number>;
  /**
   * The simulated Loki's limits, Loki's defaults otherwise: maxEntriesLimitPerQuery 5000, maxQueryLengthMs
   * 721 h, tailMaxDurationMs 1 h (tests set ~1-2 s), maxConcurrentTailRequests 10.
   */
  loki?: Partial<LokiLimits>;
  /** Sees every API request (method, path and query), for tests and debugging. */
  onRequest?: (method: string, url: string) => void;
}
