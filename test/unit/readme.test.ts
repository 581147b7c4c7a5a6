// The README's key, command and CLI tables are generated from the keymap, the command table and the program
// definition (design.md: keys and commands are data). This test fails when they drift;
// `UPDATE_README=1 npm run test:unit -- test/unit/readme.test.ts` rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliReferenceMarkdown } from '../../src/cli/cli-reference.js';
import { PROGRAM } from '../../src/cli/program-spec.js';
import { commandTableMarkdown } from '../../src/commands/index.js';
import { keyTableMarkdown } from '../../src/keymap/index.js';

const README = 'README.md';

function section(text: string, name: string): { start: number; end: number } {
  const open = `<!-- ${name}:start -->\n`;
  const close = `<!-- ${name}:end -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${name} markers`);
  return { start: start + open.length, end };
}

function withSection(text: string, name: string, body: string): string {
  const { start, end } = section(text, name);
  return text.slice(0, start) + body + text.slice(end);
}

describe('README tables', () => {
  it('match the keymap, the command table and the program definition', () => {
    const text = readFileSync(README, 'utf8');
    const want = withSection(withSection(withSection(text, 'keys', keyTableMarkdown()), 'commands', commandTableMarkdown()), 'cli', cliReferenceMarkdown(PROGRAM));
    if (process.env.UPDATE_README === '1' && want !== text) writeFileSync(README, want);
    else expect(text).toBe(want);
  });

  it('the CLI reference lists every command that runs and every flag of each', () => {
    const ref = cliReferenceMarkdown(PROGRAM);
    for (const line of ['sunbeam-console status', 'sunbeam-console check [SCOPE]', 'sunbeam-console runbook run ID [NS/NAME]', 'sunbeam-console journal note TEXT...', 'sunbeam-console coe export', 'sunbeam-console completion SHELL']) {
      expect(ref).toContain(`| \`${line}\` |`);
    }
    expect(ref).toMatch(/\| `sunbeam-console status` \|.*`-n NAMESPACE` `-A` `-o json\\\|yaml\\\|wide` `--json`/);
  });
});
