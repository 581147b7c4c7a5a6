// The action dialog: whatever state the flow is in (params, planning, confirm, running, done, error), drawn
// from actionView. Long parts (preflight, kubectl, detail, output) are cut to fit; the output keeps its tail.
import { useRef } from 'react';
import { useOps } from '../../hooks/useOps.js';
import type { ModalSpec } from '../../src/store/index.js';
import { actionView } from './action-lines.js';
import { ModalFrame, squeeze, wrapAll } from './ModalFrame.js';

export function ActionModal({ modal, width, height }: { modal: ModalSpec; width: number; height: number }) {
  const ops = useOps();
  const output = useRef<string[]>([]);
  const state = ops?.flowState ?? { step: 'error' as const, message: 'Runbooks are not available in this console.' };
  if (state.step === 'running') output.current = state.output.slice(-50);
  if (state.step === 'planning' || state.step === 'confirm') output.current = [];
  const v = actionView(state, String(modal.props?.input ?? ''), (ops?.hiddenLength ?? 0) > 0, state.step === 'done' ? output.current : [], ops?.returnsAfterDryRun ?? true);
  const spin = v.spinner !== undefined;
  const room = Math.max(1, height - 4 - (spin ? 1 : 0));
  const w = Math.max(10, width - 4);
  const head = wrapAll(v.head, w);
  const tail = wrapAll(v.tail, w);
  // The running output is a tail: the newest lines stay on screen (output lines are cut, not wrapped).
  const all = wrapAll(v.middle, w);
  const space = Math.max(1, room - head.length - tail.length - 1);
  const scroll = Math.min(ops?.scroll ?? 0, Math.max(0, all.length - space));
  // Kept clamped so that PgUp from "the end" moves at once.
  if (ops && ops.scroll > scroll) ops.scroll = scroll;
  const middle = state.step === 'running' ? v.middle.slice(-Math.max(0, room - head.length - tail.length)) : scroll > 0 ? [{ text: `↑ ${scroll} lines above (PgUp)`, tone: 'muted' as const }, ...all.slice(scroll + 1)] : all;
  const lines = squeeze(head, middle, tail, room);
  // As tall as its content (at least 12 rows, so that the output tail has room), never taller than the screen.
  const h = Math.min(height, Math.max(12, lines.length + 4 + (spin ? 1 : 0)));
  return <ModalFrame title={v.title} lines={lines} footer={v.footer} width={width} height={h} border={v.border} spinner={v.spinner} />;
}
