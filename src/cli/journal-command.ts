// `sunbeam-console journal [--json] [--incident ID] [--demo]`: prints the incident journal as a timeline (or
// its entries as JSON lines), and says how many torn lines it skipped.
import { readJournal } from '../journal/journal.js';
import { toTimeline } from '../journal/timeline.js';
import { UsageError, journalDir, parseFlags } from './action-cli.js';

export const USAGE = 'usage: sunbeam-console journal [--json] [--incident ID] [--demo]';

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseFlags(args, { json: { type: 'boolean' }, incident: { type: 'string' }, demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false));
  } catch (err) {
    process.stderr.write(`sunbeam-console journal: ${(err as UsageError).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dir = journalDir(values.demo === true);
  const r = readJournal(dir);
  const entries = values.incident ? r.entries.filter((e) => e.incident === values.incident) : r.entries;
  if (values.json) {
    for (const e of entries) process.stdout.write(`${JSON.stringify(e)}\n`);
  } else if (entries.length === 0) {
    process.stdout.write(`The journal in ${dir} is empty${values.incident ? ` for incident ${values.incident}` : ''}.\n`);
  } else {
    for (const row of toTimeline(entries)) process.stdout.write(`${row.at.slice(0, 10)} ${row.time}  ${row.kind.padEnd(8)} ${row.text}\n`);
  }
  if (r.skipped) process.stderr.write(`Skipped ${r.skipped} unreadable journal line(s) (a torn write after a crash).\n`);
  return 0;
}
