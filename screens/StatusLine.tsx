// The lines above the key bar: the command line or the filter line while open (the end of a long input and its
// cursor always show), else the flash message, else the active filter, else the API's error. A message longer
// than the width wraps onto up to MAX_STATUS_ROWS rows (App gives it the rows statusRows says); it is never cut
// where the screen has room.
import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { useAppStore, useAppStoreApi } from '../hooks/useAppStore.js';
import type { State } from '../src/store/index.js';
import { compileFilter, displayWidth, inputLine, truncate, wrapToWidth } from '../src/views/index.js';
import { tone, type Token } from './theme.js';

const LEVEL: Record<string, Token> = { info: 'focus', warn: 'warn', error: 'failing' };
/** How long a flash message stays (ms): information briefly, warnings and errors longer. */
const TTL: Record<string, number> = { info: 5_000, warn: 12_000, error: 12_000 };
/** The most rows a message takes (the panes give up as many). */
export const MAX_STATUS_ROWS = 3;

type Message = { text: string; tone?: Token };

/** What the line says, from the state (the flash only while it has not expired). */
function message(s: State, now: number): Message | undefined {
  const { flash, filter } = s.ui;
  const { error } = compileFilter(filter);
  if (error) return { text: error, tone: 'failing' };
  if (flash && now - flash.at < (TTL[flash.level] ?? 5_000)) return { text: flash.text, tone: LEVEL[flash.level] };
  if (filter) return { text: `filter /${filter}/ · Esc clears`, tone: 'muted' };
  const k = s.sources.kubernetes;
  if (k && k.state !== 'ok' && k.lastError) return { text: k.lastError, tone: 'failing' };
  return undefined;
}

/** The rows the status line needs at `width` (1 while an input line is open). */
export function statusRows(s: State, width: number, now = Date.now()): number {
  if (s.ui.command.open || s.ui.filterEditing) return 1;
  const m = message(s, now);
  return m ? Math.min(MAX_STATUS_ROWS, wrapToWidth(m.text, width).length) : 1;
}

export function StatusLine({ width, rows = 1 }: { width: number; rows?: number }) {
  const store = useAppStoreApi();
  const command = useAppStore((s) => s.ui.command);
  const filter = useAppStore((s) => s.ui.filter);
  const editing = useAppStore((s) => s.ui.filterEditing);
  const flash = useAppStore((s) => s.ui.flash);
  const text = useAppStore((s) => message(s, Date.now())?.text);
  const token = useAppStore((s) => message(s, Date.now())?.tone);
  // One timer per flash, to take it down when it expires (no polling): the store drops it, so the rows it
  // took go back to the panes.
  useEffect(() => {
    if (!flash) return;
    const left = flash.at + (TTL[flash.level] ?? 5_000) - Date.now();
    const t = setTimeout(() => {
      if (store.getState().ui.flash === flash) store.getState().actions.clearFlash();
    }, Math.max(0, left) + 10);
    return () => clearTimeout(t);
  }, [store, flash]);
  if (command.open) return <Text wrap="truncate">{inputLine(':', command.text, width)}</Text>;
  if (editing) {
    const { error } = compileFilter(filter);
    const note = error ? `  ${error}` : '';
    // The input keeps at least half the line; the error sentence gets the rest.
    const room = Math.max(Math.ceil(width / 2), width - displayWidth(note));
    const input = inputLine('/', filter, room);
    return (
      <Text wrap="truncate">
        {input}
        {error ? <Text color={tone('failing')}>{truncate(note, Math.max(0, width - displayWidth(input)))}</Text> : null}
      </Text>
    );
  }
  if (text === undefined) return <Text> </Text>;
  const lines = wrapToWidth(text, width);
  const shown = lines.length > rows ? [...lines.slice(0, rows - 1), truncate(lines.slice(rows - 1).join(' '), width)] : lines;
  return (
    <Box flexDirection="column" height={rows}>
      {shown.map((l, i) => (
        <Text key={i} color={tone(token)} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
}
