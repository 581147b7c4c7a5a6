// Recent Kubernetes events, newest first, one line each (v in the drill-down opens them in full); warnings coloured.
import { Box, Text } from 'ink';
import type { EventRecord } from '../../src/store/index.js';
import { fit, formatAge } from '../../src/views/index.js';
import { tone } from '../theme.js';

/** `hint`: the pane has the keys, so v opens the events in full (said in the header). */
export function EventsList({ events, width, height, now, hint = false }: { events: readonly EventRecord[]; width: number; height: number; now: number; hint?: boolean }) {
  if (height <= 0) return null;
  const shown = events.slice(0, Math.max(0, height - 1));
  return (
    <Box flexDirection="column">
      <Text bold color={tone('muted')} wrap="truncate">
        {fit(`EVENTS (${events.length})${hint && events.length ? ' · v shows them in full' : ''}`, width)}
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
