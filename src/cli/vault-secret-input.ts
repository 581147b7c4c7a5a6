// Reading a secret for the vault one-shots without it ever becoming a string: a hidden prompt on the terminal
// (raw mode, nothing echoed, the bytes collected in a fixed Buffer), or stdin read whole into one Buffer and cut
// into lines that are views of it. The caller fills the Buffers with zeros after use; every chunk read is wiped
// as soon as it is copied.

/** Reads everything on stdin into one Buffer (the chunks wiped after the copy). */
export async function readStdinBuffer(stdin: NodeJS.ReadableStream = process.stdin): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  const all = Buffer.concat(chunks);
  for (const c of chunks) c.fill(0);
  return all;
}

/** The non-empty lines of a Buffer, as views of it (wiping the Buffer wipes them). */
export function bufferLines(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 0x0a) {
      let end = i;
      if (end > start && buf[end - 1] === 0x0d) end--;
      if (end > start) out.push(buf.subarray(start, end));
      start = i + 1;
    }
  }
  return out;
}

const MAX = 1024;

/**
 * A hidden prompt on the terminal: `prompt` on stderr, then the typed bytes, never echoed, until Enter.
 * Resolves with a Buffer of them (empty: Enter alone), or undefined on Ctrl-C / Ctrl-D.
 */
export function promptHidden(prompt: string, stdin: NodeJS.ReadStream = process.stdin, out: NodeJS.WritableStream = process.stderr): Promise<Buffer | undefined> {
  out.write(prompt);
  const buf = Buffer.alloc(MAX);
  let len = 0;
  const wasRaw = stdin.isRaw;
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve) => {
    const finish = (v: Buffer | undefined) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      out.write('\n');
      if (!v) buf.fill(0);
      resolve(v);
    };
    const onData = (chunk: Buffer) => {
      for (const byte of chunk) {
        if (byte === 0x03 || byte === 0x04) return (chunk.fill(0), finish(undefined));
        if (byte === 0x0d || byte === 0x0a) return (chunk.fill(0), finish(buf.subarray(0, len)));
        if (byte === 0x7f || byte === 0x08) {
          if (len > 0) buf[--len] = 0;
        } else if (byte >= 0x20 && byte < 0x7f && len < MAX) buf[len++] = byte;
      }
      chunk.fill(0);
    };
    stdin.on('data', onData);
  });
}
