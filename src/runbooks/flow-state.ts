// The action flow's states (src/runbooks/flow.ts drives them), alone in a small module so that what only draws
// or keeps them (the action dialog, the store's flow slice, the dialog's keys) does not load the executor and
// the writers with them.
import type { Action, ActionResult, ParamSpec, PreflightLine } from '../actions/types.js';
import type { FlowStep } from '../store/index.js';

export type FlowState =
  | { step: 'idle' }
  | { step: 'params'; runbookId: string; title: string; params: ParamSpec[]; values: Record<string, string> }
  | { step: 'planning'; title: string }
  | { step: 'confirm'; action: Action; preflight: PreflightLine[]; blocked?: string; prompt: string; hint?: string }
  | { step: 'running'; action: Action; dryRun: boolean; phase: string; waiting?: string; output: string[] }
  | { step: 'done'; action: Action; result: ActionResult }
  | { step: 'error'; message: string };

/** The flow's state as the store's flow slice holds it (only the flow writes it there). */
export function flowStateOf(state: { flow: { state: FlowStep } }): FlowState {
  return state.flow.state as FlowState;
}
