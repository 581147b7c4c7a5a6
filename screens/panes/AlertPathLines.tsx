// The "Alerts -> Matrix" hops under the alerts (Prometheus -> AlertManager -> the webhook receiver -> the bot's
// credentials -> the Matrix room): one line each with its verdict and sentence, the broken hop (the deepest failing
// one: the one to fix) marked.
// It takes the hops as props (matrixPath(state) in src/ladder/alert-path.ts makes them), so it draws nothing it
// was not given; without hops it draws nothing at all.
import { Box, Text } from 'ink';
import { truncate } from '../../src/views/index.js';
import { tokenFor, tone } from '../theme.js';

export interface AlertPathHop {
  id: string;
  label: string;
  verdict: string;
  sentence: string;
}

const MARK: Record<string, string> = { ok: '✓', warn: '!', failing: '✗' };

export function AlertPathLines({ hops, broken, width }: { hops: readonly AlertPathHop[]; broken?: string; width: number }) {
  if (!hops.length) return null;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {truncate(`Alerts -> Matrix${broken ? ` · broken at ${hops.find((h) => h.id === broken)!.label}` : ''}`, width)}
      </Text>
      {hops.map((h) => (
        <Text key={h.id} color={tone(tokenFor(h.verdict))} bold={h.id === broken} wrap="truncate">
          {truncate(`  ${MARK[h.verdict] ?? '?'} ${h.label}: ${h.sentence}`, width)}
        </Text>
      ))}
    </Box>
  );
}
