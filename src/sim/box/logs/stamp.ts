// Nanosecond timestamps for one container's lines, as a container runtime records them: each line gets a
// time strictly after the previous one, so lines never share a timestamp (several lines written in the
// same millisecond differ in their sub-millisecond digits).
import type { LogLine } from '../../k8s/providers.js';

const NS_PER_MS = 1_000_000;

export class Stamper {
  private lastMs = -Infinity;
  private lastNano = 0;

  /** A stamped line written at `at` (ms), or just after the previous line if that is not earlier. */
  line(at: number, text: string): LogLine {
    let ms = Math.floor(at);
    let nano: number;
    if (ms > this.lastMs) {
      nano = Math.floor(Math.random() * (NS_PER_MS / 2));
    } else {
      ms = this.lastMs;
      nano = this.lastNano + 1 + Math.floor(Math.random() * 97);
      if (nano >= NS_PER_MS) {
        ms += 1;
        nano = Math.floor(Math.random() * 1000);
      }
    }
    this.lastMs = ms;
    this.lastNano = nano;
    return { time: new Date(ms), nano, text };
  }
}

/** A line's time as Loki writes it: nanoseconds since the epoch, a decimal string (19 digits for our era). */
export function epochNs(l: LogLine): string {
  return `${l.time.getTime()}${String(l.nano ?? 0).padStart(6, '0')}`;
}
