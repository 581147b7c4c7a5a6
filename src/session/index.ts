// One session per run: the console, the read-only one-shots (status, check) and the action one-shots all open
// through here. prepareSession() knows the settings at once (config: file < environment < flags, read-only,
// namespace, the journal) without touching the network, so that the console can draw its first frame before
// the simulated Box is up under --demo; connect() then opens the clients (the kubeconfig and context, or the
// in-process simulator) and the writers over them, and startSources() starts every registered source on a
// store. stop() ends it all.
import type { WritersFor } from '../actions/writers/index.js';
import type { ConfigFlags, ConsoleConfig } from '../config/index.js';
import { join } from 'node:path';
import { Journal } from '../journal/journal.js';
import { startSources } from '../sources/index.js';
import type { Source, SourceClients } from '../sources/source.js';
import type { AppStore } from '../store/index.js';
import { journalDirFor, resolveSettings, type Env } from './settings.js';

/** A connection that failed (no usable kubeconfig, an unknown context, a simulator that did not start): one sentence. */
export class SessionError extends Error {}

export interface SessionOptions {
  /** The command line's flags; they win over the environment, which wins over the config file. */
  flags?: ConfigFlags;
  /** Run against the in-process simulated Box instead of a kubeconfig (the config's kubeconfig and context are ignored). */
  demo?: boolean;
  /** The simulator's scenario under demo (default 'healthy'). */
  scenario?: string;
  /** A config file that cannot be read: 'throw' its ConfigError (default), or go on 'read-only' with a warning. */
  onBadConfig?: 'throw' | 'read-only';
  /** Default process.env. */
  env?: Env;
  /** Under --demo: connect() waits until the simulated Box has settled (its database up, a drill's state in), as a one-shot report needs; the console does not wait. */
  settleDemo?: boolean;
}

/** What a run knows before it connects. */
export interface SessionSettings {
  config: ConsoleConfig;
  /** --read-only, SUNBEAM_READ_ONLY or readOnly: true in the config file (or a config file that could not be read). */
  readOnly: boolean;
  /** -n or the config file's namespace. */
  namespace?: string;
  /** The scenario under --demo; undefined against a real cluster. */
  demo?: string;
  /** The run's journal (<journalDir>/demo under --demo); nothing is written until an entry is. */
  journal: Journal;
  /** One sentence each: what went wrong reading the config (the run is read-only then). */
  warnings: string[];
}

export interface Session extends SessionSettings {
  /** One client per backend: kube now (see clients.ts for the next ones). */
  clients: SourceClients;
  /** The writers over those clients, per backend: what the executor changes the world through. */
  writers: WritersFor;
  /** The Kubernetes context's name ('demo (SCENARIO)' under --demo) and API server URL. */
  context: string;
  server: string;
  /**
   * Under --demo: where the simulated OpenBao's five unseal key shares are (mode 0600, beside the demo's
   * journal), so that the drill can be run; they open nothing but the simulator. Never set for a real cluster.
   */
  demoUnsealKeys?: string;
  /** Under --demo: what the simulated Box lacks on this machine (no PostgreSQL server installed), one sentence each. */
  demoNotes?: readonly string[];
  /**
   * Tells the store which cluster it shows and starts every registered source whose client this session has
   * (none once the session is stopped). The sources stop with the session.
   */
  startSources(store: AppStore, opts?: { flushMs?: number }): Promise<Source[]>;
  /** Stops the sources, then the simulated Box, if any. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface PendingSession extends SessionSettings {
  /** Opens the clients (starts the simulated Box first under --demo); called again, the same promise. Rejects with SessionError. */
  connect(): Promise<Session>;
  /** Stops what connect() opened or is opening (waits for a simulator still starting, then stops it). */
  stop(): Promise<void>;
}

/** The settings now, the connection on connect(). Throws ConfigError for a bad config file unless onBadConfig is 'read-only'. */
export function prepareSession(opts: SessionOptions = {}): PendingSession {
  const env = opts.env ?? process.env;
  const flags = opts.flags ?? {};
  const settings = resolveSettings(flags, env, opts.onBadConfig ?? 'throw');
  const demo = opts.demo ? (opts.scenario ?? 'healthy') : undefined;
  const base: SessionSettings = { ...settings, journal: new Journal({ dir: journalDirFor(settings.config, demo !== undefined, env) }) };
  if (demo !== undefined) base.demo = demo;

  const sources: Source[] = [];
  let stopped = false;
  let connecting: Promise<Session> | undefined;
  let stopping: Promise<void> | undefined;
  let stopSim: (() => Promise<void>) | undefined;

  const stopAll = async () => {
    for (const s of sources.splice(0)) s.stop();
    const simStop = stopSim;
    stopSim = undefined;
    await simStop?.();
  };

  const connect = () =>
    (connecting ??= (async () => {
      // Loaded here, not at the top: both bring @kubernetes/client-node, which the console's first frame does without.
      const [{ openClients }, { createWriters }] = await Promise.all([import('./clients.js'), import('../actions/writers/index.js')]);
      const where = demo !== undefined ? { demo, unsealKeysPath: join(base.journal.dir, 'unseal-keys'), settle: opts.settleDemo === true } : { kubeconfig: settings.config.kubeconfig, context: settings.config.context, backends: settings.config.backends, alertmanagerFlag: flags.alertmanagerUrl };
      const opened = await openClients(where, env, (m) => new SessionError(m));
      stopSim = opened.stopSim;
      // Stopped while the simulator was starting: it goes at once (stop() is waiting for this).
      if (stopped) await stopAll();
      const session: Session = {
        ...base,
        // As kubectl: the context's namespace is the default when neither -n nor the config file names one.
        ...(base.namespace ?? opened.contextNamespace ? { namespace: base.namespace ?? opened.contextNamespace } : {}),
        clients: opened.clients,
        writers: createWriters(opened.clients),
        context: opened.context,
        server: opened.server,
        ...(opened.demoUnsealKeys ? { demoUnsealKeys: opened.demoUnsealKeys } : {}),
        ...(opened.demoNotes?.length ? { demoNotes: opened.demoNotes } : {}),
        async startSources(store, o = {}) {
          if (stopped) return [];
          store.getState().actions.setKubeContext(opened.context, opened.server);
          const started = await startSources({ store, clients: opened.clients, flushMs: o.flushMs }, () => !stopped);
          if (stopped) {
            for (const s of started) s.stop();
            return [];
          }
          sources.push(...started);
          return started;
        },
        stop,
      };
      return session;
    })());

  function stop(): Promise<void> {
    stopped = true;
    return (stopping ??= (async () => {
      if (connecting) await connecting.catch(() => undefined);
      await stopAll();
    })());
  }

  return { ...base, connect, stop };
}

/** prepareSession, then connect: everything for a run that has no screen to show first. */
export async function openSession(opts: SessionOptions = {}): Promise<Session> {
  return prepareSession(opts).connect();
}
