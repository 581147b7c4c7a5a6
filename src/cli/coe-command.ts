// `sunbeam-console coe export [--out DIR] [--author NAME] [--title TITLE] [--incident ID] [--demo]`: writes a
// COE draft in the playbook's format from the incident journal, numbered after the existing COEs. Without --out
// it goes where :coe's does (src/journal/coe-dir.ts), and stderr says where and why. Flags: program-spec.ts.
import { resolve } from 'node:path';
import { exportCoe } from '../journal/coe.js';
import { coeTarget } from '../journal/coe-dir.js';
import { osUser, readJournal } from '../journal/journal.js';
import { config, journalDir } from './action-cli.js';

interface CoeValues {
  out?: string;
  author?: string;
  title?: string;
  incident?: string;
  demo?: boolean;
}

export async function run(opts: Record<string, unknown>): Promise<number> {
  const values = opts as CoeValues;
  let cfg;
  try {
    cfg = config();
  } catch (err) {
    process.stderr.write(`sunbeam-console coe: ${(err as Error).message}\n`);
    return 2;
  }
  const dir = journalDir(values.demo === true, cfg);
  const r = readJournal(dir);
  if (values.incident && !r.entries.some((e) => e.incident === values.incident)) {
    process.stderr.write(`sunbeam-console coe: the journal has no incident ${values.incident}.\n`);
    return 1;
  }
  if (r.entries.length === 0) {
    process.stderr.write('sunbeam-console coe: the journal is empty, so there is nothing to write up.\n');
    return 1;
  }
  try {
    const to = values.out ? { dir: resolve(values.out), why: 'named by --out' } : coeTarget({ demo: values.demo === true, coeDir: cfg.coeDir, journalDir: dir, cwd: process.cwd() });
    const d = exportCoe({ journalEntries: r.entries, outDir: to.dir, author: values.author ?? osUser(), title: values.title, incident: values.incident });
    process.stdout.write(`${d.path}\n`);
    process.stderr.write(`Wrote the draft ${d.id} into ${to.dir} (${to.why}); review the severity, root cause and lessons before publishing.\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`sunbeam-console coe: could not write the draft: ${(err as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}
