// A dialog whose body is a small ruled table (RuledTable): the same frame as the other dialogs (a rounded
// border, a title, a footer naming its keys), every cell written so the pane beneath never shows through.
import { Box, Text } from 'ink';
import { fit } from '../../src/views/index.js';
import { tone, type Token } from '../theme.js';
import { RuledTable, ruledHeight, type RuledColumn, type RuledRow } from './RuledTable.js';

export interface TableDialogProps {
  title: string;
  columns: readonly RuledColumn[];
  rows: readonly RuledRow[];
  cursor: number;
  /** Lines under the table (a note about the selected row), or instead of it when there are no rows. */
  notes?: readonly { text: string; tone?: Token }[];
  footer: string;
  width: number;
  /** The most the dialog may take; it takes less when its rows need less. */
  height: number;
  border?: Token;
}

export function TableDialog({ title, columns, rows, cursor, notes = [], footer, width, height, border = 'focus' }: TableDialogProps) {
  const inner = Math.max(10, width - 2);
  const body = rows.length > 0 ? ruledHeight(rows.length) : 0;
  const total = Math.min(height, Math.max(7, body + notes.length + 4));
  const room = Math.max(0, total - 4);
  const tableHeight = rows.length > 0 ? Math.max(ruledHeight(1), room - notes.length) : 0;
  // The table draws whole rows only: the lines it really takes, the rest padded.
  const tableLines = rows.length > 0 ? ruledHeight(Math.min(rows.length, Math.max(1, Math.floor((tableHeight - 3) / 2)))) : 0;
  const shownNotes = notes.slice(0, Math.max(0, room - tableLines));
  const pad = Math.max(0, room - tableLines - shownNotes.length);
  return (
    <Box flexDirection="column" width={width} height={total} borderStyle="round" borderColor={tone(border)} overflow="hidden">
      <Text bold color={tone(border)}>{fit(` ${title}`, inner)}</Text>
      {rows.length > 0 ? <RuledTable columns={columns} rows={rows} cursor={cursor} width={inner} height={tableHeight} /> : null}
      {shownNotes.map((n, i) => (
        <Text key={i} color={tone(n.tone)} wrap="truncate">
          {fit(` ${n.text}`, inner)}
        </Text>
      ))}
      {Array.from({ length: pad }, (_, i) => (
        <Text key={`pad-${i}`}>{' '.repeat(inner)}</Text>
      ))}
      <Text color={tone('muted')} wrap="truncate">{fit(` ${footer}`, inner)}</Text>
    </Box>
  );
}
