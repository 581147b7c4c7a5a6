// What is there now, read once: the follower without follow, its lines merged in time order, with the
// sentences of what could not be read. For the logs runbook step (and any caller that wants lines, not a stream).
import type { KubeClients } from '../../../kube/client.js';
import { compareTime, type LogRecord } from '../../../logs/record.js';
import { startFollower, type FollowerSpec } from './follower.js';
import type { ResolveOptions } from './target.js';

export interface ReadLogs {
  records: LogRecord[];
  /** "Deployment matrix/sol (2 pods)". */
  describe: string;
  pods: number;
  /** One sentence per container log that could not be read. */
  problems: string[];
}

/** Reads every container's window once. Rejects with one sentence when there is nothing to read (not found, forbidden, unreachable). */
export function readLogsOnce(kube: KubeClients, spec: Omit<FollowerSpec, 'follow'>, opts: Pick<ResolveOptions, 'statusHint'> = {}): Promise<ReadLogs> {
  const records: LogRecord[] = [];
  const problems = new Set<string>();
  let describe = `${spec.namespace}/${spec.name}`;
  let pods = 0;
  let fatal: string | undefined;
  const follower = startFollower(
    kube,
    { ...spec, follow: false },
    {
      onTarget(t, d) {
        describe = d;
        pods = t.kind === 'Pod' ? 1 : Number(/\((\d+) pods?\)$/.exec(d)?.[1] ?? 0);
      },
      onLine: (r) => records.push(r),
      onStreams(streams) {
        for (const s of streams) if (s.state === 'error' && s.error) problems.add(s.error);
      },
      onError(sentence, isFatal) {
        if (isFatal) fatal = sentence;
        else if (sentence) problems.add(sentence);
      },
    },
    opts,
  );
  return follower.done.then(() => {
    follower.stop();
    if (fatal) throw new Error(fatal);
    return { records: records.sort(compareTime), describe, pods, problems: [...problems] };
  });
}
