// A scrolling window over `count` rows of which `height` fit, that moves only as far as it must to keep the
// cursor visible (so moving the cursor rewrites two lines, not the whole pane).
import { useRef } from 'react';

export function useViewport(cursor: number, height: number, count: number): number {
  const offset = useRef(0);
  let o = offset.current;
  const h = Math.max(1, height);
  if (cursor < o) o = cursor;
  if (cursor >= o + h) o = cursor - h + 1;
  o = Math.max(0, Math.min(o, Math.max(0, count - h)));
  offset.current = o;
  return o;
}
