// The small bordered tables of the dialogs (the emergency table, the certificates), drawn by
// @alcalzone/ink-table: a rule above and below, one between rows, the column titles on top. Only the rows that
// fit are given to it (it draws two lines per row), the window following the cursor; every cell is cut to its
// column's width first, so the table is exactly `width` wide and nothing beneath shows through.
import { Table } from '@alcalzone/ink-table';
import { Text } from 'ink';
import type { PropsWithChildren } from 'react';
import { useViewport } from '../../hooks/useViewport.js';
import { fit } from '../../src/views/index.js';
import { tone, type Token } from '../theme.js';

export interface RuledColumn {
  id: string;
  header: string;
  /** Text columns; the flexible column takes what is left of `width` (at least this). */
  width: number;
  flex?: boolean;
}

export interface RuledRow {
  id: string;
  cells: Record<string, string>;
  /** Colours the row's cells. */
  tone?: Token;
}

/**
 * ink-table hands its cell component the cell's text only, not the row. The row's look (selected, tone) rides
 * in the text as one private-use character in place of the cell's leading space; the cell component draws it
 * as that space again and styles the cell. The header keys get a plain leading space, so widths stay equal.
 */
const MARK_BASE = 0xe000;
const TONES: readonly (Token | undefined)[] = [undefined, 'ok', 'warn', 'failing', 'muted', 'focus'];
const MARK = /[\ue000-\ue0ff]/;

function mark(selected: boolean, t: Token | undefined): string {
  return String.fromCharCode(MARK_BASE + Math.max(0, TONES.indexOf(t)) * 2 + (selected ? 1 : 0));
}

function Cell({ children }: PropsWithChildren<{ column: number }>) {
  const text = String(children ?? '');
  const m = MARK.exec(text);
  if (!m) return <Text>{text}</Text>;
  const code = m[0].charCodeAt(0) - MARK_BASE;
  return (
    <Text inverse={(code & 1) === 1} color={tone(TONES[code >> 1])}>
      {text.replace(m[0], ' ')}
    </Text>
  );
}

function Header({ children }: PropsWithChildren) {
  return (
    <Text bold color={tone('muted')}>
      {children}
    </Text>
  );
}

/** Rules only: the dialog's frame is the border, so the column separators are spaces. */
const RULE_CHARS = /[┌┐└┘├┤┬┼┴]/g;
function Skeleton({ children }: PropsWithChildren) {
  return <Text color={tone('muted')}>{String(children ?? '').replace(RULE_CHARS, '─').replace(/│/g, ' ')}</Text>;
}

/** Column text widths that make the table exactly `width` wide (ink-table adds one space each side of a cell and one character between cells and at each edge). */
function ruledWidths(columns: readonly RuledColumn[], width: number): number[] {
  const overhead = 1 + columns.length * 4;
  const fixed = columns.reduce((n, c) => n + (c.flex ? 0 : c.width), 0);
  return columns.map((c) => (c.flex ? Math.max(c.width, width - overhead - fixed) : c.width));
}

/** Lines the table takes for `rows` rows. */
export function ruledHeight(rows: number): number {
  return 3 + 2 * rows;
}

export function RuledTable({ columns, rows, cursor, width, height }: { columns: readonly RuledColumn[]; rows: readonly RuledRow[]; cursor: number; width: number; height: number }) {
  const widths = ruledWidths(columns, width);
  const fits = Math.max(1, Math.floor((height - 3) / 2));
  const offset = useViewport(Math.max(0, cursor), fits, rows.length);
  // Header keys are the titles (ink-table prints its keys as the titles), a leading space standing for the mark.
  const keys = columns.map((c, i) => ` ${fit(c.header, widths[i]!)}`);
  const data = rows.slice(offset, offset + fits).map((r, i) => {
    const m = mark(offset + i === cursor, r.tone);
    return Object.fromEntries(columns.map((c, j) => [keys[j]!, m + fit(r.cells[c.id] ?? '', widths[j]!)]));
  });
  return <Table data={data} columns={keys} cell={Cell} header={Header} skeleton={Skeleton} />;
}
