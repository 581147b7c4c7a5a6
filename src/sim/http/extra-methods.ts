// Node's HTTP parser knows a fixed list of methods, and OpenBao's LIST (which Vault clients such as
// node-vault and the bao CLI send) is not one of them. This wraps a connection so that a request whose
// method is in `methods` reaches the parser as GET with the real method in the `x-sim-method` header;
// everything else passes through byte for byte. Request framing is followed by Content-Length; a chunked
// body or a protocol upgrade ends the rewriting for that connection (Vault clients send neither with LIST).
import { Duplex } from 'node:stream';

/** The header that carries the method the parser could not take. */
export const ORIGINAL_METHOD_HEADER = 'x-sim-method';
const MAX_HEAD = 64 * 1024;

export function withExtraMethods(socket: Duplex, methods: readonly string[]): Duplex {
  let mode: 'head' | 'body' | 'pass' = 'head';
  let pending = Buffer.alloc(0);
  let bodyLeft = 0;

  const rewrite = (chunk: Buffer): Buffer => {
    const out: Buffer[] = [];
    let buf = Buffer.concat([pending, chunk]);
    pending = Buffer.alloc(0);
    while (buf.length) {
      if (mode === 'pass') {
        out.push(buf);
        break;
      }
      if (mode === 'body') {
        const n = Math.min(bodyLeft, buf.length);
        out.push(buf.subarray(0, n));
        bodyLeft -= n;
        buf = buf.subarray(n);
        if (!bodyLeft) mode = 'head';
        continue;
      }
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > MAX_HEAD) {
          mode = 'pass';
          out.push(buf);
        } else {
          pending = buf;
        }
        break;
      }
      let head = buf.subarray(0, end + 4).toString('latin1');
      buf = buf.subarray(end + 4);
      const method = head.slice(0, head.indexOf(' '));
      if (methods.includes(method)) {
        const eol = head.indexOf('\r\n');
        head = `GET${head.slice(method.length, eol)}\r\n${ORIGINAL_METHOD_HEADER}: ${method}${head.slice(eol)}`;
      }
      out.push(Buffer.from(head, 'latin1'));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (/\r\ntransfer-encoding:/i.test(head) || /\r\nupgrade:/i.test(head)) mode = 'pass';
      else if (length && Number(length[1]) > 0) {
        mode = 'body';
        bodyLeft = Number(length[1]);
      }
    }
    return Buffer.concat(out);
  };

  const wrapper = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk, encoding, cb) {
      socket.write(chunk, encoding, cb);
    },
    final(cb) {
      socket.end();
      cb();
    },
    destroy(err, cb) {
      socket.destroy(err ?? undefined);
      cb(err);
    },
  });
  socket.on('data', (d: Buffer) => {
    const b = rewrite(d);
    if (b.length && !wrapper.push(b)) socket.pause();
  });
  socket.on('end', () => wrapper.push(null));
  socket.on('error', (e) => wrapper.destroy(e));
  socket.on('close', () => wrapper.destroy());
  return wrapper;
}
