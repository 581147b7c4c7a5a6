// A pane's first line: what it is, and the state that shapes it (namespace, sort, filter, counts).
import { Box, Text } from 'ink';
import { tone } from '../theme.js';

export function PaneTitle({ title, info, width }: { title: string; info?: string; width: number }) {
  const room = Math.max(0, width - title.length - 1);
  const right = info && info.length <= room ? info : '';
  return (
    <Box width={width} justifyContent="space-between">
      <Text bold color={tone('focus')} wrap="truncate">
        {title}
      </Text>
      {right ? <Text color={tone('muted')}>{right}</Text> : null}
    </Box>
  );
}
