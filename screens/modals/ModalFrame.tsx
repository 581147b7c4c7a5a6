// The frame every runbook dialog uses: a rounded border, a title, body lines (cut to fit, every cell written
// so the pane beneath never shows through) and a footer naming the dialog's keys.
import { Box, Text } from 'ink';
import { displayWidth, fit, wrapToWidth } from '../../src/views/index.js';
import { tone, type Token } from '../theme.js';
import { Spinner } from './Spinner.js';

export interface FrameLine {
  text: string;
  tone?: Token;
  bold?: boolean;
  inverse?: boolean;
  /** Cut at the edge rather than wrapped (output lines). */
  cut?: boolean;
}

export function ModalFrame(props: { title: string; lines: FrameLine[]; footer: string; width: number; height: number; border?: Token; spinner?: string }) {
  const { title, lines, footer, width, height, border = 'focus', spinner } = props;
  const inner = Math.max(10, width - 2);
  const room = Math.max(1, height - 4 - (spinner === undefined ? 0 : 1));
  const shown = lines.slice(0, room);
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={tone(border)}>
      <Text bold color={tone(border)}>{fit(` ${title}`, inner)}</Text>
      {spinner === undefined ? null : <Spinner text={spinner} width={inner} />}
      {shown.map((l, i) => (
        <Text key={i} color={tone(l.tone)} bold={l.bold} inverse={l.inverse} wrap="truncate">
          {fit(` ${l.text}`, inner)}
        </Text>
      ))}
      {Array.from({ length: Math.max(0, room - shown.length) }, (_, i) => (
        <Text key={`pad-${i}`}>{' '.repeat(inner)}</Text>
      ))}
      <Text color={tone('muted')} wrap="truncate">{fit(` ${footer}`, inner)}</Text>
    </Box>
  );
}

/** Fits `lines` into `room` rows: the head and tail are kept, the middle is cut with a "… N more" line. */
export function squeeze(head: FrameLine[], middle: FrameLine[], tail: FrameLine[], room: number): FrameLine[] {
  const space = room - head.length - tail.length;
  if (space >= middle.length) return [...head, ...middle, ...tail];
  if (space <= 0) return [...head, ...tail].slice(0, room);
  const cut = middle.slice(0, Math.max(0, space - 1));
  return [...head, ...cut, { text: `… ${middle.length - cut.length} more lines (PgDn scrolls)`, tone: 'muted' }, ...tail];
}

/** Breaks a long line at spaces (or hard at `width`) into lines of at most `width` cells (display width). */
export function wrapLine(line: FrameLine, width: number): FrameLine[] {
  const w = Math.max(8, width);
  if (line.cut || displayWidth(line.text) <= w) return [line];
  const indent = (/^\s*/.exec(line.text)?.[0] ?? '') + '  ';
  return wrapToWidth(line.text, w, indent).map((text) => ({ ...line, text }));
}

export function wrapAll(lines: FrameLine[], width: number): FrameLine[] {
  return lines.flatMap((l) => wrapLine(l, width));
}
