// `sunbeam-console journal [--json] [--incident ID] [--demo]`: prints the incident journal as a timeline (or
// its entries as JSON lines), and says how many torn lines it skipped.
import { Journal, readJournal } from '../journal/journal.js';
import { toTimeline } from '../journal/timeline.js';
import { UsageError, journalDir, parseFlags } from './action-cli.js';

export const USAGE = 'usage: sunbeam-console journal [--json] [--incident ID] [--demo]\n       sunbeam-console journal note TEXT';

export async function run(args: string[]): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseFlags(args, { json: { type: 'boolean' }, incident: { type: 'string' }, demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }));
    if (positionals.length && positionals[0] !== 'note') throw new UsageError(`unknown journal command "${positionals[0]}"; the one there is: note TEXT.`);
    if (positionals[0] === 'note' && !positionals.slice(1).join(' ').trim()) throw new UsageError('journal note needs the text of the note.');
  } catch (err) {
    process.stderr.write(`sunbeam-console journal: ${(err as UsageError).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let dir: string;
  try {
    dir = journalDir(values.demo === true);
  } catch (err) {
    process.stderr.write(`sunbeam-console journal: ${(err as Error).message}\n`);
    return 2;
  }
  if (positionals[0] === 'note') {
    const e = new Journal({ dir }).addNote(positionals.slice(1).join(' '));
    process.stdout.write(`Noted at ${e.at}${e.incident ? ` in ${e.incident}` : ''}.\n`);
    return 0;
  }
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
