// `sunbeam-console logs NS/NAME [-f] [--since 5m] [--tail N] [-c NAME] [--previous] [--timestamps] [-i RE]
// [-e RE] [-o json|raw]`: the playbook's `sunbeam logs {namespace}/{service}`, as stern does it: every container
// of every pod of a CloudNativePG Cluster, workload, Service, Job or pod. Without -f it prints what is there,
// merged in time order, and exits; with -f it follows (new pods too, resuming dropped connections) until
// Ctrl-C, or until the reader goes away (bin/main.ts ends an EPIPE quietly). Flags: program-spec.ts.
import { compileLogFilter, type LogFilter } from '../logs/filter.js';
import { compareTime, type LogRecord } from '../logs/record.js';
import { startFollower, type FollowerSpec } from '../sources/kubernetes/logs/follower.js';
import type { LogTargetKind } from '../sources/kubernetes/logs/target.js';
import type { LogStream } from '../store/index.js';
import { targetRef, usageFailure, UsageError, withSession, type ConnectionValues } from './action-cli.js';
import { colorWanted, lineFormatter, parseSince, type LogOutput } from '../logs/format.js';

interface LogsValues extends ConnectionValues {
  namespace?: string;
  follow?: boolean;
  since?: string;
  tail?: string;
  container?: string;
  previous?: boolean;
  timestamps?: boolean;
  initContainers?: boolean;
  kind?: string;
  include?: string[];
  exclude?: string[];
  output?: LogOutput;
}

/** --kind's words -> the kinds the target lookup knows. */
const KINDS: Record<string, LogTargetKind> = { cluster: 'Cluster', deployment: 'Deployment', statefulset: 'StatefulSet', daemonset: 'DaemonSet', service: 'Service', job: 'Job', pod: 'Pod' };

/** A follow prints in batches this far apart, each in time order (lines of several pods arrive interleaved). */
const BATCH_MS = 100;

function window(v: LogsValues): Pick<FollowerSpec, 'tailLines' | 'sinceSeconds'> {
  const out: Pick<FollowerSpec, 'tailLines' | 'sinceSeconds'> = {};
  if (v.since !== undefined) {
    const s = parseSince(v.since);
    if (s === undefined) throw new UsageError(`--since takes a duration such as 5m, 1h or 48h, not "${v.since}".`);
    out.sinceSeconds = s;
  }
  if (v.tail !== undefined) {
    if (!/^-?\d+$/.test(v.tail) || Number(v.tail) < -1) throw new UsageError(`--tail takes a number of lines (-1 for all), not "${v.tail}".`);
    if (Number(v.tail) >= 0) out.tailLines = Number(v.tail);
  }
  if (v.previous && v.follow) throw new UsageError('--previous reads each previous instance once; leave out -f.');
  return out;
}

export async function run(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const v = opts as LogsValues;
  let win: ReturnType<typeof window>;
  try {
    win = window(v);
  } catch (err) {
    return usageFailure('logs', err);
  }
  const compiled = compileLogFilter({ include: v.include, exclude: v.exclude });
  if (!compiled.ok) {
    process.stderr.write(`sunbeam-console logs: ${compiled.error}\n`);
    return 1;
  }
  const filter = compiled.filter;
  return withSession('logs', v, async (s) => {
    const ref = targetRef(args[0]!, v.namespace, s.namespace);
    return follow(s.clients.kube, { ...ref, ...win, follow: v.follow === true, ...(v.container ? { container: v.container } : {}), ...(v.previous ? { previous: true } : {}), ...(v.initContainers ? { initContainers: true } : {}), ...(v.kind ? { preferKind: KINDS[v.kind] } : {}) }, v, filter);
  });
}

async function follow(kube: Parameters<typeof startFollower>[0], spec: FollowerSpec, v: LogsValues, filter: LogFilter): Promise<number> {
  const format = lineFormatter({ output: v.output ?? 'default', timestamps: v.timestamps === true, color: colorWanted(process.stdout) });
  const said = new Set<string>();
  const say = (sentence: string) => {
    if (said.has(sentence)) return;
    said.add(sentence);
    process.stderr.write(`sunbeam-console logs: ${sentence}\n`);
  };
  let pending: LogRecord[] = [];
  let lines = 0;
  let failed = false;
  let streams: LogStream[] = [];
  let pods = -1;
  let timer: NodeJS.Timeout | undefined;
  const print = () => {
    timer = undefined;
    const batch = pending.sort(compareTime);
    pending = [];
    let out = '';
    for (const r of batch) if (filter.keep(r.text)) out += `${format(r)}\n`;
    if (out) process.stdout.write(out);
  };
  const follower = startFollower(
    kube,
    spec,
    {
      onTarget(_t, describe) {
        pods = Number(/\((\d+) pods?\)$/.exec(describe)?.[1] ?? 1);
        if (pods === 0) say(`${describe.replace(/ \(0 pods\)$/, '')} has no pods right now${spec.follow ? '; waiting for some' : ''}.`);
      },
      onLine(r) {
        lines++;
        pending.push(r);
        if (spec.follow) timer ??= setTimeout(print, BATCH_MS);
      },
      onStreams(list) {
        streams = list;
        for (const st of list) if (st.state === 'error' && st.error) say(st.error);
      },
      onError(sentence, fatal) {
        if (fatal) failed = true;
        if (sentence) say(sentence);
      },
    },
    { statusHint: (ns) => `sunbeam-console status -n ${ns}` },
  );
  const stopOnSignal = () => follower.stop();
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    await follower.done;
  } finally {
    process.removeListener('SIGINT', stopOnSignal);
    process.removeListener('SIGTERM', stopOnSignal);
    follower.stop();
    clearTimeout(timer);
  }
  print();
  if (failed) return 1;
  if (spec.previous && streams.length === 0 && pods > 0) say(`No container of ${spec.namespace}/${spec.name} has a previous instance (none has restarted).`);
  // Nothing printed because every container failed: that is a failure, as kubectl's.
  if (lines === 0 && streams.length > 0 && streams.every((st) => st.state === 'error')) return 1;
  return 0;
}

