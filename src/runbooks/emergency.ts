// The playbook's emergency table (its seven situations and what to do), as data, linked to the runbooks
// that apply. "OpenBao sealed" links to the unseal runbook, which the OpenBao module provides.
import type { Runbook } from './schema.js';

export interface EmergencyEntry {
  situation: string;
  /** The playbook's words. */
  whatToDo: string;
  runbookIds: string[];
}

export const EMERGENCY_TABLE: readonly EmergencyEntry[] = [
  { situation: 'Server unreachable', whatToDo: 'Check Scaleway console, reboot if needed', runbookIds: [] },
  { situation: 'OpenBao sealed', whatToDo: 'Unseal with 3 of 5 keys', runbookIds: ['vault-unseal'] },
  { situation: 'Database down', whatToDo: 'Check CloudNativePG operator logs, restart if needed', runbookIds: ['postgres-operator-logs', 'restart-postgres'] },
  { situation: 'All apps 502', whatToDo: 'Check Pingora + Linkerd', runbookIds: ['pingora-linkerd-check', 'pingora-logs'] },
  { situation: 'Email not sending', whatToDo: 'Check Postfix MTA-out, Scaleway TEM status', runbookIds: ['postfix-logs'] },
  { situation: 'Sol☀️ unresponsive', whatToDo: 'Restart, check Mistral API connectivity', runbookIds: ['sol-restart', 'sol-brain-check', 'sol-logs'] },
  { situation: 'Certs expired', whatToDo: 'Delete cert resource, let cert-manager recreate', runbookIds: ['renew-pingora-tls'] },
];

export interface EmergencyRow extends EmergencyEntry {
  /** The linked runbooks that are loaded (the others are not available in this build or mode). */
  runbooks: Runbook[];
  missing: string[];
}

export function emergencyRows(runbooks: Runbook[]): EmergencyRow[] {
  const byId = new Map(runbooks.map((r) => [r.id, r]));
  return EMERGENCY_TABLE.map((e) => ({
    ...e,
    runbooks: e.runbookIds.map((id) => byId.get(id)).filter((r): r is Runbook => !!r),
    missing: e.runbookIds.filter((id) => !byId.has(id)),
  }));
}
