// Recent Kubernetes events, newest first, one line each; warnings coloured.
import { Box, Text } from 'ink';
import type { EventRecord } from '../../src/store/index.js';
import { fit, formatAge } from '../../src/views/index.js';
import { tone } from '../theme.js';

export function EventsList({ events, width, height, now }: { events: readonly EventRecord[]; width: number; height: number; now: number }) {
  if (height <= 0) return null;
  const shown = events.slice(0, Math.max(0, height - 1));
  return (
    <Box flexDirection="column">
      <Text bold color={tone('muted')} wrap="truncate">
        {fit(`EVENTS (${events.length})`, width)}
      </Text>
      {shown.length === 0 ? <Text color={tone('muted')}>No recent events.</Text> : null}
      {shown.map((e) => (
        <Text key={e.key} color={e.type === 'Warning' ? tone('warn') : undefined} wrap="truncate">
          {fit(`${formatAge(e.last, now).padStart(5)} ${e.type === 'Warning' ? 'Warn' : 'Norm'} ${e.reason} ${e.involvedName}${e.count > 1 ? ` (x${e.count})` : ''}: ${e.message}`, width)}
        </Text>
      ))}
    </Box>
  );
}
