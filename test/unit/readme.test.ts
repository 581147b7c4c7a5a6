// The README's key and command tables are generated from the keymap and the command table (design.md: keys
// are data). This test fails when they drift; `UPDATE_README=1 npm run test:unit -- test/unit/readme.test.ts`
// rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
  it('match the keymap and the command table', () => {
    const text = readFileSync(README, 'utf8');
    const want = withSection(withSection(text, 'keys', keyTableMarkdown()), 'commands', commandTableMarkdown());
    if (process.env.UPDATE_README === '1' && want !== text) writeFileSync(README, want);
    else expect(text).toBe(want);
  });
});
