// The logs slice: one entry per log view ('follow' is rung 3's, 'errors' rung 7's), each with its bounded
// buffer of lines (a LogRing, mutated in place by its source and announced by bumping `version`: a view can
// take thousands of lines a second without a copy per line), what it follows and how that is going (written by
// its source: the Kubernetes follower or the Loki source), and how the pane shows it (written by the keys:
// paused, wrap, timestamps, the exclude and highlight regexes, the scroll position).
import { LogRing } from '../logs/ring.js';
import type { LogRecord, LogWindowId } from '../logs/record.js';
import type { LogFollowSpec } from '../logs/service.js';
import type { GetState, SetState } from './slice.js';

/** One container's stream in a view. */
export interface LogStream {
  pod: string;
  container: string;
  /** 'streaming', 'reconnecting' (dropped; resuming from its last line), 'ended' (the container stopped or the pod went away), 'error'. */
  state: 'streaming' | 'reconnecting' | 'ended' | 'error';
  /** One sentence, for 'error' and 'reconnecting'. */
  error?: string;
}

export interface LogViewSource {
  /** 'resolving' (finding what NS/NAME is), 'following', 'done' (a one-time read: --previous, or a window without follow), 'error'. */
  status: 'resolving' | 'following' | 'done' | 'error';
  /** What the name resolved to, for the title: "Deployment matrix/sol (2 pods)"; Loki: the query. */
  describe?: string;
  /** One sentence: why the view cannot follow (not found, forbidden, unreachable). */
  error?: string;
  streams: LogStream[];
  /** Times the view's streams resumed after a dropped connection (shown with the stream count). */
  resumes: number;
}

export interface LogViewDisplay {
  /** false: paused; the buffer keeps filling and the pane counts what arrived since (ring.total - pausedAt). */
  follow: boolean;
  /** ring.total when the view was paused. */
  pausedAt: number;
  wrap: boolean;
  timestamps: boolean;
  /** Regex sources ('' when none): drop lines matching exclude, highlight matches (the include regex is the pane filter, `/`). */
  exclude: string;
  highlight: string;
  /** Lines scrolled up from the newest (0: at the bottom). */
  offset: number;
}

export interface LogView {
  id: string;
  kind: 'kubernetes' | 'loki';
  /** 'matrix/sol', or a LogQL query. */
  title: string;
  /** What was asked for (Kubernetes views): re-opening with another window or container starts from it. */
  spec?: LogFollowSpec;
  window: LogWindowId;
  ring: LogRing;
  /** Bumped after every change to ring (selectors compare it, not the ring). */
  version: number;
  source: LogViewSource;
  display: LogViewDisplay;
}

export interface LogsSlice {
  logs: { views: Record<string, LogView> };
}

export const emptyLogs = (): LogsSlice['logs'] => ({ views: {} });

export const defaultLogDisplay = (): LogViewDisplay => ({ follow: true, pausedAt: 0, wrap: false, timestamps: false, exclude: '', highlight: '', offset: 0 });

export interface LogsActions {
  /** Creates the view (or empties an existing one, keeping its display) for a new target or window. */
  openLogView(v: { id: string; kind: LogView['kind']; title: string; window: LogWindowId; capacity: number; spec?: LogFollowSpec }): void;
  /** Adds lines to a view's ring and bumps its version (sources call it once per batch, not per line). */
  appendLogs(id: string, records: readonly LogRecord[]): void;
  setLogSource(id: string, patch: Partial<LogViewSource>): void;
  setLogDisplay(id: string, patch: Partial<LogViewDisplay>): void;
  closeLogView(id: string): void;
}

export function logsActions(set: SetState<LogsSlice>, get: GetState<LogsSlice>): LogsActions {
  const put = (view: LogView) => set({ logs: { views: { ...get().logs.views, [view.id]: view } } });
  const view = (id: string) => get().logs.views[id];
  return {
    openLogView({ id, kind, title, window, capacity, spec }) {
      const old = view(id);
      const ring = old && old.ring.capacity === capacity ? old.ring : new LogRing(capacity);
      ring.clear();
      put({
        id,
        kind,
        title,
        window,
        ...(spec ? { spec } : {}),
        ring,
        version: (old?.version ?? 0) + 1,
        source: { status: 'resolving', streams: [], resumes: 0 },
        display: old ? { ...old.display, offset: 0, follow: true, pausedAt: 0 } : defaultLogDisplay(),
      });
    },
    appendLogs(id, records) {
      const v = view(id);
      if (!v || records.length === 0) return;
      v.ring.push(records);
      put({ ...v, version: v.version + 1 });
    },
    setLogSource(id, patch) {
      const v = view(id);
      if (v) put({ ...v, source: { ...v.source, ...patch } });
    },
    setLogDisplay(id, patch) {
      const v = view(id);
      if (v) put({ ...v, display: { ...v.display, ...patch } });
    },
    closeLogView(id) {
      if (!view(id)) return;
      const { [id]: _gone, ...rest } = get().logs.views;
      set({ logs: { views: rest } });
    },
  };
}
