// Preflight: what the UI shows before the confirmation modal (replicas, readiness, PDBs; affected Ingresses
// and Secrets; the recoverability window...). Read-only; a 'blocking' line stops the executor.
import type { SourceClients } from '../sources/source.js';
import { errorSentence } from './error-sentence.js';
import type { Action, PreflightLine } from './types.js';

export async function preflight(
  action: Action,
  ctx: { clients: SourceClients; params?: Record<string, string>; now?: () => number },
): Promise<PreflightLine[]> {
  const lines: PreflightLine[] = [];
  for (const step of action.steps) {
    if (!step.preflight) continue;
    try {
      lines.push(...(await step.preflight({ clients: ctx.clients, params: ctx.params ?? {}, now: ctx.now ?? Date.now })));
    } catch (err) {
      lines.push({ label: step.title, value: `preflight could not read the cluster: ${errorSentence(err)}`, level: 'warn' });
    }
  }
  return lines;
}

export function blockingLines(lines: PreflightLine[]): PreflightLine[] {
  return lines.filter((l) => l.level === 'blocking');
}
