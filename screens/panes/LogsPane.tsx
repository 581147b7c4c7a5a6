// Rung 3: the followed logs of a namespace/service, merged in time order with a colour per pod (src/views/
// log-lines.ts), its status line (streams, lines, dropped, paused with the arrivals, the filters), and the
// keys of src/console/log-keys.ts (s pause, w wrap, t timestamps, p previous, 0-6 windows, / x H filters,
// Enter a line in full, Ctrl-S save). Without a view: how to open one.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useAppStore, useAppStoreApi } from '../../hooks/useAppStore.js';
import { useConsole } from '../../hooks/useConsole.js';
import { usePaneKeys } from '../../hooks/usePaneKeys.js';
import { FOLLOW_VIEW, logPaneKey } from '../../src/console/log-keys.js';
import { rungTitle } from '../../src/ladder/rung-table.js';
import { compileFilters, logRows } from '../../src/views/log-lines.js';
import { logStatus, logTitleInfo } from '../../src/views/log-status.js';
import { tone } from '../theme.js';
import { LogRows } from './LogRows.js';
import { PaneTitle } from './PaneTitle.js';

export function LogView({ id, width, height, title, short, empty }: { id: string; width: number; height: number; title: string; short?: string; empty: string[] }) {
  const view = useAppStore((s) => s.logs.views[id]);
  const include = useAppStore((s) => s.ui.filter);
  const store = useAppStoreApi();
  const ctx = useConsole();
  const exclude = view?.display.exclude ?? '';
  const highlight = view?.display.highlight ?? '';
  const filters = useMemo(() => compileFilters({ include, exclude, highlight }), [include, exclude, highlight]);
  const pods = useMemo(() => view?.source.streams.map((s) => s.pod), [view?.source.streams]);
  const containers = useMemo(() => new Set(view?.source.streams.map((s) => s.container)).size > 1, [view?.source.streams]);
  const statusRows = 1;
  const body = Math.max(1, height - 1 - statusRows);
  usePaneKeys((action) => logPaneKey(action, store, ctx, id, body));
  const result = useMemo(
    () => (view ? logRows({ ring: view.ring, display: view.display, filters, width, height: body, ...(pods?.length ? { pods } : {}), containers }) : undefined),
    // view changes identity whenever its ring, source or display does
    [view, filters, width, body, pods, containers],
  );
  if (!view) {
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <PaneTitle title={title} width={width} />
        {empty.map((l, i) => (
          <Text key={i} color={i === 0 ? undefined : tone('muted')} wrap="wrap">
            {l}
          </Text>
        ))}
      </Box>
    );
  }
  const status = logStatus(view, filters, result?.arrived ?? 0, include);
  const info = logTitleInfo(view);
  // What it follows matters more than the rung's question: a narrow pane keeps the short title and the info.
  const shown = short && title.length + info.length + 2 > width ? short : title;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneTitle title={shown} info={info} width={width} />
      <Text wrap="truncate">
        {status.map((s, i) => (
          <Text key={i} color={tone(s.tone)}>
            {i ? ' · ' : ''}
            {s.text}
          </Text>
        ))}
      </Text>
      {result && result.rows.length ? (
        <LogRows rows={result.rows} height={body} />
      ) : (
        <Text color={tone('muted')} wrap="wrap">
          {view.ring.size ? 'No line passes the filters (Esc clears /, :exclude with nothing clears x).' : view.source.status === 'resolving' ? '' : 'No lines yet in this window (0-6 pick another: 6 is all).'}
        </Text>
      )}
    </Box>
  );
}

export function LogsPane({ width, height }: { width: number; height: number }) {
  return (
    <LogView
      id={FOLLOW_VIEW}
      width={width}
      height={height}
      title={rungTitle(3)}
      short="3 Logs"
      empty={['Nothing followed yet.', ':logs NAMESPACE/SERVICE follows a service, e.g. :logs matrix/sol; l on a pod or workload in Status or Check follows it.', 'Lines from every pod and container, merged in time order; new pods are picked up as they appear.']}
    />
  );
}
