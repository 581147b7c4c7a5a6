// The journal's durable write, on its own (no imports but node:fs) so that a crash test can run it alone:
// open in append mode, write the whole line in one call, fsync, close. A process killed mid-write leaves at
// most one partial last line; the reader skips it, and the next append starts on a fresh line so that the
// torn fragment never swallows a good entry.
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';

export function appendLineDurably(path: string, line: string): void {
  const fd = openSync(path, 'a+', 0o600);
  try {
    const size = fstatSync(fd).size;
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    const buf = Buffer.from(prefix + (line.endsWith('\n') ? line : line + '\n'), 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
