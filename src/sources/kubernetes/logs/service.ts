// The console's LogsService over Kubernetes: each view (rung 3's 'follow', or any id) follows NS/NAME with
// the stern-style follower (follower.ts) and reaches the store's logs slice in batches: lines with appendLogs
// at most once every flushMs (a busy service at 5,000 lines a second is ten store writes a second, not
// 5,000), and its streams and status with setLogSource ("Deployment matrix/sol (2 pods)"). The window of the
// spec: 'tail' = tailLines per container, a duration = sinceSeconds, 'all' = everything; sinceTime wins;
// previous reads each container's previous instance once.
import type { KubeClients } from '../../../kube/client.js';
import { compareTime, DEFAULT_LOG_BUFFER, DEFAULT_TAIL_LINES, formatStamp, logWindow, type LogRecord } from '../../../logs/record.js';
import type { LogFollowSpec, LogsService } from '../../../logs/service.js';
import type { AppStore, LogViewSource } from '../../../store/index.js';
import { startFollower, type Follower, type FollowerOptions, type FollowerSpec } from './follower.js';

export interface LogsServiceOptions extends FollowerOptions {
  /** Lines kept per view (default 10,000). */
  capacity?: number;
  /** At most one store write of a view's lines per this many ms (default 100). */
  flushMs?: number;
}

interface Running {
  follower: Follower;
  lines: LogRecord[];
  patch: Partial<LogViewSource>;
  timer?: NodeJS.Timeout;
  lastFlush: number;
  failed: boolean;
}

/** What the follower is asked for, from what a view asks. */
export function followerSpec(spec: LogFollowSpec): FollowerSpec {
  const w = logWindow(spec.window ?? 'tail');
  const base: FollowerSpec = { namespace: spec.namespace, name: spec.name, follow: !spec.previous, ...(spec.container ? { container: spec.container } : {}), ...(spec.previous ? { previous: true } : {}) };
  if (spec.sinceTime !== undefined) return { ...base, sinceTime: formatStamp({ time: spec.sinceTime, nano: 0 }) };
  if (w.tail) return { ...base, tailLines: spec.tailLines ?? DEFAULT_TAIL_LINES };
  if (w.seconds) return { ...base, sinceSeconds: w.seconds };
  return base;
}

export function createLogsService(store: AppStore, kube: KubeClients, opts: LogsServiceOptions = {}): LogsService {
  const flushMs = opts.flushMs ?? 100;
  const capacity = opts.capacity ?? DEFAULT_LOG_BUFFER;
  const views = new Map<string, Running>();
  const actions = () => store.getState().actions;

  function flush(id: string, v: Running): void {
    clearTimeout(v.timer);
    v.timer = undefined;
    v.lastFlush = Date.now();
    const lines = v.lines;
    const patch = v.patch;
    v.lines = [];
    v.patch = {};
    if (lines.length) actions().appendLogs(id, lines.sort(compareTime));
    if (Object.keys(patch).length) actions().setLogSource(id, patch);
  }

  function schedule(id: string, v: Running): void {
    if (v.timer || views.get(id) !== v) return;
    v.timer = setTimeout(() => flush(id, v), Math.max(0, v.lastFlush + flushMs - Date.now()));
  }

  function stop(id: string): void {
    const v = views.get(id);
    if (!v) return;
    views.delete(id);
    v.follower.stop();
    if (!v.failed) v.patch.status = 'done';
    flush(id, v);
  }

  return {
    follow(id, spec) {
      stop(id);
      const window = spec.window ?? 'tail';
      actions().openLogView({ id, kind: 'kubernetes', title: `${spec.namespace}/${spec.name}`, window, capacity, spec });
      const v: Running = { follower: undefined as unknown as Follower, lines: [], patch: {}, lastFlush: -Infinity, failed: false };
      views.set(id, v);
      const update = (patch: Partial<LogViewSource>) => {
        Object.assign(v.patch, patch);
        schedule(id, v);
      };
      v.follower = startFollower(
        kube,
        followerSpec(spec),
        {
          onTarget: (_t, describe) => update({ describe, ...(v.failed ? {} : { status: 'following' }) }),
          onLine(r) {
            v.lines.push(r);
            schedule(id, v);
          },
          onStreams: (streams, resumes) => update({ streams, resumes }),
          onError(sentence, fatal) {
            if (fatal) {
              v.failed = true;
              update({ status: 'error', error: sentence });
            } else update({ error: sentence });
          },
        },
        opts,
      );
      void v.follower.done.then(() => {
        if (views.get(id) === v && !v.failed && spec.previous) update({ status: 'done' });
      });
    },
    stop,
    stopAll() {
      for (const id of [...views.keys()]) stop(id);
    },
  };
}
