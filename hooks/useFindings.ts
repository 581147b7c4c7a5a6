// Rung 2's findings for the current namespace and filter, in the ladder's order (root causes first).
import { useMemo } from 'react';
import type { Finding } from '../src/ladder/types.js';
import { compileFilter } from '../src/views/index.js';
import { useAppStore } from './useAppStore.js';
import { useLadder } from './useLadder.js';

export function useFindings(): { findings: Finding[]; roots: Set<string>; filterError?: string } {
  const ladder = useLadder();
  const namespace = useAppStore((s) => s.ui.namespace);
  const filter = useAppStore((s) => s.ui.filter);
  return useMemo(() => {
    const { re, error } = compileFilter(filter);
    const roots = new Set<string>();
    if (ladder.rootCause) roots.add(ladder.rootCause.id);
    for (const f of ladder.findings) for (const b of f.blockedBy ?? []) roots.add(b);
    const findings = ladder.findings.filter(
      (f) => (!namespace || f.namespace === namespace) && (!re || re.test(`${f.namespace}/${f.component} ${f.title} ${f.detail} ${f.because ?? ''}`)),
    );
    return { findings, roots, filterError: error };
  }, [ladder, namespace, filter]);
}
