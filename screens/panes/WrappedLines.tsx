// A pane's lines of text, each wrapped to the pane's width (its continuation indented) and cut to its height,
// so what a line says is never cut where there is room. The Data and Vault panes are lists of such lines.
import { Text } from 'ink';
import { wrapToWidth } from '../../src/views/index.js';
import { tone } from '../theme.js';

export interface PaneLine {
  key: string;
  text: string;
  tone?: 'ok' | 'warn' | 'failing' | 'muted';
  bold?: boolean;
}

export function WrappedLines({ lines, width, height }: { lines: readonly PaneLine[]; width: number; height: number }) {
  return (
    <>
      {lines
        .flatMap((l) => wrapToWidth(l.text, width, '    ').map((text, i) => ({ ...l, key: `${l.key}:${i}`, text })))
        .slice(0, Math.max(0, height))
        .map((l) => (
          <Text key={l.key} color={tone(l.tone)} bold={l.bold} wrap="truncate">
            {l.text}
          </Text>
        ))}
    </>
  );
}
