// The "Alerts -> Matrix" hops under the alerts (Prometheus -> AlertManager -> the webhook receiver -> the bot's
// credentials -> the Matrix room): one entry each with its verdict and sentence, wrapped (the evidence is the point
// of it), the broken hop (the deepest failing one: the one to fix) marked. It takes the hops as props
// (matrixPath(state) in src/ladder/alert-path.ts makes them), so it draws nothing it was not given; without hops
// it draws nothing at all.
import { Box, Text } from 'ink';
import { truncate, wrapToWidth } from '../../src/views/index.js';
import { tokenFor, tone } from '../theme.js';

export interface AlertPathHop {
  id: string;
  label: string;
  verdict: string;
  sentence: string;
}

const MARK: Record<string, string> = { ok: '✓', warn: '!', failing: '✗' };

interface PathLine {
  key: string;
  text: string;
  verdict?: string;
  bold: boolean;
}

/** The lines the path takes at this width (the pane leaves them room below its rows). */
export function alertPathLines(hops: readonly AlertPathHop[], broken: string | undefined, width: number): PathLine[] {
  if (!hops.length) return [];
  const title = `Alerts -> Matrix${broken ? ` · broken at ${hops.find((h) => h.id === broken)?.label ?? broken}` : ''}`;
  return [
    { key: 'title', text: truncate(title, width), bold: true },
    ...hops.flatMap((h) => wrapToWidth(`  ${MARK[h.verdict] ?? '?'} ${h.label}: ${h.sentence}`, width, '      ').map((text, i) => ({ key: `${h.id}:${i}`, text, verdict: h.verdict, bold: h.id === broken }))),
  ];
}

export function AlertPathLines({ lines, width }: { lines: readonly PathLine[]; width: number }) {
  if (!lines.length) return null;
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((l) => (
        <Text key={l.key} {...(l.verdict ? { color: tone(tokenFor(l.verdict)) } : {})} bold={l.bold} wrap="truncate">
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
