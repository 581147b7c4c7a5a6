// Rung 2's findings for the current namespace and filter, in the ladder's order (root causes first).
import { useMemo } from 'react';
import { scopeNamespaces } from '../src/ladder/index.js';
import type { Finding } from '../src/ladder/types.js';
import { compileFilter } from '../src/views/index.js';
import { useAppStore } from './useAppStore.js';
import { useLadder } from './useLadder.js';

export function useFindings(): { findings: Finding[]; roots: Set<string>; names: Map<string, string>; filterError?: string } {
  const ladder = useLadder();
  const namespace = useAppStore((s) => s.ui.namespace);
  const filter = useAppStore((s) => s.ui.filter);
  return useMemo(() => {
    const { re, error } = compileFilter(filter);
    const roots = new Set<string>();
    if (ladder.rootCause) roots.add(ladder.rootCause.id);
    for (const f of ladder.findings) for (const b of f.blockedBy ?? []) roots.add(b);
    // A namespace (or a playbook area such as data = data + cnpg-system) keeps its findings, preceded by the
    // root causes elsewhere that they are blocked by, as `sunbeam check NS` does.
    let scoped = ladder.findings;
    if (namespace) {
      const inScope = new Set(scopeNamespaces(namespace));
      const mine = ladder.findings.filter((f) => inScope.has(f.namespace));
      const needed = new Set(mine.flatMap((f) => f.blockedBy ?? []));
      scoped = [...ladder.findings.filter((f) => needed.has(f.id) && !inScope.has(f.namespace)), ...mine];
    }
    const findings = scoped.filter((f) => !re || re.test(`${f.namespace}/${f.component} ${f.title} ${f.detail} ${f.because ?? ''}`));
    const names = new Map(ladder.findings.map((f) => [f.id, `${f.namespace}/${f.component}`]));
    return { findings, roots, names, filterError: error };
  }, [ladder, namespace, filter]);
}
