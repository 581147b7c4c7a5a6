// The one-shot report commands' plumbing (status, check): flags, then the same session as the console (config,
// the kubeconfig or the in-process simulator with --demo, the same sources), and the wait for their first full
// list (10 s; an unreachable API ends it at once), in a store holding the config's Box names. Exit code 2 means
// "could not tell".
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/index.js';
import { boxNames } from '../ladder/box-graph.js';
import { sourceDown } from '../ladder/source-state.js';
import { prepareSession, SessionError, type Session } from '../session/index.js';
import { createAppStore, type AppStore } from '../store/index.js';

export const SNAPSHOT_OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  json: { type: 'boolean' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  demo: { type: 'boolean' },
  scenario: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface SnapshotFlags {
  namespace?: string;
  json?: boolean;
  kubeconfig?: string;
  context?: string;
  demo?: boolean;
  scenario?: string;
  help?: boolean;
}

export class CouldNotTell extends Error {}

export type Parsed = { ok: true; values: SnapshotFlags; positionals: string[] } | { ok: false; message: string };

/** Strict flag parsing with one-sentence errors. */
export function parseSnapshotFlags(args: string[], maxPositionals: number): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args, options: SNAPSHOT_OPTIONS, strict: true, allowPositionals: true });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const quoted = /'([^']+)'/.exec(e.message ?? '')?.[1]?.split(' ')[0] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { ok: false, message: `unknown flag "${quoted}".` };
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return { ok: false, message: /argument missing/.test(e.message ?? '') ? `the flag ${quoted} needs a value.` : `the flag ${quoted} takes no value.` };
    return { ok: false, message: `${(e.message ?? String(err)).split('\n')[0]!.replace(/\.$/, '')}.` };
  }
  const values = parsed.values as SnapshotFlags;
  if (parsed.positionals.length > maxPositionals) return { ok: false, message: `unexpected argument "${parsed.positionals[maxPositionals]}".` };
  if (values.scenario !== undefined && !values.demo) return { ok: false, message: '--scenario only goes with --demo.' };
  if (values.demo && (values.kubeconfig || values.context)) return { ok: false, message: '--demo runs its own simulated Box; leave out --kubeconfig and --context.' };
  for (const k of ['namespace', 'kubeconfig', 'context', 'scenario'] as const) {
    if (values[k] !== undefined && values[k]!.trim() === '') return { ok: false, message: `--${k} needs a value.` };
  }
  return { ok: true, values, positionals: parsed.positionals };
}

export interface Snapshot {
  store: AppStore;
  context: string;
  /** The namespace from -n or the config file, if any. */
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
  const pending = prepareSession({ flags: { kubeconfig: values.kubeconfig, context: values.context, namespace: values.namespace }, demo: values.demo, scenario: values.scenario });
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
  if (session.namespace) snap.namespace = session.namespace;
  return snap;
}

/** Runs a report: the snapshot, the body's exit code, and one sentence (exit 2) for anything that went wrong. */
export async function runSnapshotCommand(name: string, usage: string, values: SnapshotFlags, body: (s: Snapshot) => number): Promise<number> {
  let snap: Snapshot | undefined;
  try {
    snap = await takeSnapshot(values);
    return body(snap);
  } catch (err) {
    if (err instanceof CouldNotTell || err instanceof ConfigError) {
      process.stderr.write(`sunbeam-console ${name}: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`sunbeam-console ${name}: ${(err as Error).message?.split('\n')[0] ?? String(err)}\n${usage}\n`);
    return 2;
  } finally {
    await snap?.stop();
  }
}
