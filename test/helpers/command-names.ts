// Which commands a text names that this program does not have: `sunbeam-console VERB` with a VERB that
// src/cli/main.ts does not dispatch, any bare `sunbeam VERB` (the playbook's program, not this one), and a
// `:command` the console's command line does not know.
import { CLI_VERBS } from '../../src/cli/main.js';
import { findCommand } from '../../src/commands/index.js';

/** What is wrong with the commands a text names; empty when it names only real ones. */
export function unknownCommands(text: string): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(/\bsunbeam-console\s+([a-z][a-z0-9-]*)/g)) if (!CLI_VERBS.includes(m[1]!)) bad.push(`sunbeam-console ${m[1]}: no such verb`);
  for (const m of text.matchAll(/\bsunbeam(?!-console)\s+([a-z][a-z0-9-]*)/g)) bad.push(`sunbeam ${m[1]}: the playbook's program, not this one`);
  for (const m of text.matchAll(/(?:^|[\s(]):([a-z][a-z0-9!?]*)/g)) if (!findCommand(m[1]!)) bad.push(`:${m[1]}: no such console command`);
  return bad;
}

