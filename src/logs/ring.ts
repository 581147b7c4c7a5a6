// A log view's bounded buffer: lines kept in time order (lines from several pods arrive interleaved, a few
// milliseconds out of order, so each is inserted where its timestamp puts it, scanning back from the newest:
// cheap for nearly ordered input), at most `capacity` of them, the oldest dropped first and counted. Mutable
// on purpose: a view follows thousands of lines a second, and copying 10,000 lines per batch would be the
// cost k9s users complain of. Whoever changes it bumps the view's version in the store (src/store/logs-slice.ts),
// which is what makes a screen draw again.
import { compareTime, type LogRecord } from './record.js';

export class LogRing {
  private buf: LogRecord[] = [];
  /** Index of the first kept line in buf (lines before it are dropped and wait for compaction). */
  private head = 0;
  /** Lines pushed since the ring was made (or cleared). */
  total = 0;
  /** Lines dropped because the ring was full. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`A log buffer holds at least one line (got ${capacity}).`);
  }

  get size(): number {
    return this.buf.length - this.head;
  }

  /** The i-th kept line, oldest first. */
  at(i: number): LogRecord | undefined {
    return i < 0 ? undefined : this.buf[this.head + i];
  }

  /** The newest line. */
  last(): LogRecord | undefined {
    return this.size ? this.buf[this.buf.length - 1] : undefined;
  }

  /** Adds lines, each at its place in time (equal times keep arrival order). */
  push(records: readonly LogRecord[]): void {
    for (const r of records) {
      let i = this.buf.length;
      while (i > this.head && compareTime(this.buf[i - 1]!, r) > 0) i--;
      if (i === this.buf.length) this.buf.push(r);
      else if (i === this.head && this.size >= this.capacity) {
        // Older than everything kept in a full ring: it would be dropped at once.
        this.total++;
        this.dropped++;
        continue;
      } else this.buf.splice(i, 0, r);
      this.total++;
    }
    const over = this.size - this.capacity;
    if (over > 0) {
      this.head += over;
      this.dropped += over;
    }
    // Compact once the dropped prefix is as long as what is kept, so memory stays within 2x capacity.
    if (this.head >= this.capacity) {
      this.buf = this.buf.slice(this.head);
      this.head = 0;
    }
  }

  /** The kept lines, oldest first (a copy). */
  toArray(): LogRecord[] {
    return this.buf.slice(this.head);
  }

  /** Calls fn for each kept line from index `from` (oldest first) until it returns false. */
  scan(fn: (r: LogRecord, i: number) => boolean | void, from = 0): void {
    for (let i = this.head + Math.max(0, from); i < this.buf.length; i++) if (fn(this.buf[i]!, i - this.head) === false) return;
  }

  clear(): void {
    this.buf = [];
    this.head = 0;
    this.total = 0;
    this.dropped = 0;
  }
}
