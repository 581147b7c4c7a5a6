// The one-shot report commands' plumbing (status, check): their flags' meaning, then the same session as the console (config,
// the kubeconfig or the in-process simulator with --demo, the same sources), and the wait for their first full
// list (10 s; an unreachable API ends it at once), in a store holding the config's Box names. Exit code 2 means
// "could not tell".
import { ConfigError } from '../config/index.js';
import { boxNames } from '../ladder/box-graph.js';
import { sourceDown } from '../ladder/source-state.js';
import { prepareSession, SessionError, type Session } from '../session/index.js';
import { createAppStore, type AppStore } from '../store/index.js';

/** status's and check's flags (program-spec.ts), as commander's opts() names them. */
export interface SnapshotFlags {
  namespace?: string;
  allNamespaces?: boolean;
  output?: 'json' | 'yaml' | 'wide';
  json?: boolean;
  kubeconfig?: string;
  context?: string;
  demo?: boolean;
  scenario?: string;
}

export class CouldNotTell extends Error {}

/** The output format: -o, --json (the same as -o json), else text. */
export function outputFormat(values: SnapshotFlags): 'json' | 'yaml' | 'wide' | 'text' {
  return values.json ? 'json' : (values.output ?? 'text');
}

/** What the flags cannot mean together, as one sentence; undefined when they are fine. */
export function flagProblem(values: SnapshotFlags): string | undefined {
  if (values.scenario !== undefined && !values.demo) return '--scenario only goes with --demo.';
  if (values.demo && (values.kubeconfig || values.context)) return '--demo runs its own simulated Box; leave out --kubeconfig and --context.';
  for (const k of ['namespace', 'kubeconfig', 'context', 'scenario'] as const) {
    if (values[k] !== undefined && values[k]!.trim() === '') return `--${k} needs a value.`;
  }
  return undefined;
}

export interface Snapshot {
  store: AppStore;
  context: string;
  /** The namespace from -n, else the config file's, else the context's; none with -A. */
  namespace?: string;
  stop(): Promise<void>;
}

export const SYNC_TIMEOUT_MS = 10_000;

/**
 * Connects, lists everything once through the Kubernetes source and returns the filled store. Throws
 * CouldNotTell with one sentence when the API is unreachable, forbids the core collections, or does not
 * answer within the timeout; ConfigError for a bad config file.
 */
export async function takeSnapshot(values: SnapshotFlags, timeoutMs = SYNC_TIMEOUT_MS): Promise<Snapshot> {
  // -A: every namespace, whatever the config file or the context names (as kubectl's -A).
  const namespace = values.allNamespaces ? undefined : values.namespace;
  const pending = prepareSession({ flags: { kubeconfig: values.kubeconfig, context: values.context, namespace }, demo: values.demo, scenario: values.scenario, settleDemo: true });
  let session: Session;
  try {
    session = await pending.connect();
  } catch (err) {
    if (err instanceof SessionError) throw new CouldNotTell(err.message);
    throw err;
  }
  const store = createAppStore({ names: boxNames(pending.config) });
  const stop = () => session.stop();
  let unsubscribe = () => {};
  let timer: NodeJS.Timeout | undefined;
  try {
    const sources = await session.startSources(store, { flushMs: 50 });
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        const h = store.getState().sources.kubernetes;
        if (sourceDown(h?.state)) reject(new CouldNotTell(h.lastError ?? 'The Kubernetes API is unreachable.'));
      };
      unsubscribe = store.subscribe(check);
      check();
      timer = setTimeout(() => {
        const h = store.getState().sources.kubernetes;
        reject(new CouldNotTell(`The Kubernetes API did not give a full answer within ${Math.round(timeoutMs / 1000)} s${h?.lastError ? ` (${h.lastError.replace(/\.$/, '')})` : ''}.`));
      }, timeoutMs);
      Promise.all(sources.map((s) => s.synced())).then(() => resolve(), reject);
    });
    const k = store.getState().kube;
    const h = store.getState().sources.kubernetes;
    if (!k.synced.pods || !k.synced.workloads) throw new CouldNotTell(h?.lastError ?? 'The pods and workloads could not be listed.');
  } catch (err) {
    await stop();
    throw err;
  } finally {
    unsubscribe();
    clearTimeout(timer);
  }
  const snap: Snapshot = { store, context: session.context, stop };
  if (session.namespace && !values.allNamespaces) snap.namespace = session.namespace;
  return snap;
}

/** Runs a report: the snapshot, the body's exit code, and one sentence (exit 2) for anything that went wrong. */
export async function runSnapshotCommand(name: string, values: SnapshotFlags, body: (s: Snapshot) => number | Promise<number>): Promise<number> {
  const problem = flagProblem(values);
  if (problem) {
    process.stderr.write(`sunbeam-console ${name}: ${problem}\n`);
    return 2;
  }
  let snap: Snapshot | undefined;
  try {
    snap = await takeSnapshot(values);
    return await body(snap);
  } catch (err) {
    if (err instanceof CouldNotTell || err instanceof ConfigError) {
      process.stderr.write(`sunbeam-console ${name}: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`sunbeam-console ${name}: ${(err as Error).message?.split('\n')[0] ?? String(err)}\n`);
    return 2;
  } finally {
    await snap?.stop();
  }
}
