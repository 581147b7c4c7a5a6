// The user's runbooks: `<configDir>/runbooks/*.yaml`, validated with the same schema as the built-ins. A bad
// file gives clear errors naming the file and the field, and does not stop the others from loading.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type Runbook, validateRunbook } from './schema.js';

export interface LoadedRunbooks {
  runbooks: Runbook[];
  /** "runbooks/foo.yaml: steps[0].action: expected one of restart, delete, ..." */
  errors: string[];
}

export function loadUserRunbooks(configDir: string, taken: ReadonlySet<string> = new Set()): LoadedRunbooks {
  const dir = join(configDir, 'runbooks');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch {
    return { runbooks: [], errors: [] };
  }
  const out: LoadedRunbooks = { runbooks: [], errors: [] };
  const seen = new Set(taken);
  for (const n of names) {
    const where = `runbooks/${n}`;
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(dir, n), 'utf8'));
    } catch (err) {
      out.errors.push(`${where}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
      continue;
    }
    const r = validateRunbook(doc, where);
    if (!r.ok) {
      out.errors.push(...r.errors);
      continue;
    }
    if (seen.has(r.runbook.id)) {
      out.errors.push(`${where}: id: "${r.runbook.id}" is already taken by another runbook`);
      continue;
    }
    seen.add(r.runbook.id);
    out.runbooks.push(r.runbook);
  }
  return out;
}
