// One container's log through client-node's Log, always with timestamps=true: each line parsed into its time
// and text (src/logs/record.ts), the end reported once (the server ended the body, or the connection failed),
// and a stop() that ends it without an error escaping.
//
// Why the 'pipe' listener: Log.log() pipes the response (Readable.fromWeb) into our Writable, and pipe() does
// not forward the source's errors. An aborted follow (our stop) makes that source emit an AbortError, and a
// dropped connection a "terminated" TypeError; with no listener on the source either one is an uncaught
// exception thrown from inside the library (test/unit/log-abort.test.ts shows it). The Writable is told its
// source by the 'pipe' event, synchronously inside pipe(), so the listener is there before any error.
import { StringDecoder } from 'node:string_decoder';
import { Writable, type Readable } from 'node:stream';
import type { Log } from '@kubernetes/client-node';
import { formatStamp, parseStampedLine } from '../../../logs/record.js';

export interface ContainerLogRequest {
  namespace: string;
  pod: string;
  container: string;
  follow: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC3339 (with a fraction if wanted). */
  sinceTime?: string;
}

export interface StampedLine {
  time: number;
  nano: number;
  text: string;
}

export interface ContainerLogHandle {
  /** Ends the request; onEnd is not called afterwards. */
  stop(): void;
}

/** The error an aborted undici body stream emits (a DOMException named AbortError). */
function isAbortError(err: unknown): boolean {
  return (err as { name?: unknown })?.name === 'AbortError';
}

/** client-node drops falsy options, so `tailLines: 0` would mean every line; "nothing before now" is sinceTime now. */
function logOptions(req: ContainerLogRequest, now: number): Record<string, unknown> {
  const o: Record<string, unknown> = { follow: req.follow, previous: req.previous === true, timestamps: true };
  if (req.tailLines === 0) o.sinceTime = formatStamp({ time: now, nano: 0 });
  else if (req.tailLines !== undefined) o.tailLines = req.tailLines;
  if (req.sinceTime !== undefined) o.sinceTime = req.sinceTime;
  else if (req.sinceSeconds !== undefined && o.sinceTime === undefined) o.sinceSeconds = req.sinceSeconds;
  return o;
}

/**
 * Opens the log. onLine gets every complete line; onEnd once: no argument when the server ended the body
 * (the last line, even without a newline, delivered first), the error when the request or the connection
 * failed (a partial last line is then dropped: a resume asks for it again, whole).
 */
export function openContainerLog(
  log: Log,
  req: ContainerLogRequest,
  onLine: (line: StampedLine) => void,
  onEnd: (err?: unknown) => void,
  now: () => number = Date.now,
): ContainerLogHandle {
  let stopped = false;
  let ended = false;
  let controller: AbortController | undefined;
  const decoder = new StringDecoder('utf8');
  let rest = '';

  const emit = (raw: string) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const parsed = parseStampedLine(line);
    onLine(parsed ?? { time: now(), nano: 0, text: line });
  };
  const feed = (text: string) => {
    const parts = (rest + text).split('\n');
    rest = parts.pop()!;
    for (const p of parts) {
      if (stopped || ended) return;
      emit(p);
    }
  };
  const end = (err?: unknown) => {
    if (ended || stopped) return;
    if (err === undefined) {
      feed(decoder.end());
      if (rest !== '') emit(rest);
    }
    rest = '';
    ended = true;
    onEnd(err);
  };

  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!stopped && !ended) feed(decoder.write(chunk));
      cb();
    },
    final(cb) {
      end();
      cb();
    },
  });
  sink.on('pipe', (source: Readable) => {
    source.on('error', (err: unknown) => {
      // Our own stop: exactly the AbortError it causes is expected (end() ignores anything else after a stop too).
      if (stopped && isAbortError(err)) return;
      end(err ?? new Error('The log stream failed.'));
    });
  });
  sink.on('error', (err) => end(err));

  log.log(req.namespace, req.pod, req.container, sink, logOptions(req, now())).then(
    (c) => {
      controller = c;
      if (stopped) c.abort();
    },
    (err: unknown) => end(err),
  );

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      controller?.abort();
    },
  };
}
