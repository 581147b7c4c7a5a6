// The terminal's size: Ink's useWindowSize (follows resizes), unless a TerminalSizeProvider fixes it (tests
// render 80x24 and 200x60 frames that way; ink-testing-library's stdout has no rows).
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useWindowSize } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

const SizeContext = createContext<TerminalSize | null>(null);

export function TerminalSizeProvider({ size, children }: { size: TerminalSize; children?: ReactNode }) {
  return createElement(SizeContext.Provider, { value: size }, children);
}

export function useTerminalSize(): TerminalSize {
  const fixed = useContext(SizeContext);
  const live = useWindowSize();
  if (fixed) return fixed;
  return { columns: live.columns || 80, rows: live.rows || 24 };
}
