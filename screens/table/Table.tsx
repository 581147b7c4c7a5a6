// The in-house dense table: one line per row, fixed-width columns (dropped by priority when narrow), only the
// rows that fit rendered, and unchanged rows byte-identical between frames so incremental rendering skips them.
// Why not @alcalzone/ink-table (which draws the small dialog tables, RuledTable.tsx): it renders every row it
// is given, two lines each (a rule between rows), sizes columns from the content instead of the terminal, and
// keys rows by a hash of their values, so a changed cell re-mounts its row. The pods, findings and log lines
// are long, update every flush and must fit 80x24: they need one line a row, only the visible rows, and a row
// component that skips rows whose visible cells did not change (sameRow below).
import { memo } from 'react';
import { Box, Text } from 'ink';
import { fit, type FittedColumn } from '../../src/views/index.js';
import { tone, type Token } from '../theme.js';

export interface TableRow {
  id: string;
  cells: Record<string, string>;
  /** Colours the `toned` columns. */
  token?: Token;
  bold?: boolean;
}

export interface TableProps {
  columns: FittedColumn[];
  rows: readonly TableRow[];
  /** Index into rows of the cursor; -1 for none. */
  cursor: number;
  /** Index of the first visible row. */
  offset: number;
  /** Rows to show below the header. */
  height: number;
  /** Column ids that take the row's colour. */
  toned?: readonly string[];
  /** Header suffix per column id, e.g. { restarts: '↓' } for the sort column. */
  marks?: Record<string, string>;
}

interface RowProps {
  columns: FittedColumn[];
  row: TableRow;
  selected: boolean;
  toned: readonly string[];
}

function sameRow(a: RowProps, b: RowProps): boolean {
  if (a.columns !== b.columns || a.selected !== b.selected || a.toned !== b.toned) return false;
  if (a.row === b.row) return true;
  if (a.row.id !== b.row.id || a.row.token !== b.row.token || a.row.bold !== b.row.bold) return false;
  return a.columns.every((c) => a.row.cells[c.id] === b.row.cells[c.id]);
}

// Rows are rebuilt on every store flush; a row whose visible cells did not change does not re-render.
const Row = memo(function Row({ columns, row, selected, toned }: RowProps) {
  return (
    <Text inverse={selected} bold={row.bold} wrap="truncate">
      {columns.map((c, i) => {
        const text = (i > 0 ? ' ' : '') + fit(row.cells[c.id] ?? '', c.size, c.align);
        return toned.includes(c.id) && row.token ? (
          <Text key={c.id} color={tone(row.token)}>
            {text}
          </Text>
        ) : (
          text
        );
      })}
    </Text>
  );
}, sameRow);

export function Table({ columns, rows, cursor, offset, height, toned = [], marks = {} }: TableProps) {
  const header = columns.map((c) => fit(c.header + (marks[c.id] ?? ''), c.size, c.align)).join(' ');
  const visible = rows.slice(offset, offset + Math.max(0, height));
  return (
    <Box flexDirection="column">
      <Text bold color={tone('muted')} wrap="truncate">
        {header}
      </Text>
      {visible.map((row, i) => (
        <Row key={row.id} columns={columns} row={row} selected={offset + i === cursor} toned={toned} />
      ))}
    </Box>
  );
}
