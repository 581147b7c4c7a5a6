// Resuming a container's log after a dropped connection without losing or repeating a line (stern#230 does
// the first half): ask again with sinceTime = the last line's time, then skip what was already seen. The API
// server reads sinceTime to the second (and the kubelet then sends every line from that second on), so the
// new stream starts with lines older than the last one seen; and several lines can carry the very same
// timestamp, so among lines stamped exactly like the last seen one, as many as were seen are skipped. Pure.
import { compareTime, formatStamp, type LogRecord } from '../../../logs/record.js';

type Stamp = Pick<LogRecord, 'time' | 'nano'>;

/** Where a stream got to: its last line's time and how many lines carried exactly that time. */
export interface ResumePoint {
  time: number;
  nano: number;
  /** Lines seen with exactly this time (≥ 1). */
  atTime: number;
}

/** The point after one more line of the stream (lines of one container arrive in time order). */
export function advance(p: ResumePoint | undefined, r: Stamp): ResumePoint {
  if (p && compareTime(p, r) === 0) return { ...p, atTime: p.atTime + 1 };
  return { time: r.time, nano: r.nano, atTime: 1 };
}

/** The sinceTime to resume from: the last line's own stamp (a server that reads it to the second sends more, which the skipper drops). */
export function resumeSince(p: ResumePoint): string {
  return formatStamp(p);
}

/**
 * A filter for the resumed stream's lines, in the order they arrive: false for a line seen before the drop
 * (older than the point, or one of the `atTime` lines stamped exactly like it), true from the first line that
 * is new on.
 */
export function resumeSkipper(p: ResumePoint): (r: Stamp) => boolean {
  let skippedAtTime = 0;
  let through = false;
  return (r) => {
    if (through) return true;
    const c = compareTime(r, p);
    if (c < 0) return false;
    if (c === 0 && skippedAtTime < p.atTime) {
      skippedAtTime++;
      return false;
    }
    through = true;
    return true;
  };
}
