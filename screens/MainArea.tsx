// The main area: the focused pane (the rung's own, or the top of the drill-down stack) and, on wide terminals,
// a second pane beside it. Which component shows a pane, and what sits beside it, is the pane registry's
// (panes/registry.tsx): this file only lays them out.
import { Box } from 'ink';
import { useAppStore } from '../hooks/useAppStore.js';
import { rungEntry } from '../src/ladder/rung-table.js';
import { drillPaneOf, PANES } from './panes/registry.js';
import { CheckSide } from './panes/SidePanes.js';
import { tone } from './theme.js';

/** Wide layouts get a second pane when the main area is at least this wide. */
export const SPLIT_MIN_WIDTH = 130;

interface PaneProps {
  width: number;
  height: number;
}

/** The focused pane's kind and record: the drill-down frame's, else the rung's own pane. */
function useFocused() {
  const rung = useAppStore((s) => s.ui.rung);
  const frame = useAppStore((s) => s.ui.stack[s.ui.stack.length - 1]);
  const drill = drillPaneOf(frame);
  return { info: rungEntry(rung), frame, kind: drill ?? rungEntry(rung).pane, target: drill ? frame!.target! : '' };
}

function FocusedPane({ width, height }: PaneProps) {
  const { info, kind, target } = useFocused();
  const { Focused } = PANES[kind];
  return <Focused rung={info} target={target} width={width} height={height} />;
}

function SidePane({ width, height }: PaneProps) {
  const { frame, kind, target } = useFocused();
  // A frame that names no drill-down pane (or has no record) gets the findings beside it.
  if (frame && !target) return <CheckSide width={width} height={height} />;
  const { Side } = PANES[kind];
  return <Side target={target || undefined} width={width} height={height} />;
}

export function MainArea({ width, height }: PaneProps) {
  if (width < SPLIT_MIN_WIDTH) return <FocusedPane width={width} height={height} />;
  const main = Math.floor(width * 0.55);
  const side = width - main - 1;
  return (
    <Box flexDirection="row" width={width} height={height}>
      <Box width={main + 1} height={height} borderStyle="single" borderTop={false} borderBottom={false} borderLeft={false} borderColor={tone('muted')}>
        <FocusedPane width={main} height={height} />
      </Box>
      <SidePane width={side} height={height} />
    </Box>
  );
}
