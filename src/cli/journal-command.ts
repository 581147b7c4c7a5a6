// `sunbeam-console journal [--json] [--incident ID] [--demo]`: prints the incident journal as a timeline (or
// its entries as JSON lines), and says how many torn lines it skipped; `journal note TEXT...` adds a note.
// Flags: program-spec.ts.
import { Journal, readJournal } from '../journal/journal.js';
import { incidentEntries, toTimeline } from '../journal/timeline.js';
import { journalDir, usageFailure } from './action-cli.js';

interface JournalValues {
  json?: boolean;
  incident?: string;
  demo?: boolean;
}

/** The journal's directory, or null after a one-sentence error (a config file that cannot be read). */
function dirFor(name: string, demo: boolean | undefined): string | null {
  try {
    return journalDir(demo === true);
  } catch (err) {
    usageFailure(name, err);
    return null;
  }
}

export async function note(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const text = args.join(' ').trim();
  if (!text) return usageFailure('journal note', new Error('journal note needs the text of the note.'));
  const dir = dirFor('journal note', (opts as JournalValues).demo);
  if (dir === null) return 2;
  const e = new Journal({ dir }).addNote(text);
  process.stdout.write(`Noted at ${e.at}${e.incident ? ` in ${e.incident}` : ''}.\n`);
  return 0;
}

export async function show(opts: Record<string, unknown>): Promise<number> {
  const values = opts as JournalValues;
  const dir = dirFor('journal', values.demo);
  if (dir === null) return 2;
  const r = readJournal(dir);
  const entries = values.incident ? incidentEntries(r.entries, values.incident) : r.entries;
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
