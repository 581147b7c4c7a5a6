// The left column: the seven rungs in the playbook's order, each with its live verdict and a short count.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useAppStore } from '../hooks/useAppStore.js';
import { useLadder } from '../hooks/useLadder.js';
import type { RungVerdict } from '../src/ladder/types.js';
import { RUNG_TABLE } from '../src/ladder/rung-table.js';
import { fit } from '../src/views/index.js';
import { tokenFor, tone } from './theme.js';

const WORD: Record<string, string> = { ok: 'ok', warn: 'warn', failing: 'failing', unknown: 'unknown', 'not-connected': 'off' };

const Rung = memo(function Rung({ v, selected, width }: { v: RungVerdict; selected: boolean; width: number }) {
  const word = WORD[v.verdict] ?? v.verdict;
  const title = fit(`${selected ? '▶' : ' '}${v.id} ${v.title}`, Math.max(1, width - word.length - 1));
  return (
    <Box flexDirection="column">
      <Text inverse={selected} bold={selected} wrap="truncate">
        {title} <Text color={tone(v.verdict === 'not-connected' ? 'muted' : tokenFor(v.verdict))}>{word}</Text>
      </Text>
      <Text color={tone('muted')} wrap="truncate">{fit(`   ${v.verdict === 'not-connected' ? 'not connected' : v.summary}`, width)}</Text>
    </Box>
  );
});

export function LadderColumn({ width, height }: { width: number; height: number }) {
  const ladder = useLadder();
  const rung = useAppStore((s) => s.ui.rung);
  const rungs = RUNG_TABLE.map((r) => ladder.rungs.find((v) => v.id === r.id) ?? { id: r.id, title: r.title, question: r.question, command: r.command, verdict: 'unknown' as const, summary: '' });
  return (
    <Box flexDirection="column" width={width + 1} height={height} borderStyle="single" borderTop={false} borderBottom={false} borderLeft={false} borderColor={tone('muted')} overflow="hidden">
      {rungs.map((v) => (
        <Rung key={v.id} v={v} selected={v.id === rung} width={width} />
      ))}
    </Box>
  );
}
