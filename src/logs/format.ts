// How a log line is printed, as stern does (the `logs` one-shot, the logs runbook step): `POD CONTAINER TEXT`
// with a colour per pod (none when NO_COLOR is set or stdout is not a terminal), `-o raw` the text alone,
// `-o json` one object per line ({"message","namespace","podName","containerName","timestamp"}). `--timestamps`
// puts the line's RFC3339 stamp before its text (the JSON always has it). Pure.
import { parseDuration } from './duration.js';
import { formatStamp, type LogRecord } from './record.js';

export const LOG_OUTPUTS = ['default', 'raw', 'json'] as const;
export type LogOutput = (typeof LOG_OUTPUTS)[number];

/** stern's pod colours: the bright SGR foregrounds, in order of each pod's first line. */
const POD_COLORS = [91, 92, 93, 94, 95, 96] as const;
const CONTAINER_DIM = 2;

/** Colour only on a terminal and without NO_COLOR (any non-empty value), as the console's screens. */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

export interface LineFormatOptions {
  output: LogOutput;
  timestamps: boolean;
  color: boolean;
}

/** A formatter (it remembers which colour each pod got) from a record to its printed line, without the newline. */
export function lineFormatter(o: LineFormatOptions): (r: LogRecord) => string {
  const colors = new Map<string, number>();
  const paint = (code: number, text: string) => (o.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  return (r) => {
    if (o.output === 'json') {
      return JSON.stringify({ message: r.text, namespace: r.namespace, podName: r.pod, containerName: r.container, timestamp: formatStamp(r) });
    }
    const text = o.timestamps ? `${formatStamp(r)} ${r.text}` : r.text;
    if (o.output === 'raw') return text;
    let c = colors.get(r.pod);
    if (c === undefined) colors.set(r.pod, (c = POD_COLORS[colors.size % POD_COLORS.length]!));
    return `${paint(c, r.pod)} ${paint(CONTAINER_DIM, r.container)} ${text}`;
  };
}

/** `--since 5m`, `1h`, `48h`, `1h30m`, `90s` (a Go duration, as kubectl and stern take them) -> whole seconds (rounded up); undefined if it is not one. */
export function parseSince(text: string): number | undefined {
  const ms = parseDuration(text);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}
