// Where a stream of Loki entries stands, so that a resumed tail or a catch-up query adds no line twice and
// skips none: the newest timestamp seen, and which entries (stream + line) were seen at exactly that
// nanosecond. A resume asks from that nanosecond on, inclusive (Loki's start is inclusive): entries at it that
// were already seen are dropped, entries at it that were not (another stream's line with the same stamp) are
// kept. That is the fix for logcli's duplicated line at a tail retry (grafana/loki#8692) without its gap.
import { compareNs, entryKey, type LokiEntry } from './records.js';

export class ResumeCursor {
  private newest: string | undefined;
  private atNewest = new Set<string>();

  /** `from`: a point already covered (the end of a history query that found nothing), if any. */
  constructor(from?: string) {
    this.newest = from;
  }

  /** The nanosecond to resume from (inclusive); undefined before anything was seen. */
  get ns(): string | undefined {
    return this.newest;
  }

  /**
   * Whether the entry is new, noting it. An entry older than the newest (a line that reached Loki late, out of
   * order) is new: a resume never asks before the newest, so it cannot come twice.
   */
  admit(e: LokiEntry): boolean {
    const c = this.newest === undefined ? 1 : compareNs(e.ns, this.newest);
    if (c < 0) return true;
    const key = entryKey(e);
    if (c > 0) {
      this.newest = e.ns;
      this.atNewest = new Set([key]);
      return true;
    }
    if (this.atNewest.has(key)) return false;
    this.atNewest.add(key);
    return true;
  }

  /** The new entries of a batch, in its order. */
  filter(entries: readonly LokiEntry[]): LokiEntry[] {
    return entries.filter((e) => this.admit(e));
  }
}
