// Rung 2's findings for the current namespace and filter, in the ladder's order (root causes first).
import { useMemo } from 'react';
import { visibleFindings } from '../src/console/selection.js';
import type { Finding } from '../src/ladder/types.js';
import { compileFilter } from '../src/views/index.js';
import { useAppStore } from './useAppStore.js';
import { useLadder } from './useLadder.js';

export function useFindings(): { findings: Finding[]; roots: Set<string>; names: Map<string, string>; filterError?: string } {
  const ladder = useLadder();
  const namespace = useAppStore((s) => s.ui.namespace);
  const filter = useAppStore((s) => s.ui.filter);
  const box = useAppStore((s) => s.box);
  return useMemo(() => {
    const { error } = compileFilter(filter);
    const roots = new Set<string>();
    if (ladder.rootCause) roots.add(ladder.rootCause.id);
    for (const f of ladder.findings) for (const b of f.blockedBy ?? []) roots.add(b);
    const findings = visibleFindings(ladder, namespace, filter, box);
    const names = new Map(ladder.findings.map((f) => [f.id, `${f.namespace}/${f.component}`]));
    return { findings, roots, names, filterError: error };
  }, [ladder, namespace, filter, box]);
}
