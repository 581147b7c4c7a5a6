// The top bar: context, overall verdict, the first root cause, the API's health (in the words of
// src/ladder/source-state.ts), and an HH:MM clock that is the only segment to change once a minute.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useAppStore } from '../hooks/useAppStore.js';
import { useLadder } from '../hooks/useLadder.js';
import { useTick } from '../hooks/useTick.js';
import type { RungVerdict } from '../src/ladder/types.js';
import { sourceStateWords } from '../src/ladder/source-state.js';
import { formatAge, formatClock, truncate } from '../src/views/index.js';
import { tokenFor, tone } from './theme.js';

const Clock = memo(function Clock() {
  const now = useTick(60_000);
  return <Text color={tone('muted')}>{formatClock(now)}</Text>;
});

/**
 * What an ok ladder can say: "all rungs healthy" only when every rung judged so; else that nothing is failing
 * and which rungs cannot tell (not connected, or unknown; rung 3 judges no service, so it is left out).
 */
function okWords(rungs: readonly RungVerdict[]): string {
  const off = rungs.filter((r) => r.verdict === 'not-connected').map((r) => r.title);
  const unknown = rungs.filter((r) => r.verdict === 'unknown' && r.id !== 3).map((r) => r.title);
  if (!off.length && !unknown.length) return 'all rungs healthy';
  return ['nothing failing', unknown.length ? `cannot tell: ${unknown.join(', ')}` : '', off.length ? `not connected: ${off.join(', ')}` : ''].filter(Boolean).join(' · ');
}

export function TopBar({ width }: { width: number }) {
  const ladder = useLadder();
  const context = useAppStore((s) => s.kube.context);
  const readOnly = useAppStore((s) => s.ui.readOnly);
  const apiState = useAppStore((s) => s.sources.kubernetes?.state);
  // The last success matters only while the API is not ok (it changes on every read otherwise).
  const lastSuccess = useAppStore((s) => (s.sources.kubernetes?.state === 'ok' ? undefined : s.sources.kubernetes?.lastSuccess));
  const verdict = ladder.overall === 'not-connected' ? 'NOT CONNECTED' : ladder.overall.toUpperCase();
  const now = useTick(10_000);
  const age = lastSuccess ? `, data ${formatAge(new Date(lastSuccess).toISOString(), now)} old` : '';
  // The same words as the rung summaries and `status`/`check`: "API refused our credentials", "API timing out".
  const apiBad = apiState && apiState !== 'ok' && apiState !== 'connecting' ? ` │ API ${sourceStateWords(apiState)}${age}` : '';
  const right = `${readOnly ? 'READ-ONLY  ' : ''}`;
  const fixed = `sunbeam ${context || '…'} │ ${verdict} │ `;
  const room = Math.max(0, width - fixed.length - apiBad.length - right.length - 6);
  const cause = ladder.rootCause ? `root cause: ${ladder.rootCause.title}` : ladder.overall === 'ok' ? okWords(ladder.rungs) : '';
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate">
        <Text bold color={tone('focus')}>sunbeam</Text>
        {` ${context || '…'} │ `}
        <Text bold color={tone(tokenFor(ladder.overall))}>{verdict}</Text>
        {cause ? ' │ ' : ''}
        <Text color={tone(ladder.rootCause ? 'failing' : 'muted')}>{truncate(cause, room)}</Text>
        <Text color={tone('failing')}>{apiBad}</Text>
      </Text>
      <Box flexShrink={0}>
        {readOnly ? <Text color={tone('warn')}>{right}</Text> : null}
        <Clock />
      </Box>
    </Box>
  );
}
