// The left column: the seven rungs in the playbook's order, each with its live verdict and a short count. A
// summary longer than the column wraps onto the rows the column has spare (first come, first served in the
// ladder's order) before it is cut; from 120 columns the column widens to the longest summary (App).
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useAppStore } from '../hooks/useAppStore.js';
import { useLadder } from '../hooks/useLadder.js';
import type { RungVerdict } from '../src/ladder/types.js';
import { RUNG_TABLE } from '../src/ladder/rung-table.js';
import { displayWidth, fit, truncate, wrapToWidth } from '../src/views/index.js';
import { tokenFor, tone } from './theme.js';

const WORD: Record<string, string> = { ok: 'ok', warn: 'warn', failing: 'failing', unknown: 'unknown', 'not-connected': 'off' };
const INDENT = '   ';

const summaryOf = (v: RungVerdict) => (v.verdict === 'not-connected' ? 'not connected' : v.summary);

const Rung = memo(function Rung({ v, selected, width, lines }: { v: RungVerdict; selected: boolean; width: number; lines: number }) {
  const word = WORD[v.verdict] ?? v.verdict;
  const title = fit(`${selected ? '▶' : ' '}${v.id} ${v.title}`, Math.max(1, width - word.length - 1));
  const wrapped = wrapToWidth(`${INDENT}${summaryOf(v)}`, width, INDENT);
  const shown = wrapped.length > lines ? [...wrapped.slice(0, lines - 1), truncate(wrapped.slice(lines - 1).join(' ').replace(/\s+/g, ' '), width)] : wrapped;
  return (
    <Box flexDirection="column">
      <Text inverse={selected} bold={selected} wrap="truncate">
        {title} <Text color={tone(v.verdict === 'not-connected' ? 'muted' : tokenFor(v.verdict))}>{word}</Text>
      </Text>
      {shown.map((l, i) => (
        <Text key={i} color={tone('muted')} wrap="truncate">
          {fit(l, width)}
        </Text>
      ))}
    </Box>
  );
});

function useRungs(): RungVerdict[] {
  const ladder = useLadder();
  return RUNG_TABLE.map((r) => ladder.rungs.find((v) => v.id === r.id) ?? { id: r.id, title: r.title, question: r.question, command: r.command, verdict: 'unknown' as const, summary: '' });
}

/** The width the longest summary needs (App widens the column to it on wide terminals). */
export function useLadderSummaryWidth(): number {
  return useRungs().reduce((n, v) => Math.max(n, displayWidth(summaryOf(v)), displayWidth(`${v.id} ${v.title} ${WORD[v.verdict] ?? v.verdict}`)), 0);
}

/** The summary rows of each rung: one each, then the spare rows to the summaries that wrap, in ladder order. */
export function summaryRows(needs: readonly number[], height: number): number[] {
  let spare = Math.max(0, height - needs.length * 2);
  return needs.map((n) => {
    const extra = Math.min(spare, Math.max(0, n - 1));
    spare -= extra;
    return 1 + extra;
  });
}

export function LadderColumn({ width, height }: { width: number; height: number }) {
  const rung = useAppStore((s) => s.ui.rung);
  const rungs = useRungs();
  const rows = summaryRows(
    rungs.map((v) => wrapToWidth(`${INDENT}${summaryOf(v)}`, width, INDENT).length),
    height,
  );
  return (
    <Box flexDirection="column" width={width + 1} height={height} borderStyle="single" borderTop={false} borderBottom={false} borderLeft={false} borderColor={tone('muted')} overflow="hidden">
      {rungs.map((v, i) => (
        <Rung key={v.id} v={v} selected={v.id === rung} width={width} lines={rows[i]!} />
      ))}
    </Box>
  );
}
