// The top bar never says "all rungs healthy" when some rung cannot tell: with rungs not connected or unknown it
// says that nothing is failing and names them (rung 3, which judges no service, is left out).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { RUNG_TABLE } from '../../src/ladder/rung-table.js';
import type { LadderResult, Verdict } from '../../src/ladder/types.js';
import { boxStore } from './fixtures.js';
import { settle } from './helpers.js';

afterEach(() => cleanup());

const ladder = (verdicts: Verdict[]): LadderResult => ({
  rungs: RUNG_TABLE.map((r, i) => ({ id: r.id, title: r.title, question: r.question, command: r.command, verdict: verdicts[i]!, summary: '' })),
  findings: [],
  overall: 'ok',
});

async function topLine(verdicts: Verdict[]): Promise<string> {
  const r = render(<Console store={boxStore()} evaluate={() => ladder(verdicts)} quit={vi.fn()} size={{ columns: 160, rows: 30 }} />);
  await settle();
  return (r.lastFrame() ?? '').split('\n')[0]!;
}

describe('the top bar of an ok ladder', () => {
  it('says all rungs healthy only when every rung judged so', async () => {
    expect(await topLine(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'])).toContain('│ OK │ all rungs healthy');
  });

  it('names the rungs that cannot tell or are not connected, rung 3 aside', async () => {
    const line = await topLine(['ok', 'ok', 'unknown', 'ok', 'ok', 'not-connected', 'unknown']);
    expect(line).toContain('│ OK │ nothing failing · cannot tell: Errors · not connected: Alerts');
    expect(line).not.toContain('all rungs healthy');
  });
});
