// The console's screen: top bar, ladder column, main area, status line and key bar, with the dialog layer on
// top. Never taller than the terminal; follows resizes. The key context it builds carries the console
// context and the dialog registry's key router to the dispatcher.
import { Box } from 'ink';
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
import { LadderColumn } from './LadderColumn.js';
import { MainArea } from './MainArea.js';
import { dialogComponent, routeDialogKey } from './modals/registry.js';
import { StatusLine } from './StatusLine.js';
import { TopBar } from './TopBar.js';

export function ladderWidth(columns: number): number {
  return columns >= 120 ? 24 : 19;
}

function ModalLayer({ columns, top, height }: { columns: number; top: number; height: number }) {
  const modal = useAppStore((s) => s.ui.modals[s.ui.modals.length - 1]);
  if (!modal) return null;
  const Component = dialogComponent(modal);
  const width = Math.min(columns, Math.max(40, Math.min(110, columns - 6)));
  const left = Math.max(0, Math.floor((columns - width) / 2));
  return (
    <Box position="absolute" top={top} left={left} width={width} height={height}>
      <ErrorBoundary what="dialog" hint="Esc closes it" resetKey={modal.id} width={width}>
        <Component modal={modal} width={width} height={height} />
      </ErrorBoundary>
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
  const height = Math.max(3, rows);
  const middle = Math.max(1, height - 3);
  const lw = Math.min(ladderWidth(columns), Math.max(0, columns - 20));
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
        <StatusLine width={columns} />
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
