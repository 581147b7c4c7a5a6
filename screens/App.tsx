// The console's screen: top bar, ladder column, main area, status line and key bar, with the dialog layer on
// top. Never taller than the terminal; follows resizes. The key context it builds carries the console
// context and the dialog registry's key router to the dispatcher.
import { Box, Text } from 'ink';
import { useMemo, useRef } from 'react';
import { StoreProvider, useAppStore, useAppStoreApi } from '../hooks/useAppStore.js';
import { ConsoleProvider } from '../hooks/useConsole.js';
import { currentView, useKeys, type KeyContext } from '../hooks/useKeys.js';
import { LadderProvider, type EvaluateLadder } from '../hooks/useLadder.js';
import { PaneKeysProvider, type PaneHandler } from '../hooks/usePaneKeys.js';
import { TerminalSizeProvider, useTerminalSize, type TerminalSize } from '../hooks/useTerminalSize.js';
import type { ConsoleContext } from '../src/console/types.js';
import type { AppStore, State } from '../src/store/index.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { KeyBar } from './KeyBar.js';
import { LadderColumn, useLadderSummaryWidth } from './LadderColumn.js';
import { MainArea } from './MainArea.js';
import { dialogComponent, routeDialogKey } from './modals/registry.js';
import { StatusLine, statusRows } from './StatusLine.js';
import { tone } from './theme.js';
import { TopBar } from './TopBar.js';

/** The smallest terminal the layout is made for; below it the screen says so instead of a broken layout. */
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export function tooSmallSentence(columns: number, rows: number): string {
  return `Terminal ${columns}x${rows} is too small: sunbeam-console needs ${MIN_COLUMNS}x${MIN_ROWS}. Enlarge it, or q quits.`;
}

/** The ladder column: 19 wide at 80 columns; from 120 as wide as its longest summary needs (24 to 34). */
export function ladderWidth(columns: number, longest = 0): number {
  if (columns < 120) return 19;
  return Math.max(24, Math.min(34, longest + 3, Math.floor(columns / 5)));
}

/** How wide a dialog is: the terminal less a margin of two columns each side. */
export function dialogWidth(columns: number): number {
  return Math.max(Math.min(columns, 40), columns - 4);
}

/**
 * The dialog on top, centred, over rows it blanks from edge to edge: a row it covers shows nothing of the
 * pane beneath, not even the cells left and right of its border. The blank layer is as tall as the dialog
 * (absolute, pinned to the dialog's box top and bottom, with its overflow cut).
 */
function ModalLayer({ columns, top, height }: { columns: number; top: number; height: number }) {
  const modal = useAppStore((s) => s.ui.modals[s.ui.modals.length - 1]);
  if (!modal) return null;
  const Component = dialogComponent(modal);
  const width = dialogWidth(columns);
  const left = Math.max(0, Math.floor((columns - width) / 2));
  const blank = ' '.repeat(columns);
  return (
    <Box position="absolute" top={top} left={0} width={columns} flexDirection="column">
      <Box position="absolute" top={0} bottom={0} left={0} width={columns} flexDirection="column" overflow="hidden">
        {Array.from({ length: height }, (_, i) => (
          <Text key={i}>{blank}</Text>
        ))}
      </Box>
      <Box marginLeft={left} width={width} flexDirection="column">
        <ErrorBoundary what="dialog" hint="Esc closes it" resetKey={modal.id} width={width}>
          <Component modal={modal} width={width} height={height} />
        </ErrorBoundary>
      </Box>
    </Box>
  );
}

function TooSmall({ columns, rows }: TerminalSize) {
  return (
    <Box width={columns} height={Math.max(1, rows)} overflow="hidden">
      <Text color={tone('warn')} wrap="wrap">
        {tooSmallSentence(columns, rows)}
      </Text>
    </Box>
  );
}

/** Where the main area is (rung and drill-down): a failed pane is tried again when this changes. */
const panePlace = (s: State) => `${s.ui.rung}${s.ui.stack.map((f) => ` > ${f.view}:${f.target ?? ''}`).join('')}`;

function Screen({ quit, console }: { quit: () => void; console?: ConsoleContext }) {
  const store = useAppStoreApi();
  const { columns, rows } = useTerminalSize();
  const pane = useRef<PaneHandler | null>(null);
  const view = useAppStore(currentView);
  const place = useAppStore(panePlace);
  const ctx = useMemo<KeyContext>(() => ({ store, quit, pane, console, dialogKey: routeDialogKey(store, console), queue: [], draining: false }), [store, quit, console]);
  useKeys(ctx);
  const status = useAppStore((s) => statusRows(s, columns));
  const longest = useLadderSummaryWidth();
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return <TooSmall columns={columns} rows={rows} />;
  const height = Math.max(3, rows);
  const middle = Math.max(1, height - 2 - status);
  const lw = Math.min(ladderWidth(columns, longest), Math.max(0, columns - 20));
  const mainWidth = Math.max(10, columns - lw - 2);
  return (
    <PaneKeysProvider handlerRef={pane}>
      <Box flexDirection="column" width={columns} height={height} overflow="hidden">
        <TopBar width={columns} />
        <Box flexDirection="row" height={middle} overflow="hidden">
          <LadderColumn width={lw} height={middle} />
          <Box width={1} />
          {/* A failed render may have registered its pane's key handler: drop it, so keys reach no dead pane. */}
          <ErrorBoundary what="pane" hint={place.includes('>') ? 'Esc goes back' : '1-7 change rung'} resetKey={place} width={mainWidth} onFail={() => (pane.current = null)}>
            <MainArea width={mainWidth} height={middle} />
          </ErrorBoundary>
        </Box>
        <StatusLine width={columns} rows={status} />
        <KeyBar view={view} width={columns} />
        <ModalLayer columns={columns} top={1} height={middle} />
      </Box>
    </PaneKeysProvider>
  );
}

export interface ConsoleProps {
  store: AppStore;
  evaluate: EvaluateLadder;
  quit: () => void;
  /** The console's journal, runbooks and action flow (src/console/wire.ts); without it, runbooks say they are not available. */
  console?: ConsoleContext;
  /** Fixes the terminal size (tests); otherwise the live window size. */
  size?: TerminalSize;
}

export function Console({ store, evaluate, quit, console, size }: ConsoleProps) {
  const screen = (
    <StoreProvider store={store}>
      <ConsoleProvider console={console}>
        <LadderProvider evaluate={evaluate}>
          <Screen quit={quit} console={console} />
        </LadderProvider>
      </ConsoleProvider>
    </StoreProvider>
  );
  return size ? <TerminalSizeProvider size={size}>{screen}</TerminalSizeProvider> : screen;
}
