// `sunbeam-console coe export [--out DIR] [--author NAME] [--title TITLE] [--incident ID] [--demo]`: writes a
// COE draft in the playbook's format from the incident journal, numbered after the existing COEs.
import { exportCoe } from '../journal/coe.js';
import { osUser, readJournal } from '../journal/journal.js';
import { UsageError, config, journalDir, parseFlags } from './action-cli.js';

export const USAGE = 'usage: sunbeam-console coe export [--out DIR] [--author NAME] [--title TITLE] [--incident ID] [--demo]';

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(args, {
      out: { type: 'string' },
      author: { type: 'string' },
      title: { type: 'string' },
      incident: { type: 'string' },
      demo: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (parsed.values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'export') throw new UsageError('the coe command is: coe export.');
  } catch (err) {
    process.stderr.write(`sunbeam-console coe: ${(err as UsageError).message}\n${USAGE}\n`);
    return 2;
  }
  const { values } = parsed;
  let cfg;
  try {
    cfg = config();
  } catch (err) {
    process.stderr.write(`sunbeam-console coe: ${(err as Error).message}\n`);
    return 2;
  }
  const r = readJournal(journalDir(values.demo === true, cfg));
  if (values.incident && !r.entries.some((e) => e.incident === values.incident)) {
    process.stderr.write(`sunbeam-console coe: the journal has no incident ${values.incident}.\n`);
    return 1;
  }
  if (r.entries.length === 0) {
    process.stderr.write('sunbeam-console coe: the journal is empty, so there is nothing to write up.\n');
    return 1;
  }
  try {
    const d = exportCoe({ journalEntries: r.entries, outDir: values.out ?? cfg.coeDir ?? 'docs/ops/', author: values.author ?? osUser(), title: values.title, incident: values.incident });
    process.stdout.write(`${d.path}\n`);
    process.stderr.write(`Wrote the draft ${d.id}; review the severity, root cause and lessons before publishing.\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`sunbeam-console coe: could not write the draft: ${(err as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}
