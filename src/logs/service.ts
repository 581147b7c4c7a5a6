// What the console's commands and keys ask of log following, without knowing where lines come from: open a
// view on a namespace/name (rung 3) with a window, a container, the previous instance or a start time (rung
// 7's Enter: just before an error line), and close it. The Kubernetes follower implements it over the
// session's clients (src/sources/kubernetes/logs/), writing each view's lines and state into the store's logs
// slice; a test can pass its own.
import type { LogWindowId } from './record.js';

export interface LogFollowSpec {
  namespace: string;
  /** A Service, Deployment, StatefulSet, DaemonSet, CloudNativePG cluster or pod name. */
  name: string;
  /** Only this container (a name); default every container of every pod. */
  container?: string;
  /** The previous instance of each container (`kubectl logs --previous`): read once, not followed. */
  previous?: boolean;
  /** Default 'tail'. Ignored when sinceTime is set. */
  window?: LogWindowId;
  /** ms epoch: lines from this moment on (rung 7's Enter opens the service just before an error line). */
  sinceTime?: number;
  /** tailLines for the 'tail' window (default DEFAULT_TAIL_LINES). */
  tailLines?: number;
}

export interface LogsService {
  /** Opens (or re-opens, replacing what it followed) the view `viewId` on `spec`. */
  follow(viewId: string, spec: LogFollowSpec): void;
  /** Stops the view's streams; its lines stay in the store. */
  stop(viewId: string): void;
  /** Stops every view (the console quits). */
  stopAll(): void;
}
