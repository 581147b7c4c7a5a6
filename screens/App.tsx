// The console's screen: top bar, ladder column, main area, status line and key bar, with the modal layer on
// top. Never taller than the terminal; follows resizes.
import { Box } from 'ink';
import { useMemo, useRef } from 'react';
import { StoreProvider, useAppStore, useAppStoreApi } from '../hooks/useAppStore.js';
import { currentView, useKeys } from '../hooks/useKeys.js';
import { LadderProvider, type EvaluateLadder } from '../hooks/useLadder.js';
import { PaneKeysProvider, type PaneHandler } from '../hooks/usePaneKeys.js';
import { TerminalSizeProvider, useTerminalSize, type TerminalSize } from '../hooks/useTerminalSize.js';
import type { AppStore, State } from '../src/store/index.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { KeyBar } from './KeyBar.js';
import { LadderColumn } from './LadderColumn.js';
import { MainArea } from './MainArea.js';
import { MODALS } from './modals/registry.js';
import { OpsEffects } from './OpsEffects.js';
import { StatusLine } from './StatusLine.js';
import { TopBar } from './TopBar.js';

export function ladderWidth(columns: number): number {
  return columns >= 120 ? 24 : 19;
}

function ModalLayer({ columns, top, height }: { columns: number; top: number; height: number }) {
  const modal = useAppStore((s) => s.ui.modals[s.ui.modals.length - 1]);
  if (!modal) return null;
  const entry = MODALS[modal.kind];
  if (!entry) return null;
  const width = Math.min(columns, Math.max(40, Math.min(110, columns - 6)));
  const left = Math.max(0, Math.floor((columns - width) / 2));
  return (
    <Box position="absolute" top={top} left={left} width={width} height={height}>
      <ErrorBoundary what="dialog" hint="Esc closes it" resetKey={modal.id} width={width}>
        <entry.Component modal={modal} width={width} height={height} />
      </ErrorBoundary>
    </Box>
  );
}

/** Where the main area is (rung and drill-down): a failed pane is tried again when this changes. */
const panePlace = (s: State) => `${s.ui.rung}${s.ui.stack.map((f) => ` > ${f.view}:${f.target ?? ''}`).join('')}`;

function Screen({ quit }: { quit: () => void }) {
  const store = useAppStoreApi();
  const { columns, rows } = useTerminalSize();
  const pane = useRef<PaneHandler | null>(null);
  const view = useAppStore(currentView);
  const place = useAppStore(panePlace);
  const ctx = useMemo(() => ({ store, quit, pane, queue: [], draining: false }), [store, quit]);
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
        <OpsEffects />
      </Box>
    </PaneKeysProvider>
  );
}

export interface ConsoleProps {
  store: AppStore;
  evaluate: EvaluateLadder;
  quit: () => void;
  /** Fixes the terminal size (tests); otherwise the live window size. */
  size?: TerminalSize;
}

export function Console({ store, evaluate, quit, size }: ConsoleProps) {
  const screen = (
    <StoreProvider store={store}>
      <LadderProvider evaluate={evaluate}>
        <Screen quit={quit} />
      </LadderProvider>
    </StoreProvider>
  );
  return size ? <TerminalSizeProvider size={size}>{screen}</TerminalSizeProvider> : screen;
}
