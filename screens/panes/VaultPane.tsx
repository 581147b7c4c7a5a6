// Rung 4, from the OpenBao source: sealed or not, the unseal's progress and nonce, the version, HA mode and
// leader, each replica's own state, the token's validity and time to live, who else is unsealing, and what the
// ladder blocks on it. Its lines are vaultLines (src/views/vault-lines.ts), pure; `u` unseals, `U` resets.
import { Box } from 'ink';
import { useMemo } from 'react';
import { useAppStore } from '../../hooks/useAppStore.js';
import { useLadder } from '../../hooks/useLadder.js';
import { useTick } from '../../hooks/useTick.js';
import { rungTitle } from '../../src/ladder/rung-table.js';
import { vaultLines } from '../../src/views/index.js';
import { PaneTitle } from './PaneTitle.js';
import { WrappedLines } from './WrappedLines.js';

export function VaultPane({ width, height }: { width: number; height: number }) {
  const openbao = useAppStore((s) => s.openbao);
  const health = useAppStore((s) => s.sources.openbao);
  const demoKeys = useAppStore((s) => s.ui.demoUnsealKeys);
  const readOnly = useAppStore((s) => s.ui.readOnly);
  const ladder = useLadder();
  const now = useTick(1_000);
  const lines = useMemo(
    () => vaultLines({ openbao, health, findings: ladder.findings, demoKeys, readOnly, now, width }),
    [openbao, health, ladder.findings, demoKeys, readOnly, now, width],
  );
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneTitle title={rungTitle(4)} width={width} />
      <WrappedLines lines={lines} width={width} height={height - 1} />
    </Box>
  );
}
