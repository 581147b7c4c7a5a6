// The action dialog: whatever state the flow is in (params, planning, confirm, running, done, error), drawn
// from actionView and the store's flow slice. Long parts (preflight, kubectl, detail, output) are cut to
// fit; the output keeps its tail. Once a step is drawn, a layout effect reports it to the draw guard (a
// confirming key counts only after that, see src/console/draw-guard.ts).
import { useLayoutEffect, useRef } from 'react';
import { useAppStore, useAppStoreApi } from '../../hooks/useAppStore.js';
import { markDrawn } from '../../src/console/draw-guard.js';
import { flowStateOf } from '../../src/runbooks/flow-state.js';
import type { ModalSpec } from '../../src/store/index.js';
import { actionView } from './action-lines.js';
import { ModalFrame, squeeze, wrapAll } from './ModalFrame.js';

export function ActionModal({ width, height }: { modal: ModalSpec<'action'>; width: number; height: number }) {
  const store = useAppStoreApi();
  const f = useAppStore((s) => s.flow);
  const output = useRef<string[]>([]);
  const state = flowStateOf({ flow: f });
  if (state.step === 'running') output.current = state.output.slice(-50);
  if (state.step === 'planning' || state.step === 'confirm') output.current = [];
  const view = (scrollable: boolean) => actionView(state, f.text, f.hiddenTyped, state.step === 'done' ? output.current : [], f.returnsAfterDryRun, { armed: f.armed, early: f.early, scrollable });
  const first = view(true);
  const v = first;
  const spin = v.spinner !== undefined;
  const room = Math.max(1, height - 4 - (spin ? 1 : 0));
  const w = Math.max(10, width - 4);
  const head = wrapAll(v.head, w);
  const tail = wrapAll(v.tail, w);
  // The running output is a tail: the newest lines stay on screen (output lines are cut, not wrapped).
  const all = wrapAll(v.middle, w);
  const space = Math.max(1, room - head.length - tail.length - 1);
  const scroll = Math.min(f.scroll, Math.max(0, all.length - space));
  const middle = state.step === 'running' ? v.middle.slice(-Math.max(0, room - head.length - tail.length)) : scroll > 0 ? [{ text: `↑ ${scroll} lines above (PgUp)`, tone: 'muted' as const }, ...all.slice(scroll + 1)] : all;
  const lines = squeeze(head, middle, tail, room);
  // The key line offers PgDn/PgUp only when the text is longer than the dialog (a y/N that fits has no "more").
  const footer = state.step !== 'running' && scroll === 0 && head.length + all.length + tail.length <= room ? view(false).footer : v.footer;
  // After the frame is committed: this step has been drawn (the guard starts), and the scroll is kept
  // clamped so that PgUp from "the end" moves at once.
  useLayoutEffect(() => {
    markDrawn(store, f.stepId);
    if (f.scroll > scroll) store.getState().actions.setFlowScroll(scroll);
  });
  // As tall as its content (at least 12 rows, so that the output tail has room), never taller than the screen.
  const h = Math.min(height, Math.max(12, lines.length + 4 + (spin ? 1 : 0)));
  return <ModalFrame title={v.title} lines={lines} footer={footer} width={width} height={h} border={v.border} spinner={v.spinner} />;
}
