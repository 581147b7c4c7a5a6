// The contract of one simulated server (the Kubernetes API, OpenBao, Loki; AlertManager next). Every
// server sits beside the one shared Box: it is started with the Box, the TLS material made once for the
// run, the speed and the run's options, and it hands back where it listens and the environment a shell
// needs to reach it.
//
// How a server reads the Box (and why not the Kubernetes object store): the Box's truth is its World
// (src/sim/box/world.ts); the Kubernetes objects are only what the Box's controllers derive from it. A
// server other than the Kubernetes API reads and changes the World and the log store, never `ctx.store`:
//   - `ctx.box.world`: OpenBao's replicas in `bao` (each one's seal, `submitShare()`, `resetUnseal()`,
//     `seal()`, the leader), its KV engine `kv` and its `tokens`, and `sealed` (no active replica);
//     `postgresDown`; `faults` and `hasFault()`; `backups`. `world.subscribe(fn)` reports each change (a WorldChange) as it happens,
//     so a server can answer long polls or streams without polling.
//   - `ctx.box.logs`: `linesSince(since)` (every container's lines with its pod's labels, what a
//     Loki query_range needs) and `onAnyLine(fn)` (each new line with its labels, for a Loki tail).
//   - Anything derived from the Box's state as a whole (the alerts an AlertManager shows) is a function
//     in src/sim/box, exposed on the Box, so the server stays a wire layer over it.
import type { Box } from '../box/index.js';
import type { SimTls } from '../http/tls.js';
import type { ObjectStore } from '../k8s/object-store.js';
import type { SimOptions } from '../options.js';
import type { PodBackends } from './pod-backends.js';

export interface SimServerContext {
  /** The shared Box: `world` (the state every server reads), `logs`, `exec`. */
  readonly box: Box;
  /** The Kubernetes objects: for the Kubernetes API server only (see the header). */
  readonly store: ObjectStore;
  /** The CA and the server certificate (127.0.0.1 and localhost), made once per run and shared by every server. */
  readonly tls: SimTls;
  /** What the Box's simulated delays are divided by. */
  readonly speed: number;
  readonly options: Readonly<SimOptions>;
  /** What listens in the Box's pods, for the Kubernetes API's pod proxy: a server registers its pods' port here. */
  readonly pods: PodBackends;
  /** A private directory for files the server hands out (a kubeconfig, a token file), removed by stop(). */
  tmpDir(): string;
}

export interface RunningServer {
  /** Where it listens: https://127.0.0.1:PORT. */
  readonly url: string;
  /** What a shell needs to reach it (KUBECONFIG, BAO_ADDR, LOKI_ADDR, ALERTMANAGER_URL...); the only secret printed by `sim` is the demo's own BAO_TOKEN. */
  readonly env: Readonly<Record<string, string>>;
  /** Closes the listener and every open connection and stream. */
  stop(): Promise<void>;
  /** Why this server cannot serve (one sentence: "install postgresql"), when it cannot; `sim` prints it. */
  problem?(): string | undefined;
  /** For a server that finishes starting in the background: resolves when it has. */
  settled?(): Promise<void>;
}

export interface SimServer<R extends RunningServer = RunningServer> {
  /** Its key in the registry (src/sim/servers/index.ts) and in SimHandle.servers. */
  readonly id: string;
  /** Listens on loopback; rejects (having closed what it opened) when it cannot. */
  start(ctx: SimServerContext): Promise<R>;
}
