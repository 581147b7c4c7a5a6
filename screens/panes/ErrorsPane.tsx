// Rung 7: the error lines across the Box from Loki (the source's query, default {level="error"}, over the last
// 15 minutes, live): the services they come from with their counts and a sparkline each, then the lines
// (the same view and keys as rung 3). Enter on a line follows its service in rung 3 from just before it;
// e edits the query. Without LOKI_ADDR: not connected, and how to connect.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useAppStore } from '../../hooks/useAppStore.js';
import { useTick } from '../../hooks/useTick.js';
import { ERRORS_VIEW } from '../../src/console/log-keys.js';
import { humanDuration } from '../../src/ladder/age.js';
import { rungTitle } from '../../src/ladder/rung-table.js';
import { sourceStateWords } from '../../src/ladder/source-state.js';
import { errorServiceRows } from '../../src/views/error-services.js';
import { tone } from '../theme.js';
import { LogView } from './LogsPane.js';
import { PaneTitle } from './PaneTitle.js';

export function ErrorsPane({ width, height }: { width: number; height: number }) {
  const health = useAppStore((s) => s.sources.loki);
  const loki = useAppStore((s) => s.loki);
  const now = useTick(10_000);
  const maxRows = Math.max(2, Math.min(8, Math.floor((height - 4) / 3)));
  const rows = useMemo(() => errorServiceRows(loki.services, width, maxRows, humanDuration(loki.bucketMs)), [loki.services, width, maxRows, loki.bucketMs]);
  if (!health || health.state === 'not-connected') {
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <PaneTitle title={rungTitle(7)} width={width} />
        <Text color={tone('muted')} wrap="wrap">
          not connected — set LOKI_ADDR (and LOKI_ORG_ID, LOKI_BEARER_TOKEN or LOKI_USERNAME/LOKI_PASSWORD as logcli reads them), or try --demo.
        </Text>
      </Box>
    );
  }
  const window = humanDuration(loki.windowMs);
  const age = loki.checkedAt ? humanDuration(Math.max(0, now - loki.checkedAt)) : undefined;
  const down = health.state !== 'ok' ? sourceStateWords(health.state) : undefined;
  const head = down
    ? { text: `Loki ${down}${age ? `; the last data is ${age} old` : ''}: cannot tell what is failing now.`, tone: 'warn' as const }
    : !loki.checkedAt
      ? { text: 'Asking Loki…', tone: 'muted' as const }
      : loki.services.length === 0
        ? { text: `No error lines in the last ${window} (${loki.query}).`, tone: 'ok' as const }
        : { text: `${loki.services.reduce((a, s) => a + s.count, 0)} error lines in the last ${window} from ${loki.services.length} service${loki.services.length === 1 ? '' : 's'} (${loki.query}):`, tone: 'warn' as const };
  const top = 2 + rows.length;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneTitle title={rungTitle(7)} width={width} />
      <Text color={tone(head.tone)} wrap="truncate">
        {head.text}
      </Text>
      {rows.map((r) => (
        <Text key={r.key} color={tone(r.tone)} wrap="truncate">
          {r.text}
        </Text>
      ))}
      <LogView id={ERRORS_VIEW} width={width} height={Math.max(3, height - top)} title="Error lines · Enter follows its service · e query" empty={['No error lines yet.']} />
    </Box>
  );
}
