// The rows of a log view (rungs 3 and 7): each row's segments in their colours (a colour per pod, the level's
// tone, highlighted matches in inverse), the cursor row in inverse when the view is scrolled or paused.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { LogRow, LogSegment } from '../../src/views/log-lines.js';
import { podColor, tone } from '../theme.js';

function segmentColor(s: LogSegment): string | undefined {
  if (s.kind === 'pod') return podColor(s.slot ?? 0);
  if (s.kind === 'stamp' || s.kind === 'marker') return tone('muted');
  if (s.level === 'error') return tone('failing');
  if (s.level === 'warn') return tone('warn');
  if (s.level === 'debug') return tone('muted');
  return undefined;
}

const Row = memo(function Row({ row }: { row: LogRow }) {
  return (
    <Text wrap="truncate" inverse={row.cursor}>
      {row.segments.map((s, i) => (
        <Text key={i} color={segmentColor(s)} inverse={s.kind === 'match'} bold={s.kind === 'level' && s.level === 'error'}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}, (a, b) => a.row.key === b.row.key && a.row.cursor === b.row.cursor && a.row.segments.length === b.row.segments.length && a.row.segments.every((s, i) => s.text === b.row.segments[i]!.text && s.kind === b.row.segments[i]!.kind));

export function LogRows({ rows, height }: { rows: readonly LogRow[]; height: number }) {
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {rows.map((r) => (
        <Row key={r.key} row={r} />
      ))}
    </Box>
  );
}
