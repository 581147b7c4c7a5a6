// `sunbeam-console mon loki logs QUERY [--since 1h] [--limit 30] [--forward] [-f] [-o json|raw]` (and its alias
// `mon logs`): the playbook's `sunbeam mon loki logs '{level="error"}'`, as logcli's query prints it. Without
// -f: the newest --limit lines of the last --since (oldest first with --forward), paged past Loki's own
// limit. With -f: the newest --limit lines oldest first, then the live tail, resumed without duplicates or
// gaps when Loki ends it (its tail max duration, a dropped connection), until Ctrl-C. LOKI_ADDR and the other
// LOKI_* variables say where Loki is and how to log in (as logcli reads them); --demo uses the simulated
// Box's. Exit 0 printed, 1 Loki refused the query or failed, 2 bad usage or LOKI_ADDR unset. Flags: program-spec.ts.
import { lokiSettings } from '../session/loki-env.js';
import { lokiClient, type LokiClient } from '../sources/loki/client.js';
import { ResumeCursor } from '../sources/loki/cursor.js';
import { LokiError } from '../sources/loki/errors.js';
import { followLoki } from '../sources/loki/follow.js';
import { DEFAULT_BATCH, fetchPaged } from '../sources/loki/pager.js';
import { msToNs, type LokiEntry } from '../sources/loki/records.js';
import { prepare, UsageError, usageFailure } from './action-cli.js';
import { parseDuration } from '../logs/duration.js';
import { commonLabels, formatter, labelsText, type MonOutput } from './mon-format.js';
import type { Session } from '../session/index.js';

const NAME = 'mon loki logs';

interface MonValues {
  since?: string;
  limit?: string;
  forward?: boolean;
  follow?: boolean;
  output?: string;
  demo?: boolean;
  scenario?: string;
}

function outputOf(v: string | undefined): MonOutput {
  if (v === undefined || v === 'default') return 'default';
  if (v === 'raw') return 'raw';
  if (v === 'json' || v === 'jsonl') return 'json';
  throw new UsageError(`-o takes json or raw, not "${v}".`);
}

function limitOf(v: string | undefined): number {
  if (v === undefined) return 30;
  if (!/^\d+$/.test(v)) throw new UsageError(`--limit must be a number of lines (0 for all), not "${v}".`);
  return Number(v);
}

function write(lines: string[]): void {
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
}

/** The Loki client: the simulated Box's under --demo, else LOKI_ADDR's. */
async function connect(values: MonValues): Promise<{ client: LokiClient; session?: Session }> {
  if (values.demo) {
    const session = await prepare({ demo: true, ...(values.scenario ? { scenario: values.scenario } : {}) }).connect();
    if (!session.clients.loki) {
      await session.stop();
      throw new LokiError('error', 'the simulated Box serves no Loki in this build.');
    }
    return { client: session.clients.loki, session };
  }
  if (values.scenario) throw new UsageError('--scenario only goes with --demo.');
  const settings = lokiSettings(process.env);
  if (!settings) throw new UsageError("LOKI_ADDR is not set: set it to Loki's address (for example export LOKI_ADDR=https://loki.example:3100), or use --demo for the simulated Box.");
  if (settings.problem) throw new UsageError(settings.problem);
  return { client: lokiClient(settings) };
}

/** Until SIGINT or SIGTERM (0), or Loki refuses the query (1). */
function followUntilStopped(client: LokiClient, query: string, cursor: ResumeCursor, print: (entries: LokiEntry[]) => void): Promise<number> {
  return new Promise((resolve) => {
    let lastSaid = '';
    const f = followLoki(client, { query, cursor }, {
      onEntries: print,
      onState(s) {
        if (s.state === 'streaming') {
          lastSaid = '';
          return;
        }
        if (s.state === 'failed') {
          done();
          process.stderr.write(`sunbeam-console ${NAME}: ${s.error.message}\n`);
          resolve(1);
          return;
        }
        // Loki's tail limit is routine: resumed without a word. Anything else is said once until it streams again.
        if (s.error.kind !== 'tail-limit' && s.error.message !== lastSaid) {
          lastSaid = s.error.message;
          process.stderr.write(`sunbeam-console ${NAME}: ${s.error.message} Reconnecting...\n`);
        }
      },
    });
    const onSignal = () => {
      done();
      resolve(0);
    };
    function done(): void {
      f.stop();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function run(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const values = opts as MonValues;
  const query = args[0] ?? '';
  let output: MonOutput;
  let limit: number;
  let sinceMs: number;
  try {
    if (!query.trim()) throw new UsageError('give a LogQL query, for example \'{level="error"}\'.');
    output = outputOf(values.output);
    limit = limitOf(values.limit);
    const since = parseDuration(values.since ?? '1h');
    if (since === undefined) throw new UsageError(`--since must be a duration such as 1h, 15m or 90s, not "${values.since}".`);
    sinceMs = since;
  } catch (err) {
    return usageFailure(NAME, err);
  }
  let opened: { client: LokiClient; session?: Session } | undefined;
  try {
    opened = await connect(values);
    const { client } = opened;
    const end = Date.now();
    const direction = values.forward && !values.follow ? 'forward' : 'backward';
    const entries = await fetchPaged((p) => client.queryRange({ query, ...p }), { start: msToNs(end - sinceMs), end: msToNs(end), limit, batch: limit > 0 ? Math.min(limit, DEFAULT_BATCH) : DEFAULT_BATCH, direction });
    if (!values.follow) {
      const common = output === 'default' && entries.length > 1 ? commonLabels(entries) : {};
      if (Object.keys(common).length) process.stderr.write(`Common labels: ${labelsText(common)}\n`);
      write(formatter(output, common).lines(entries));
      return 0;
    }
    entries.reverse();
    const fmt = formatter(output);
    write(fmt.lines(entries));
    const cursor = new ResumeCursor(entries.length ? undefined : msToNs(end));
    cursor.filter(entries);
    return await followUntilStopped(client, query, cursor, (fresh) => write(fmt.lines(fresh)));
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(NAME, err);
    const msg = err instanceof LokiError ? err.message : `${(err as Error).message.split('\n')[0]}`;
    process.stderr.write(`sunbeam-console ${NAME}: ${msg}\n`);
    return 1;
  } finally {
    await opened?.session?.stop();
  }
}
