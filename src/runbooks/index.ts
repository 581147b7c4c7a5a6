// The engine's API for the UI (and anything else that drives actions), in the order a UI uses it:
//   1. picker:        loadRunbooks() once, then runbooksFor({ rung, selection }, readOnly, runbooks)
//   2. plan:          planRunbook(entry.runbook, { target: selection, params }, clients) -> Action
//                     (or a primitive: planRestart, planCertRenew, planPitr, planCnpgBackup, ...)
//   3. preflight:     preflight(action, { clients, params }) -> lines (label, value, ok/warn/blocking/info)
//   4. confirmation:  action.confirmation (none | yes-no default no | typed expect | secret prompt);
//                     confirmationSatisfied(action, input)
//   5. execute:       execute(action, params, { clients, journal, readOnly, dryRun, confirmation, onProgress, signal })
//   6. journal:       new Journal(); journal.addNote(text); journal.recordRungChange(prev, next)
//   7. timeline:      toTimeline(journal.read().entries, { incident })
//   8. COE:           exportCoe({ journalEntries, outDir, author })
// Or let createActionFlow(deps, onChange) drive steps 2-5 as a state machine whose states the modals render.
// Read-only mode: readOnlyRefusal / permitted are the one gate (the picker and the executor already apply it).
export { execute, type ExecuteContext } from '../actions/executor.js';
export { preflight, blockingLines } from '../actions/preflight.js';
export { confirmationFor, confirmationPrompt, confirmationSatisfied, maxTier, permitted, readOnlyRefusal, tierRank, TIERS } from '../actions/tiers.js';
export { maskParams, maskText, MASK } from '../actions/mask.js';
export type * from '../actions/types.js';
export { planRestart, resolveRestartTarget } from '../actions/primitives/restart.js';
export { planCertRenew, preferredRenewMethod, type RenewMethod } from '../actions/primitives/certificate.js';
export { planBarmanBackup, planCnpgBackup, backupName } from '../actions/primitives/backup.js';
export { planPitr, pitrPreflight, buildRecoveryManifest, manifestYaml, parseTargetTime } from '../actions/primitives/pitr.js';
export { planAcmeCheck, planCheck, planLogs } from '../actions/primitives/reads.js';
export { builtinRunbooks, loadRunbooks, planRunbook, type PlanInput } from './engine.js';
export { runbooksFor, type PickerContext, type PickerEntry } from './picker.js';
export { createActionFlow, type ActionFlow, type FlowDeps, type FlowState } from './flow.js';
export { EMERGENCY_TABLE, emergencyRows, type EmergencyEntry, type EmergencyRow } from './emergency.js';
export { certificateRows, type CertificateRow } from './cert-list.js';
export type { Runbook, RunbookDef, StepDef } from './schema.js';
export { Journal, readJournal, osUser, type JournalEntry, type JournalRead } from '../journal/journal.js';
export { toTimeline, lastIncident, type TimelineRow } from '../journal/timeline.js';
export { exportCoe, renderCoe, type CoeDraft } from '../journal/coe.js';
